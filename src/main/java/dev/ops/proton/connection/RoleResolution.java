package dev.ops.proton.connection;

import dev.ops.proton.model.Patterns;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.roles.ConnectionRolesStatus;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.Progress;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolves the role references of a connection: an ARN as written, or the output of a ConnectionRoles stack in the
 * same namespace, which may not exist yet (then the connection waits, and wakes when the stack reports it).
 *
 * <p>Waiting stops where waiting can't help: a ConnectionRoles that is stalled itself, or ready without the named
 * output, or an output that is not an IAM role ARN stalls the connection with what to fix. Every role must belong
 * to the environment account, since Proton uses it there; a role in another account stalls the connection before
 * any Proton call.
 */
final class RoleResolution {

    private static final java.util.regex.Pattern ROLE_ARN = java.util.regex.Pattern.compile(Patterns.ROLE_ARN);
    private static final String[] FIELDS = {"spec.role", "spec.codebuildRole", "spec.componentRole"};

    private RoleResolution() {}

    /** The three ARNs, or why they are not known yet (Reconciling) or can't be used (Stalled). */
    record Result(ConnectionRoleArns roles, Progress waiting) {}

    /**
     * @param environmentAccountId the account every role must belong to
     */
    static Result resolve(
            EnvironmentAccountConnectionSpec spec,
            String environmentAccountId,
            Function<String, Optional<ConnectionRoles>> lookup) {
        String[] arns = new String[3];
        RoleReference[] references = {spec.role(), spec.codebuildRole(), spec.componentRole()};
        for (int i = 0; i < references.length; i++) {
            RoleReference reference = references[i];
            if (reference == null) {
                continue;
            }
            if (reference.arn() != null) {
                arns[i] = reference.arn();
            } else {
                Result fromRoles = fromConnectionRoles(FIELDS[i], reference.fromConnectionRoles(), lookup);
                if (fromRoles.waiting() != null) {
                    return fromRoles;
                }
                arns[i] = fromRoles.roles().roleArn();
            }
            String from = reference.arn() != null
                    ? ""
                    : " (output " + reference.fromConnectionRoles().output() + " of ConnectionRoles "
                            + reference.fromConnectionRoles().name() + ")";
            if (!ROLE_ARN.matcher(arns[i]).matches()) {
                return new Result(
                        null,
                        Progress.stalled(
                                "InvalidRoleArn",
                                FIELDS[i] + from + " is " + arns[i]
                                        + ", not an IAM role ARN; name a role ARN (arn:aws:iam::<account>:role/<name>)"));
            }
            String account = arns[i].split(":")[4];
            if (!account.equals(environmentAccountId)) {
                return new Result(
                        null,
                        Progress.stalled(
                                "RoleInOtherAccount",
                                FIELDS[i] + from + " is " + arns[i] + " in account " + account
                                        + ", but Proton uses it in environment account " + environmentAccountId
                                        + "; name a role of the environment account"));
            }
        }
        return new Result(new ConnectionRoleArns(arns[0], arns[1], arns[2]), null);
    }

    private static Result fromConnectionRoles(
            String field, ConnectionRolesOutputRef ref, Function<String, Optional<ConnectionRoles>> lookup) {
        Optional<ConnectionRoles> roles = lookup.apply(ref.name());
        if (roles.isEmpty()) {
            return waiting("Waiting for ConnectionRoles " + ref.name() + ", which does not exist yet");
        }
        ConnectionRolesStatus status = roles.get().getStatus();
        Map<String, String> outputs = status == null || status.outputs() == null ? Map.of() : status.outputs();
        String arn = outputs.get(ref.output());
        if (arn != null) {
            return new Result(new ConnectionRoleArns(arn, null, null), null);
        }
        boolean current = status != null
                && Objects.equals(
                        status.observedGeneration(), roles.get().getMetadata().getGeneration());
        if (current && Conditions.isTrue(status.conditions(), ConditionTypes.STALLED)) {
            Condition stalled = Conditions.find(status.conditions(), ConditionTypes.STALLED);
            return stalled(
                    "RolesNotReady",
                    field + ": ConnectionRoles " + ref.name() + " is stalled (" + stalled.getReason() + "): "
                            + stalled.getMessage());
        }
        if (current && Conditions.isTrue(status.conditions(), ConditionTypes.READY)) {
            return stalled(
                    "RoleOutputNotFound",
                    field + ": ConnectionRoles " + ref.name() + " is ready but its stack has no output "
                            + ref.output() + "; its outputs are " + new TreeSet<>(outputs.keySet())
                            + ". Name one of them in fromConnectionRoles.output, or add the output to the template");
        }
        return waiting("Waiting for ConnectionRoles " + ref.name() + " to report output " + ref.output());
    }

    private static Result waiting(String message) {
        return new Result(null, Progress.reconciling("WaitingForRoles", message));
    }

    private static Result stalled(String reason, String message) {
        return new Result(null, Progress.stalled(reason, message));
    }
}
