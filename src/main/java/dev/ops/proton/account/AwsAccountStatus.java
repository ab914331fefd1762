package dev.ops.proton.account;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.status.ConditionedStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What the operator proved about the account. */
public record AwsAccountStatus(
        @JsonPropertyDescription("The generation of the spec this status describes.")
        Long observedGeneration,

        @JsonPropertyDescription("The account GetCallerIdentity reported.")
        String accountId,

        @JsonPropertyDescription("The identity the operator acts as in the account.")
        String identityArn,

        @JsonPropertyDescription("The identity the Ready condition proved: account id and role, with the session name"
                + " and the ExternalId's Secret reference. An edit that keeps it (e.g. allowing another namespace)"
                + " leaves the resources using the account undisturbed while it is verified again.")
        String verifiedIdentity,

        @JsonPropertyDescription("Ready, Reconciling and Stalled, following kstatus.")
        List<Condition> conditions,

        @JsonPropertyDescription("The value of the annotation proton.ops.dev/reconcile-requested-at the operator "
                + "last handled by observing AWS afresh.")
        String lastHandledReconcileAt)
        implements ConditionedStatus {

    /** Without a handled reconcile request; the controller sets it with {@link #withLastHandledReconcileAt}. */
    public AwsAccountStatus(
            Long observedGeneration,
            String accountId,
            String identityArn,
            String verifiedIdentity,
            List<Condition> conditions) {
        this(observedGeneration, accountId, identityArn, verifiedIdentity, conditions, null);
    }

    public AwsAccountStatus withLastHandledReconcileAt(String handled) {
        return new AwsAccountStatus(observedGeneration, accountId, identityArn, verifiedIdentity, conditions, handled);
    }
}
