package dev.ops.proton.connection;

import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.Progress;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the role references of a connection: an ARN as written, or the output of a ConnectionRoles stack in the
 * same namespace, which may not exist yet (then the connection waits, and wakes when the stack reports it).
 */
final class RoleResolution {

    private RoleResolution() {}

    /** The three ARNs, or why they are not known yet. */
    record Result(ConnectionRoleArns roles, Progress waiting) {}

    static Result resolve(EnvironmentAccountConnectionSpec spec, Function<String, Optional<ConnectionRoles>> lookup) {
        String[] arns = new String[3];
        RoleReference[] references = {spec.role(), spec.codebuildRole(), spec.componentRole()};
        for (int i = 0; i < references.length; i++) {
            RoleReference reference = references[i];
            if (reference == null) {
                continue;
            }
            if (reference.arn() != null) {
                arns[i] = reference.arn();
                continue;
            }
            ConnectionRolesOutputRef ref = reference.fromConnectionRoles();
            Optional<ConnectionRoles> roles = lookup.apply(ref.name());
            if (roles.isEmpty()) {
                return new Result(
                        null,
                        Progress.reconciling(
                                "WaitingForRoles",
                                "Waiting for ConnectionRoles " + ref.name() + ", which does not exist yet"));
            }
            Map<String, String> outputs = roles.get().getStatus() == null
                    ? null
                    : roles.get().getStatus().outputs();
            String arn = outputs == null ? null : outputs.get(ref.output());
            if (arn == null) {
                return new Result(
                        null,
                        Progress.reconciling(
                                "WaitingForRoles",
                                "Waiting for ConnectionRoles " + ref.name() + " to report output " + ref.output()));
            }
            arns[i] = arn;
        }
        return new Result(new ConnectionRoleArns(arns[0], arns[1], arns[2]), null);
    }
}
