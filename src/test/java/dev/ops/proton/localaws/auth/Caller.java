package dev.ops.proton.localaws.auth;

import java.util.Map;
import java.util.Objects;

/**
 * The authenticated identity behind a request: an account root (long-term keys) or an assumed-role session
 * (temporary credentials issued by the local STS).
 *
 * @param accountId the 12-digit account the caller acts in
 * @param arn the caller's ARN as GetCallerIdentity reports it
 * @param userId the caller's unique id as GetCallerIdentity reports it
 * @param accessKeyId the access key id the request was signed with
 * @param roleArn for an assumed-role session, the IAM role's ARN; null for a root caller
 * @param transitiveTags the session's transitive session tags, which a role chained from it inherits
 */
public record Caller(
        String accountId,
        String arn,
        String userId,
        String accessKeyId,
        String roleArn,
        Map<String, String> transitiveTags) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(userId, "userId");
        transitiveTags = Map.copyOf(transitiveTags);
    }

    public Caller(String accountId, String arn, String userId, String accessKeyId, String roleArn) {
        this(accountId, arn, userId, accessKeyId, roleArn, Map.of());
    }

    public static Caller root(String accountId, String accessKeyId) {
        return new Caller(accountId, "arn:aws:iam::" + accountId + ":root", accountId, accessKeyId, null);
    }

    public boolean isRoot() {
        return roleArn == null;
    }
}
