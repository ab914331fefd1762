package dev.ops.proton.connection;

import java.time.Instant;

/**
 * A Proton environment account connection as AWS reports it, with the ownership tag the operator puts on what it
 * creates or adopts (null when untagged).
 */
public record ObservedConnection(
        String id,
        String arn,
        ConnectionState state,
        String environmentName,
        String environmentAccountId,
        String managementAccountId,
        ConnectionRoleArns roles,
        String ownerTag,
        Instant requestedAt,
        Instant lastModifiedAt) {

    public boolean isOwnedByAnother(String owner) {
        return ownerTag != null && !ownerTag.equals(owner);
    }

    public ObservedConnection withOwnerTag(String tag) {
        return new ObservedConnection(
                id,
                arn,
                state,
                environmentName,
                environmentAccountId,
                managementAccountId,
                roles,
                tag,
                requestedAt,
                lastModifiedAt);
    }
}
