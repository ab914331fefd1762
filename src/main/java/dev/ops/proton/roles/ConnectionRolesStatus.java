package dev.ops.proton.roles;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.status.ConditionedStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/** Where the stack stands. */
public record ConnectionRolesStatus(
        @JsonPropertyDescription("The generation of the spec this status describes.")
        Long observedGeneration,

        @JsonPropertyDescription("The CloudFormation stack id.")
        String stackId,

        @JsonPropertyDescription("The CloudFormation stack status.")
        String stackStatus,

        @JsonPropertyDescription("The stack outputs (role ARNs, the switch-role URL).")
        Map<String, String> outputs,

        @JsonPropertyDescription("Why the last create or update failed.")
        StackFailure failure,

        @JsonPropertyDescription("Hash of the template, parameters, capabilities and tags last applied.")
        String appliedHash,

        @JsonPropertyDescription("Hash of the template, parameters, capabilities and tags last attempted and not "
                + "yet applied (a failure of the same hash is not retried until the spec changes).")
        String attemptedHash,

        @JsonPropertyDescription("Ready, Reconciling and Stalled, following kstatus.")
        List<Condition> conditions,

        @JsonPropertyDescription("The value of the annotation proton.ops.dev/reconcile-requested-at the operator "
                + "last handled by observing AWS afresh.")
        String lastHandledReconcileAt)
        implements ConditionedStatus {

    /** The same status after the controller handled this reconcile request. */
    public ConnectionRolesStatus withLastHandledReconcileAt(String handled) {
        return new ConnectionRolesStatus(
                observedGeneration,
                stackId,
                stackStatus,
                outputs,
                failure,
                appliedHash,
                attemptedHash,
                conditions,
                handled);
    }
}
