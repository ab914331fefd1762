package dev.ops.proton.roles;

import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ControlReasons;
import dev.ops.proton.roles.DesiredStack.DeletionPolicy;
import dev.ops.proton.roles.StackAction.CreateStack;
import dev.ops.proton.roles.StackAction.CreateUpdateChangeSet;
import dev.ops.proton.roles.StackAction.DeleteChangeSet;
import dev.ops.proton.roles.StackAction.DeleteStack;
import dev.ops.proton.roles.StackAction.Done;
import dev.ops.proton.roles.StackAction.ExecuteChangeSet;
import dev.ops.proton.roles.StackAction.Paused;
import dev.ops.proton.roles.StackAction.RecordNoChange;
import dev.ops.proton.roles.StackAction.Release;
import dev.ops.proton.roles.StackAction.SetTerminationProtection;
import dev.ops.proton.roles.StackAction.Stall;
import dev.ops.proton.roles.StackAction.Wait;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the one next step for a ConnectionRoles stack from the desired stack, the observed one and the status
 * memory; pure, so every rule is a table row in its test. The rules, in CloudFormation's terms:
 * <ul>
 * <li>An absent (or {@code DELETE_COMPLETE}) stack is created; a stack whose ownership tag names another resource
 * is never touched; a stack without the tag is adopted, and the next update adds the tag.</li>
 * <li>Any {@code *_IN_PROGRESS} status waits, except {@code REVIEW_IN_PROGRESS}, which waits for a person.</li>
 * <li>Updates go through a change set named for the desired hash: an empty one is never executed, and a spec whose
 * hash was applied makes no AWS write at all.</li>
 * <li>{@code ROLLBACK_COMPLETE} (a failed create) stays stalled while the spec is the one that failed; a new spec
 * deletes the stack and creates it anew. {@code UPDATE_ROLLBACK_COMPLETE} keeps the old stack and its outputs
 * usable and reports the failure until the spec changes.</li>
 * <li>Deletion with policy Retain, of a foreign stack, or of a stack already gone, lets go; with policy Delete the
 * stack is deleted unless termination protection is on.</li>
 * <li>ObserveOnly never writes: a usable stack is {@link StackAction.Observed} (whoever owns it), a missing one
 * awaited, a failed one reported; deletion lets go. AdoptOnly never creates (it awaits a stack to adopt);
 * CreateOnly never adopts (an untagged stack stalls it).</li>
 * </ul>
 */
public final class StackDecision {

    private static final String IN_PROGRESS = "_IN_PROGRESS";
    private static final String REVIEW_IN_PROGRESS = "REVIEW_IN_PROGRESS";
    private static final String DELETE_COMPLETE = "DELETE_COMPLETE";
    private static final String DELETE_FAILED = "DELETE_FAILED";
    private static final Set<String> SUCCEEDED = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");
    private static final Set<String> ROLLED_BACK = Set.of("UPDATE_ROLLBACK_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");
    private static final Set<String> FAILED_CREATE = Set.of("ROLLBACK_COMPLETE", "CREATE_FAILED");

    private StackDecision() {}

    /**
     * Whether the decision needs the change set named for the desired hash: only while the desired state is not
     * known to be applied, so a steady stack costs one DescribeStacks per reconcile.
     */
    public static boolean needsChangeSet(DesiredStack desired, StackMemory memory) {
        return !desired.deleting()
                && !desired.paused()
                && !desired.observeOnly()
                && !desired.desiredHash().equals(memory.lastAppliedHash());
    }

    public static StackAction decide(DesiredStack desired, Optional<ObservedStack> observed, StackMemory memory) {
        Optional<ObservedStack> existing = observed.filter(stack -> !DELETE_COMPLETE.equals(stack.stackStatus()));
        if (desired.observeOnly()) {
            return observe(desired, existing);
        }
        if (desired.deleting()) {
            return existing.isPresent()
                    ? forDeletion(desired, existing.get())
                    : new Release("Stack " + desired.stackName() + " does not exist; there is nothing to delete.");
        }
        if (desired.paused()) {
            return new Paused();
        }
        if (existing.isEmpty()) {
            return desired.adoption() == AdoptionPolicy.AdoptOnly
                    ? new Wait(
                            ControlReasons.AWAITING_OBJECT,
                            "No stack named " + desired.stackName() + " exists to adopt; adoptionPolicy AdoptOnly"
                                    + " never creates one.")
                    : new CreateStack();
        }
        ObservedStack stack = existing.get();
        String status = stack.stackStatus();
        if (ownedByAnother(desired, stack)) {
            return new Stall(
                    StackReasons.OWNED_BY_ANOTHER,
                    "Stack " + desired.stackName() + " belongs to "
                            + stack.owner() + " (tag " + DesiredStack.OWNER_TAG + "), not to " + desired.owner()
                            + ". Choose another stackName, or remove the tag from the stack to let this resource adopt it.",
                    false);
        }
        if (stack.owner() == null && desired.adoption() == AdoptionPolicy.CreateOnly) {
            return new Stall(
                    ControlReasons.ADOPTION_REFUSED,
                    "Stack " + desired.stackName() + " (" + stack.stackId() + ", " + status + ") already exists"
                            + " without tag " + DesiredStack.OWNER_TAG + ", and adoptionPolicy CreateOnly never adopts."
                            + " Choose another stackName, delete that stack, or set adoptionPolicy AdoptOrCreate.",
                    false);
        }
        if (REVIEW_IN_PROGRESS.equals(status)) {
            return new Stall(
                    StackReasons.STACK_IN_REVIEW,
                    "Stack " + desired.stackName()
                            + " is REVIEW_IN_PROGRESS: a change set created outside the operator waits for review. Execute"
                            + " or delete it, or delete the stack.",
                    false);
        }
        if (status.endsWith(IN_PROGRESS)) {
            return waitFor(desired, stack);
        }
        if (FAILED_CREATE.contains(status)) {
            return afterFailedCreate(desired, stack, memory);
        }
        if (SUCCEEDED.contains(status) || ROLLED_BACK.contains(status)) {
            return forUsableStack(desired, stack, memory);
        }
        return stallOnFailure(desired, stack);
    }

