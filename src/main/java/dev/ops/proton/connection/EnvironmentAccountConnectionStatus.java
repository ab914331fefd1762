package dev.ops.proton.connection;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.status.ConditionedStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Where the connection stands in Proton. */
public record EnvironmentAccountConnectionStatus(
        @JsonPropertyDescription("The generation of the spec this status describes.")
        Long observedGeneration,

        @JsonPropertyDescription("The Proton connection id.")
        String connectionId,

        @JsonPropertyDescription("The Proton connection ARN.")
        String arn,

        @JsonPropertyDescription("PENDING, CONNECTED or REJECTED.")
        String state,

        @JsonPropertyDescription("The environment account id.")
        String environmentAccountId,

        @JsonPropertyDescription("The management account id.")
        String managementAccountId,

        @JsonPropertyDescription("The connection's role.") String roleArn,

        @JsonPropertyDescription("The connection's CodeBuild role.")
        String codebuildRoleArn,

        @JsonPropertyDescription("The connection's component role.")
        String componentRoleArn,

        @JsonPropertyDescription("When the connection was requested (RFC 3339).")
        String requestedAt,

        @JsonPropertyDescription("When Proton last changed the connection (RFC 3339).")
        String lastModifiedAt,

        @JsonPropertyDescription("Requested, Accepted, Ready, Reconciling and Stalled.")
        List<Condition> conditions,

        @JsonPropertyDescription("The value of the annotation proton.ops.dev/reconcile-requested-at the operator "
                + "last handled by observing AWS afresh.")
        String lastHandledReconcileAt)
        implements ConditionedStatus {

    /** The same status after the controller handled this reconcile request. */
    public EnvironmentAccountConnectionStatus withLastHandledReconcileAt(String handled) {
        return new EnvironmentAccountConnectionStatus(
                observedGeneration,
                connectionId,
                arn,
                state,
                environmentAccountId,
                managementAccountId,
                roleArn,
                codebuildRoleArn,
                componentRoleArn,
                requestedAt,
                lastModifiedAt,
                conditions,
                handled);
    }
}
