package dev.ops.proton.roles;

import dev.ops.proton.status.Progress;
import java.time.Duration;
import java.util.Optional;

/**
 * Where one ConnectionRoles step ended: the progress to report, when to look again, the stack as observed, the
 * memory to keep, a failure explained from stack events, and whether the finalizer may go.
 */
record StackOutcome(
        Progress progress,
        Duration next,
        Optional<ObservedStack> stack,
        StackMemory memory,
        StackFailure failure,
        boolean released) {

    static StackOutcome of(Progress progress, Duration next, Optional<ObservedStack> stack, StackMemory memory) {
        return new StackOutcome(progress, next, stack, memory, null, false);
    }

    /** Blocked before observing (account, template, an AWS failure): nothing observed. */
    static StackOutcome blocked(Progress progress, Duration next, StackMemory memory) {
        return of(progress, next, Optional.empty(), memory);
    }

    static StackOutcome released(String message, StackMemory memory) {
        return new StackOutcome(
                Progress.ready("Released", message), Duration.ZERO, Optional.empty(), memory, null, true);
    }
}
