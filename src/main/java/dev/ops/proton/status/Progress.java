package dev.ops.proton.status;

import java.util.Objects;

/**
 * Where a resource stands, in kstatus terms: {@link #ready}, {@link #reconciling} (work in flight) or
 * {@link #stalled} (a person must act). Reasons are CamelCase; messages are sentences a person can act on.
 */
public record Progress(State state, String reason, String message) {

    /** The kstatus summary. */
    public enum State {
        READY,
        RECONCILING,
        STALLED
    }

    public Progress {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static Progress ready(String reason, String message) {
        return new Progress(State.READY, reason, message);
    }

    public static Progress reconciling(String reason, String message) {
        return new Progress(State.RECONCILING, reason, message);
    }

    public static Progress stalled(String reason, String message) {
        return new Progress(State.STALLED, reason, message);
    }

    public boolean isReady() {
        return state == State.READY;
    }

    public boolean isStalled() {
        return state == State.STALLED;
    }
}
