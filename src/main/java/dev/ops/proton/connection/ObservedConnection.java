package dev.ops.proton.connection;

import java.time.Instant;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnection;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;

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

    /** A connection as Get, Create, Update, Accept or Reject return it, with the owner tag read apart. */
    static ObservedConnection of(EnvironmentAccountConnection connection, String ownerTag) {
        return new ObservedConnection(
                connection.id(),
                connection.arn(),
                ConnectionState.valueOf(connection.statusAsString()),
                connection.environmentName(),
                connection.environmentAccountId(),
                connection.managementAccountId(),
                new ConnectionRoleArns(
                        connection.roleArn(), connection.codebuildRoleArn(), connection.componentRoleArn()),
                ownerTag,
                connection.requestedAt(),
                connection.lastModifiedAt());
    }

    /** A connection as List summarises it: no CodeBuild role and no tags. */
    static ObservedConnection ofSummary(EnvironmentAccountConnectionSummary summary) {
        return new ObservedConnection(
                summary.id(),
                summary.arn(),
                ConnectionState.valueOf(summary.statusAsString()),
                summary.environmentName(),
                summary.environmentAccountId(),
                summary.managementAccountId(),
                new ConnectionRoleArns(summary.roleArn(), null, summary.componentRoleArn()),
                null,
                summary.requestedAt(),
                summary.lastModifiedAt());
    }

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
