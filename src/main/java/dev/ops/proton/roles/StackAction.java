package dev.ops.proton.roles;

import java.util.Map;
import java.util.Objects;

/**
 * The one next step for a ConnectionRoles stack, as {@link StackDecision} chooses it. A write action is at most
 * one AWS write; the reconciler performs it through {@link StackGateway}, updates its {@link StackMemory} with
 * {@link StackMemory#after}, writes status and reschedules. {@link Wait}, {@link Done}, {@link Observed}, {@link Release},
 * {@link Paused} and {@link Stall} make no AWS write.
 */
public sealed interface StackAction {

    /** CreateStack with the desired template, parameters, capabilities, tags and termination protection. */
    record CreateStack() implements StackAction {}

    /** CreateChangeSet of type UPDATE under this name; CloudFormation computes it asynchronously. */
    record CreateUpdateChangeSet(String changeSetName) implements StackAction {}

    /** ExecuteChangeSet of a computed, non-empty change set for the desired state. */
    record ExecuteChangeSet(String changeSetName) implements StackAction {}

    /**
     * DeleteChangeSet of a change set named for the desired state that can no longer be executed (already executed,
     * obsolete, made against an older stack), so a fresh one can be created under that name.
     */
    record DeleteChangeSet(String changeSetName) implements StackAction {}

    /**
     * The change set for the desired state is empty: the stack already matches. Never executed; the reconciler
     * deletes it (a missing change set is fine) and remembers the desired hash as applied.
     */
    record RecordNoChange(String changeSetName) implements StackAction {}

    /** UpdateTerminationProtection to this value. */
    record SetTerminationProtection(boolean enabled) implements StackAction {}

    /** DeleteStack, either to create a failed stack anew or because the resource is deleted with policy Delete. */
    record DeleteStack(Purpose purpose) implements StackAction {

        /** Why the stack is deleted; the reconciler's event and condition say so. */
        public enum Purpose {
            RECREATE,
            DELETION_POLICY
        }

        public DeleteStack {
            Objects.requireNonNull(purpose, "purpose");
        }
    }

    /** CloudFormation is working; poll again later. */
    record Wait(String reason, String message) implements StackAction {}

    /** The stack matches the spec; its outputs belong in status. The desired hash is now applied. */
    record Done(Map<String, String> outputs) implements StackAction {

        public Done {
            outputs = Map.copyOf(outputs);
        }
    }

    /**
     * ObserveOnly found the stack in a usable state: its outputs belong in status. Unlike {@link Done}, nothing is
     * remembered as applied, so switching to FullControl later compares the stack with the spec afresh.
     *
     * @param owner the stack's ownership tag, null when untagged: an observed stack may belong to anyone
     */
    record Observed(String status, Map<String, String> outputs, String owner) implements StackAction {

        public Observed {
            outputs = Map.copyOf(outputs);
        }
    }

    /** The resource may be deleted (finalizer removed) without touching AWS: retained, foreign, or already gone. */
    record Release(String message) implements StackAction {}

    /** The pause annotation forbids AWS writes; nothing is done until it is removed. */
    record Paused() implements StackAction {}

    /**
     * A person must act; nothing is retried until the spec or the stack changes.
     *
     * @param explainWithStackEvents the stack's recent failure events explain the cause and belong in status
     */
    record Stall(String reason, String message, boolean explainWithStackEvents) implements StackAction {}
}
