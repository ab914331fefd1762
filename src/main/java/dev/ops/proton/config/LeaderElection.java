package dev.ops.proton.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Leader election for the two-replica Deployment: only the holder of the Lease reconciles, the other stands by.
 * The Lease name must match the Role in deploy/role.yaml; its namespace is the client's (in a pod, the
 * ServiceAccount's); the identity is {@code HOSTNAME} (the pod's name). Off in dev and test, where one process runs.
 *
 * <p>JOSDK is told not to exit when leadership stops: JOSDK 5.1.5 calls {@code System.exit} from that callback, and
 * on SIGTERM the callback runs during the JVM's shutdown, where {@code System.exit} blocks for ever (JOSDK issues
 * 1614 and 2496, fixed upstream by pull request 3383, not in a release that builds with Quarkus 3.27 here).
 * {@link LeaderStepDown} ends the process itself when the Lease is really lost, and releases it on shutdown.
 *
 * <p>Timings (JOSDK's defaults, measured in the process suite, see docs/installing.md): after a crash the standby
 * leads once the Lease expires, within {@link #LEASE_DURATION} plus one {@link #RETRY_PERIOD} with jitter (13.5 to
 * 17.1 s measured); on SIGTERM the leader releases the Lease, and the standby leads within one retry period with jitter.
 */
@Singleton
@IfBuildProfile("prod")
public class LeaderElection extends LeaderElectionConfiguration {

    public static final String LEASE_NAME = "proton-connection-operator";
    /** How long a Lease not renewed stays held: the longest a crashed leader leaves nobody reconciling. */
    static final Duration LEASE_DURATION = Duration.ofSeconds(15);
    /** How long the leader keeps trying to renew before it gives up leading (and {@link LeaderStepDown} ends the process). */
    static final Duration RENEW_DEADLINE = Duration.ofSeconds(10);
    /** How often the leader renews and a standby tries to acquire (with up to 120% jitter for a standby). */
    static final Duration RETRY_PERIOD = Duration.ofSeconds(2);

    @Inject
    public LeaderElection(LeaderStepDown stepDown) {
        super(
                LEASE_NAME,
                null,
                LEASE_DURATION,
                RENEW_DEADLINE,
                RETRY_PERIOD,
                stepDown.identity(),
                new LeaderCallbacks(stepDown::startedLeading, stepDown::stoppedLeading, newLeader -> {}),
                false);
    }
}
