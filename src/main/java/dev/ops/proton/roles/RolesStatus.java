package dev.ops.proton.roles;

import dev.ops.proton.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/**
 * Builds a ConnectionRoles status from a step's {@link StackOutcome}, keeping what the step did not observe (the last
 * stack id, status and outputs) and never recording another owner's stack: its id, status and outputs are not this
 * resource's. ObserveOnly reports whatever stack it found, whoever owns it: it never writes, so the record is
 * harmless, and a switch to FullControl re-checks the owner before any write. The handled reconcile request is left
 * to the reconciler.
 */
final class RolesStatus {

    private RolesStatus() {}

    static ConnectionRolesStatus build(
            Conditions conditions, ConnectionRolesStatus old, long generation, StackOutcome outcome) {
        List<Condition> updated =
                conditions.summarize(old == null ? null : old.conditions(), outcome.progress(), generation);
        boolean foreign =
                StackReasons.OWNED_BY_ANOTHER.equals(outcome.progress().reason());
        return new ConnectionRolesStatus(
                generation,
                foreign ? null : outcome.stack().map(ObservedStack::stackId).orElse(old == null ? null : old.stackId()),
                foreign
                        ? null
                        : outcome.stack()
                                .map(ObservedStack::stackStatus)
                                .orElse(old == null ? null : old.stackStatus()),
                foreign ? null : outputs(outcome, old),
                outcome.progress().isStalled()
                        ? (outcome.failure() != null ? outcome.failure() : old == null ? null : old.failure())
                        : null,
                outcome.memory().lastAppliedHash(),
                outcome.memory().lastAttemptedHash(),
                updated,
                null);
    }

    private static Map<String, String> outputs(StackOutcome outcome, ConnectionRolesStatus old) {
        Map<String, String> observed =
                outcome.stack().map(ObservedStack::outputs).orElse(Map.of());
        if (!observed.isEmpty()) {
            return observed;
        }
        return old == null ? null : old.outputs();
    }
}