    private static StackAction observe(DesiredStack desired, Optional<ObservedStack> existing) {
        String name = desired.stackName();
        if (desired.deleting()) {
            return new Release("Stack " + name + " is left in AWS: managementPolicy ObserveOnly never deletes.");
        }
        if (existing.isEmpty()) {
            return new Wait(
                    ControlReasons.AWAITING_OBJECT,
                    "No stack named " + name + " exists; managementPolicy ObserveOnly reports it once it does and"
                            + " never creates it.");
        }
        ObservedStack stack = existing.get();
        String status = stack.stackStatus();
        if (SUCCEEDED.contains(status) || ROLLED_BACK.contains(status)) {
            return new StackAction.Observed(status, stack.outputs(), stack.owner());
        }
        if (status.endsWith(IN_PROGRESS)) {
            return waitFor(desired, stack);
        }
        return new Stall(
                ControlReasons.OBSERVED_FAILURE,
                "Stack " + name + " is " + status + because(stack) + "; managementPolicy ObserveOnly never repairs"
                        + " it: whoever manages the stack must.",
                true);
    }

    private static StackAction forDeletion(DesiredStack desired, ObservedStack stack) {
        String name = desired.stackName();
        if (ownedByAnother(desired, stack)) {
            return new Release("Stack " + name + " belongs to " + stack.owner() + "; it is left alone.");
        }
        if (desired.deletionPolicy() == DeletionPolicy.RETAIN) {
            return new Release("Stack " + name + " is retained (deletionPolicy Retain).");
        }
        if (desired.paused()) {
            return new Paused();
        }
        String status = stack.stackStatus();
        if (DELETE_FAILED.equals(status)) {
            return new Stall(
                    StackReasons.STACK_DELETE_FAILED,
                    "Deleting stack " + name + " failed" + because(stack)
                            + ". Remove what blocks it and delete the stack by hand, or set deletionPolicy Retain.",
                    true);
        }
        if (status.endsWith(IN_PROGRESS) && !REVIEW_IN_PROGRESS.equals(status)) {
            return waitFor(desired, stack);
        }
        if (stack.terminationProtection()) {
            return new Stall(
                    StackReasons.TERMINATION_PROTECTED,
                    "Stack " + name + " has termination protection"
                            + " enabled, so deletionPolicy Delete cannot delete it. Disable the protection, or set"
                            + " deletionPolicy Retain.",
                    false);
        }
        return new DeleteStack(DeleteStack.Purpose.DELETION_POLICY);
    }

    private static StackAction afterFailedCreate(DesiredStack desired, ObservedStack stack, StackMemory memory) {
        if (desired.desiredHash().equals(memory.lastAttemptedHash())) {
            return new Stall(
                    StackReasons.STACK_CREATE_FAILED,
                    "Creating stack " + desired.stackName() + " failed ("
                            + stack.stackStatus() + ")" + because(stack)
                            + ". Change the spec to try again: the operator then"
                            + " deletes the failed stack and creates it anew.",
                    true);
        }
        if (stack.terminationProtection()) {
            return new SetTerminationProtection(false);
        }
        return new DeleteStack(DeleteStack.Purpose.RECREATE);
    }

    private static StackAction forUsableStack(DesiredStack desired, ObservedStack stack, StackMemory memory) {
        String hash = desired.desiredHash();
        boolean attempted = hash.equals(memory.lastAttemptedHash());
        if (hash.equals(memory.lastAppliedHash()) || attempted && SUCCEEDED.contains(stack.stackStatus())) {
            return stack.terminationProtection() == desired.terminationProtection()
                    ? new Done(stack.outputs())
                    : new SetTerminationProtection(desired.terminationProtection());
        }
        if (attempted) {
            return new Stall(
                    StackReasons.STACK_UPDATE_FAILED,
                    "Updating stack " + desired.stackName()
                            + " failed and was rolled back (" + stack.stackStatus() + ")" + because(stack)
                            + ". The stack"
                            + " keeps its previous template and its outputs stay valid. Change the spec to try again.",
                    true);
        }
        return towardsChangeSet(
                desired, stack.changeSet().filter(set -> set.name().equals(desired.changeSetName())));
    }

