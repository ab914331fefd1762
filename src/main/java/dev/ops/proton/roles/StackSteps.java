package dev.ops.proton.roles;

import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.model.ControlReasons;
import dev.ops.proton.status.EventRecorder;
import dev.ops.proton.status.Pause;
import dev.ops.proton.status.Progress;
import dev.ops.proton.status.ResyncJitter;
import java.util.List;
import java.util.Optional;

/**
 * Performs the one step {@link StackDecision} chose for a ConnectionRoles stack (at most one AWS write, through
 * {@link StackGateway}), records an Event for each change made, and says what to report and when to look again.
 */
final class StackSteps {

    /** Resources created together don't resync together. */
    private static final ResyncJitter RESYNC = ResyncJitter.random();

    private static final int FAILURE_EVENTS = 5;

    private final EventRecorder events;
    private final OperatorConfig config;

    StackSteps(EventRecorder events, OperatorConfig config) {
        this.events = events;
        this.config = config;
    }

    /** What one step needs besides the action: the resource, its desired and observed stack, and where it lives. */
    record Step(
            ConnectionRoles roles,
            DesiredStack desired,
            Optional<ObservedStack> observed,
            StackMemory memory,
            StackGateway gateway,
            String where) {

        String stack() {
            return "Stack " + desired.stackName() + where;
        }
    }

    StackOutcome perform(StackAction action, Step step) {
        DesiredStack desired = step.desired();
        String stack = step.stack();
        if (action instanceof StackAction.CreateStack) {
            try {
                step.gateway().createStack(desired, step.roles().getMetadata().getUid());
            } catch (AwsFailure failure) {
                if (failure.kind() != AwsFailure.Kind.ALREADY_EXISTS) {
                    throw failure;
                }
                // another resource (or a person) created a stack of that name since the observation: observe it
                // again, and let its ownership tag (and the adoption policy) decide
                return StackOutcome.of(
                        Progress.reconciling(
                                StackReasons.STACK_CREATING, stack + " was created by someone else meanwhile"),
                        config.pollInterval(),
                        Optional.empty(),
                        step.memory());
            }
            events.normal(step.roles(), "CreatingStack", "Creating stack " + desired.stackName() + step.where());
            return polling(action, step, StackReasons.STACK_CREATING, stack + " is being created");
        }
        if (action instanceof StackAction.CreateUpdateChangeSet) {
            step.gateway()
                    .createUpdateChangeSet(desired, step.roles().getMetadata().getUid());
            return polling(action, step, StackReasons.CHANGE_SET_CREATING, "Computing the changes to " + stack);
        }
        if (action instanceof StackAction.ExecuteChangeSet execute) {
            step.gateway().executeChangeSet(desired.stackName(), execute.changeSetName());
            events.normal(
                    step.roles(), "UpdatingStack", "Executing change set " + execute.changeSetName() + " on " + stack);
            return polling(action, step, StackReasons.STACK_UPDATING, stack + " is being updated");
        }
        if (action instanceof StackAction.DeleteChangeSet delete) {
            step.gateway().deleteChangeSet(desired.stackName(), delete.changeSetName());
            return polling(
                    action,
                    step,
                    StackReasons.CHANGE_SET_CREATING,
                    "Replacing change set " + delete.changeSetName() + " of " + stack);
        }
        if (action instanceof StackAction.RecordNoChange noChange) {
            step.gateway().deleteChangeSet(desired.stackName(), noChange.changeSetName());
            return settled(action, step, Progress.ready("StackReady", stack + " matches the spec"));
        }
        if (action instanceof StackAction.SetTerminationProtection protection) {
            step.gateway().updateTerminationProtection(desired.stackName(), protection.enabled());
            events.normal(
                    step.roles(),
                    "TerminationProtection",
                    (protection.enabled() ? "Enabled" : "Disabled") + " termination protection of " + stack);
            return polling(action, step, StackReasons.STACK_UPDATING, "Setting termination protection of " + stack);
        }
        if (action instanceof StackAction.DeleteStack delete) {
            step.gateway().deleteStack(desired.stackName());
            String why = delete.purpose() == StackAction.DeleteStack.Purpose.RECREATE
                    ? "to create it again after a failed create"
                    : "(deletionPolicy Delete)";
            events.normal(step.roles(), "DeletingStack", "Deleting " + stack + " " + why);
            return polling(action, step, StackReasons.STACK_DELETING, stack + " is being deleted " + why);
        }
        return withoutWrite(action, step);
    }

    /** The actions that make no AWS write (besides reading stack events to explain a failure). */
    private StackOutcome withoutWrite(StackAction action, Step step) {
        String stack = step.stack();
        if (action instanceof StackAction.Wait wait) {
            return polling(action, step, wait.reason(), wait.message());
        }
        if (action instanceof StackAction.Done) {
            return settled(action, step, Progress.ready("StackReady", stack + " matches the spec"));
        }
        if (action instanceof StackAction.Observed observed) {
            String owner = observed.owner() == null
                    ? ", untagged"
                    : observed.owner().equals(step.desired().owner()) ? "" : ", owned by " + observed.owner();
            return settled(
                    action,
                    step,
                    Progress.ready(
                            ControlReasons.OBSERVED,
                            stack + " is " + observed.status() + " (observed only: managementPolicy ObserveOnly" + owner
                                    + ")"));
        }
        if (action instanceof StackAction.Release release) {
            return StackOutcome.released(
                    release.message(),
                    step.memory().after(action, step.desired().desiredHash()));
        }
        if (action instanceof StackAction.Paused) {
            return settled(
                    action,
                    step,
                    Progress.reconciling(
                            "Paused",
                            "AWS writes are paused by the annotation " + Pause.ANNOTATION + "; remove it to resume"));
        }
        return stalled((StackAction.Stall) action, step);
    }

    private StackOutcome stalled(StackAction.Stall stall, Step step) {
        StackFailure failure = null;
        if (stall.explainWithStackEvents() && step.observed().isPresent()) {
            ObservedStack observed = step.observed().get();
            List<StackFailureEvent> failed = step.gateway().recentFailureEvents(observed.stackId(), FAILURE_EVENTS);
            failure = new StackFailure(
                    observed.statusReason(),
                    failed.stream()
                            .map(e -> new StackFailure.FailureEvent(
                                    e.logicalResourceId(), e.resourceType(), e.resourceStatus(), e.reason()))
                            .toList());
        }
        String message = stall.message()
                + (failure == null || failure.events().isEmpty()
                        ? ""
                        : ": " + failure.events().get(0).logicalResourceId() + " "
                                + failure.events().get(0).resourceStatus() + ": "
                                + failure.events().get(0).resourceStatusReason());
        return new StackOutcome(
                Progress.stalled(stall.reason(), message),
                config.stalledRecheck(),
                step.observed(),
                step.memory().after(stall, step.desired().desiredHash()),
                failure,
                false);
    }

    private StackOutcome polling(StackAction action, Step step, String reason, String message) {
        return StackOutcome.of(
                Progress.reconciling(reason, message),
                config.pollInterval(),
                step.observed(),
                step.memory().after(action, step.desired().desiredHash()));
    }

    private StackOutcome settled(StackAction action, Step step, Progress progress) {
        return StackOutcome.of(
                progress,
                RESYNC.spread(config.resyncPeriod()),
                step.observed(),
                step.memory().after(action, step.desired().desiredHash()));
    }
}
