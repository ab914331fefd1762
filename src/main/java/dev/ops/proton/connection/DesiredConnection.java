package dev.ops.proton.connection;

/**
 * What an EnvironmentAccountConnection asks for, with its references already resolved.
 *
 * @param owner the ownership tag value, {@code <namespace>/<name>}
 * @param automaticAcceptance accept from the management account (false: a person accepts)
 * @param paused the {@code proton.ops.dev/paused} annotation is set: no AWS writes
 * @param deleting the resource is being deleted
 * @param deleteOnRemoval deletionPolicy Delete (false: Retain)
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
        boolean deleteOnRemoval) {}
