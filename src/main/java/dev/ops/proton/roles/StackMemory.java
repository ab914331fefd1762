package dev.ops.proton.roles;

import dev.ops.proton.roles.StackAction.CreateStack;
import dev.ops.proton.roles.StackAction.Done;
import dev.ops.proton.roles.StackAction.ExecuteChangeSet;
import dev.ops.proton.roles.StackAction.RecordNoChange;

/**
 * What a ConnectionRoles status remembers about its stack between reconciles, because CloudFormation cannot say it:
 * which desired state the stack last matched, and which desired state the last create or update tried. Without the
 * second, a stack in {@code ROLLBACK_COMPLETE} could not tell a failure of the current spec (stay stalled) from a
 * failure of an older one (delete and create anew), and the operator would loop create, fail, delete.
 *
 * @param lastAppliedHash desired hash the stack was last seen to match; null before the first success
 * @param lastAttemptedHash desired hash of the last CreateStack or ExecuteChangeSet not yet seen to succeed; null
 *     when none is outstanding
 */
public record StackMemory(String lastAppliedHash, String lastAttemptedHash) {

    /** A resource that has never reconciled. */
    public static final StackMemory NONE = new StackMemory(null, null);

    /** The memory once {@code action} for the desired state with {@code desiredHash} has been carried out. */
    public StackMemory after(StackAction action, String desiredHash) {
        if (action instanceof CreateStack || action instanceof ExecuteChangeSet) {
            return new StackMemory(lastAppliedHash, desiredHash);
        }
        if (action instanceof StackAction.Observed) {
            // what was applied under FullControl no longer says anything once someone else may change the stack: a
            // switch back compares the stack with the spec afresh (a change set, empty when nothing differs)
            return NONE;
        }
        if (action instanceof Done || action instanceof RecordNoChange) {
            return new StackMemory(desiredHash, null);
        }
        return this;
    }
}
