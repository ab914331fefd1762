package dev.ops.proton.account;

import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import java.util.Objects;

/**
 * Who the operator is in an AwsAccount's account: the account id and the role it assumes there (with the session
 * name and the ExternalId's Secret reference), or its own identity. Verification proves exactly this, and the
 * AwsAccount's status records what it proved ({@link AwsAccountStatus#verifiedIdentity()}). So an edit of the rest of
 * the spec (allowed namespaces, region) leaves the account usable at once: its Ready dependents stay Ready while the
 * controller verifies it again, and only a namespace no longer allowed stops its own resources.
 */
public final class AccountIdentity {

    private AccountIdentity() {}

    /** A readable statement of the identity the spec declares (no secret: the ExternalId only by reference). */
    public static String of(AwsAccountSpec spec) {
        AssumeRole role = spec.assumeRole();
        if (role == null) {
            return "account " + spec.accountId() + " as the operator's own identity";
        }
        String externalId = role.externalId() == null || role.externalId().secretRef() == null
                ? "no ExternalId"
                : "ExternalId from Secret " + role.externalId().secretRef().name() + " key "
                        + role.externalId().secretRef().key();
        return "account " + spec.accountId() + " as " + role.roleArn() + " (session "
                + (role.sessionName() == null ? AwsAccountSettings.DEFAULT_SESSION_NAME : role.sessionName()) + ", "
                + externalId + ")";
    }

    /** Whether the account's Ready condition proved the identity its spec declares now. */
    public static boolean isProven(AwsAccount account) {
        AwsAccountStatus status = account.getStatus();
        if (status == null || !Conditions.isTrue(status.conditions(), ConditionTypes.READY)) {
            return false;
        }
        return Objects.equals(status.observedGeneration(), account.getMetadata().getGeneration())
                || Objects.equals(status.verifiedIdentity(), of(account.getSpec()));
    }
}
