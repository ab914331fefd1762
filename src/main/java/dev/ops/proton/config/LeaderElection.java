package dev.ops.proton.config;

import dev.ops.proton.metrics.LeaderGauge;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.inject.Singleton;

/**
 * Leader election for the two-replica Deployment: only the holder of the Lease reconciles, the other stands by.
 * The Lease name must match the Role in deploy/role.yaml. Off in dev and test, where one process runs. Who leads is
 * exported as {@code proton_operator_leader} ({@link LeaderGauge}).
 */
@Singleton
@IfBuildProfile("prod")
public class LeaderElection extends LeaderElectionConfiguration {

    public static final String LEASE_NAME = "proton-connection-operator";

    public LeaderElection(LeaderGauge leader) {
        super(
                LEASE_NAME,
                null,
                LEASE_DURATION_DEFAULT_VALUE,
                RENEW_DEADLINE_DEFAULT_VALUE,
                RETRY_PERIOD_DEFAULT_VALUE,
                null,
                new LeaderCallbacks(leader::startedLeading, leader::stoppedLeading, newLeader -> {}),
                true);
        leader.awaitingLease();
    }
}
