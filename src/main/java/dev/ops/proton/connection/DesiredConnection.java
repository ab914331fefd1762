package dev.ops.proton.connection;

import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.status.Pause;

/**
 * What an EnvironmentAccountConnection asks for, with its references already resolved.
 *
 * @param owner the ownership tag value, {@code <namespace>/<name>}
 * @param automaticAcceptance accept from the management account (false: a person accepts)
 * @param paused the {@code proton.ops.dev/paused} annotation is set: no AWS writes
 * @param deleting the resource is being deleted
 * @param deleteOnRemoval deletionPolicy Delete (false: Retain)
 * @param management ObserveOnly: report the connection, never write to AWS
 * @param adoption what to do with a live connection without ownership tag
 */
public record DesiredConnection(
        String owner,
        String environmentName,
        String environmentAccountId,
        String managementAccountId,
        ConnectionRoleArns roles,
        boolean automaticAcceptance,
        boolean paused,
        boolean deleting,
        boolean deleteOnRemoval,
        ManagementPolicy management,
        AdoptionPolicy adoption) {

    public DesiredConnection {
        management = management == null ? ManagementPolicy.FullControl : management;
        adoption = AdoptionPolicy.orDefault(adoption);
    }

    /** Under FullControl and AdoptOrCreate, the defaults. */
    public DesiredConnection(
            String owner,
            String environmentName,
            String environmentAccountId,
            String managementAccountId,
            ConnectionRoleArns roles,
            boolean automaticAcceptance,
            boolean paused,
            boolean deleting,
            boolean deleteOnRemoval) {
        this(
                owner,
                environmentName,
                environmentAccountId,
                managementAccountId,
                roles,
                automaticAcceptance,
                paused,
                deleting,
                deleteOnRemoval,
                null,
                null);
    }

    /** What the resource asks of a handshake (not a deletion), its accounts and roles resolved. */
    static DesiredConnection forHandshake(
            EnvironmentAccountConnection connection,
            String environmentAccountId,
            String managementAccountId,
            ConnectionRoleArns roles) {
        EnvironmentAccountConnectionSpec spec = connection.getSpec();
        return new DesiredConnection(
                OwnershipTag.value(
                        connection.getMetadata().getNamespace(),
                        connection.getMetadata().getName()),
                spec.environmentName(),
                environmentAccountId,
                managementAccountId,
                roles,
                spec.acceptance() != Acceptance.Manual,
                Pause.isPaused(connection),
                false,
                spec.deletionPolicy() == DeletionPolicy.Delete,
                spec.managementPolicy(),
                spec.adoptionPolicy());
    }

    public boolean observeOnly() {
        return management == ManagementPolicy.ObserveOnly;
    }

    /**
     * Whether the connection must be looked up by its environment name before anything is requested: ObserveOnly and
     * AdoptOnly never request one, so the Create that finds an existing connection by its conflict is not theirs.
     */
    public boolean findsBeforeCreating() {
        return observeOnly() || adoption == AdoptionPolicy.AdoptOnly;
    }
}