    private static StackAction towardsChangeSet(DesiredStack desired, Optional<ObservedChangeSet> pending) {
        String name = desired.changeSetName();
        if (pending.isEmpty()) {
            return new CreateUpdateChangeSet(name);
        }
        ObservedChangeSet changeSet = pending.get();
        String where = "Change set " + name + " of stack " + desired.stackName();
        return switch (changeSet.status()) {
            case "CREATE_PENDING", "CREATE_IN_PROGRESS" ->
                new Wait(StackReasons.CHANGE_SET_CREATING, where + " is " + changeSet.status() + ".");
            case "CREATE_COMPLETE" -> towardsExecution(desired, changeSet);
            case "DELETE_PENDING", "DELETE_IN_PROGRESS" ->
                new Wait(StackReasons.CHANGE_SET_DELETING, where + " is " + changeSet.status() + ".");
            case "DELETE_COMPLETE" -> new CreateUpdateChangeSet(name);
            case "FAILED" ->
                changeSet.hasNoChanges()
                        ? new RecordNoChange(name)
                        : new Stall(
                                StackReasons.CHANGE_SET_FAILED,
                                where + " failed: " + changeSet.statusReason()
                                        + ". Change the spec; to retry the same spec, delete the change set.",
                                false);
            default ->
                new Stall(
                        StackReasons.CHANGE_SET_FAILED,
                        where + " is " + changeSet.status() + ": " + changeSet.statusReason()
                                + ". Delete the change set so the operator can create it again.",
                        false);
        };
    }

    private static StackAction towardsExecution(DesiredStack desired, ObservedChangeSet changeSet) {
        return switch (changeSet.executionStatus()) {
            case "AVAILABLE" -> new ExecuteChangeSet(changeSet.name());
            case "EXECUTE_IN_PROGRESS" ->
                new Wait(
                        StackReasons.STACK_UPDATING,
                        "Change set " + changeSet.name() + " of stack " + desired.stackName() + " is executing.");
            default -> new DeleteChangeSet(changeSet.name());
        };
    }

    private static StackAction waitFor(DesiredStack desired, ObservedStack stack) {
        String status = stack.stackStatus();
        String reason;
        if (status.startsWith("DELETE_")) {
            reason = StackReasons.STACK_DELETING;
        } else if (status.startsWith("CREATE_") || status.startsWith("ROLLBACK_")) {
            reason = StackReasons.STACK_CREATING;
        } else {
            reason = StackReasons.STACK_UPDATING;
        }
        return new Wait(reason, "Stack " + desired.stackName() + " is " + status + ".");
    }

    private static StackAction stallOnFailure(DesiredStack desired, ObservedStack stack) {
        String name = desired.stackName();
        String status = stack.stackStatus();
        return switch (status) {
            case DELETE_FAILED ->
                new Stall(
                        StackReasons.STACK_DELETE_FAILED,
                        "Stack " + name + " could not be"
                                + " deleted (DELETE_FAILED)" + because(stack)
                                + ". Finish deleting it by hand; the operator then"
                                + " creates it again.",
                        true);
            case "ROLLBACK_FAILED" ->
                new Stall(
                        StackReasons.STACK_ROLLBACK_FAILED,
                        "Stack " + name + " could not"
                                + " roll back its failed creation (ROLLBACK_FAILED)" + because(stack)
                                + ". Delete it by hand;"
                                + " the operator then creates it again.",
                        true);
            case "UPDATE_ROLLBACK_FAILED", "IMPORT_ROLLBACK_FAILED" ->
                new Stall(
                        StackReasons.STACK_ROLLBACK_FAILED,
                        "Stack " + name + " could not roll back a failed update (" + status + ")" + because(stack)
                                + ". Continue the rollback (aws cloudformation continue-update-rollback) so the operator"
                                + " can update it again.",
                        true);
            case "UPDATE_FAILED" ->
                new Stall(
                        StackReasons.STACK_UPDATE_FAILED,
                        "An update of stack " + name
                                + " failed without rolling back (UPDATE_FAILED)" + because(stack)
                                + ". Roll it back (aws"
                                + " cloudformation rollback-stack) so the operator can update it again.",
                        true);
            default ->
                new Stall(
                        StackReasons.UNKNOWN_STACK_STATUS,
                        "Stack " + name + " is " + status + ", a status the operator does not handle" + because(stack)
                                + ".",
                        false);
        };
    }

    private static boolean ownedByAnother(DesiredStack desired, ObservedStack stack) {
        return stack.owner() != null && !stack.owner().equals(desired.owner());
    }

    private static String because(ObservedStack stack) {
        return stack.statusReason().isEmpty() ? "" : ": " + stack.statusReason();
    }
}
