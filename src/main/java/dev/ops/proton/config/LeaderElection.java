package dev.ops.proton.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.profile.IfBuildProfile;
import jakarta.inject.Singleton;

/**
 * Leader election for the two-replica Deployment: only the holder of the Lease reconciles, the other stands by.
 * The Lease name must match the Role in deploy/role.yaml. Off in dev and test, where one process runs.
 */
@Singleton
@IfBuildProfile("prod")
public class LeaderElection extends LeaderElectionConfiguration {

    public static final String LEASE_NAME = "proton-connection-operator";

    public LeaderElection() {
        super(LEASE_NAME);
    }
}
