package dev.ops.proton.config;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * How this replica stops leading.
 *
 * <ul>
 *   <li>On shutdown (SIGTERM): once JOSDK has stopped the operator and its leader elector, the Lease's holder is
 *       cleared, so the standby leads within one retry period instead of after the Lease expires. JOSDK's own
 *       release (Fabric8 7.3.1's {@code releaseOnCancel}) sends the record as a JSON merge patch without the holder,
 *       which leaves the holder in place, and the standby still waits out the whole lease duration.
 *   <li>Otherwise the Lease was really lost (renewals failed past the renew deadline, or another replica took it):
 *       reconciling on would race the new leader, so the process ends through Quarkus's own shutdown rather than
 *       {@code System.exit} from the elector's thread, and the Deployment restarts it as a standby.
 * </ul>
 */
@Singleton
@IfBuildProfile("prod")
public class LeaderStepDown {

    private static final Logger LOG = Logger.getLogger(LeaderStepDown.class);
    /** Stopping the elector is one Lease read and one update; beyond this the API server is not answering anyway. */
    private static final long STOP_WAIT_SECONDS = 3;

    private final KubernetesClient client;
    private final String identity;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean leading;
    private volatile boolean leadingAtShutdown;

    public LeaderStepDown(KubernetesClient client) {
        this.client = client;
        this.identity = Optional.ofNullable(System.getenv("HOSTNAME"))
                .filter(name -> !name.isBlank())
                .orElseGet(() -> UUID.randomUUID().toString());
    }

    /** This replica's name in the Lease: the pod's name ({@code HOSTNAME}), as JOSDK would pick. */
    String identity() {
        return identity;
    }

    void startedLeading() {
        leading = true;
    }

    void stoppedLeading() {
        boolean wasLeading = leading;
        leading = false;
        stopped.countDown();
        if (!shuttingDown.get() && wasLeading) {
            LOG.error("Lost the leader election Lease: ending the process so that only the new leader reconciles");
            Quarkus.asyncExit(1);
        }
    }

    /** Runs before the operator extension stops the operator (at the default priority). */
    void markShuttingDown(@Observes @Priority(1) ShutdownEvent event) {
        leadingAtShutdown = leading;
        shuttingDown.set(true);
    }

    /** Runs after the operator is stopped: hands the Lease over before the Kubernetes client closes. */
    void releaseLease(@Observes @Priority(10_000) ShutdownEvent event) throws InterruptedException {
        if (!leadingAtShutdown) {
            return;
        }
        if (!stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            LOG.warn("The leader elector did not stop in time; the standby leads once the Lease expires");
            return;
        }
        try {
            Lease lease = client.leases().withName(LeaderElection.LEASE_NAME).get();
            if (lease == null
                    || lease.getSpec() == null
                    || !identity.equals(lease.getSpec().getHolderIdentity())) {
                return;
            }
            lease.getSpec().setHolderIdentity(null);
            client.resource(lease).update();
            LOG.info("Stopped leading on shutdown and released the Lease for the standby");
        } catch (KubernetesClientException e) {
            LOG.warnf("Could not release the Lease (%s); the standby leads once it expires", e.getMessage());
        }
    }
}
