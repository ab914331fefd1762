package dev.ops.proton.localaws.proton;

import java.time.Instant;
import java.util.Map;

/** One environment account connection; immutable, replaced on change. */
record Connection(
        String id,
        String arn,
        String region,
        String environmentAccountId,
        String managementAccountId,
        String environmentName,
        String roleArn,
        String codebuildRoleArn,
        String componentRoleArn,
        String status,
        Instant requestedAt,
        Instant lastModifiedAt,
        Map<String, String> tags) {

    Connection {
        tags = Map.copyOf(tags);
    }

    boolean isLive() {
        return !"REJECTED".equals(status);
    }

    boolean isVisibleTo(String account, String callerRegion) {
        return region.equals(callerRegion)
                && (account.equals(environmentAccountId) || account.equals(managementAccountId));
    }

    Connection withStatus(String newStatus, Instant at) {
        return new Connection(
                id,
                arn,
                region,
                environmentAccountId,
                managementAccountId,
                environmentName,
                roleArn,
                codebuildRoleArn,
                componentRoleArn,
                newStatus,
                requestedAt,
                at,
                tags);
    }

    Connection withRoles(String newRole, String newCodebuildRole, String newComponentRole, Instant at) {
        return new Connection(
                id,
                arn,
                region,
                environmentAccountId,
                managementAccountId,
                environmentName,
                newRole,
                newCodebuildRole,
                newComponentRole,
                status,
                requestedAt,
                at,
                tags);
    }

    Connection withTags(Map<String, String> newTags) {
        return new Connection(
                id,
                arn,
                region,
                environmentAccountId,
                managementAccountId,
                environmentName,
                roleArn,
                codebuildRoleArn,
                componentRoleArn,
                status,
                requestedAt,
                lastModifiedAt,
                newTags);
    }
}
