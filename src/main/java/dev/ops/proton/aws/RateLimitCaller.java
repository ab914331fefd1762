package dev.ops.proton.aws;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Who is making the AWS calls on this thread: the resource a reconcile works for. The rate limit keeps a waiting
 * caller's turn under this identity, so the resource finds its turn again when it comes back; and once a caller had
 * its turn for a service in an account, its further calls there in the same reconcile go through (a find, then a
 * read) instead of queueing anew and never finishing. Entered around each reconcile, closed at its end.
 */
public final class RateLimitCaller implements AutoCloseable {

    private static final ThreadLocal<RateLimitCaller> CURRENT = new ThreadLocal<>();

    private final Object holder;
    private final RateLimitCaller outer;
    private final Set<Object> granted = new HashSet<>();
    private long lastSent;
    private Duration assignedTurn;

    private RateLimitCaller(Object holder, RateLimitCaller outer) {
        this.holder = holder;
        this.outer = outer;
    }

    /** Makes {@code holder} (e.g. a resource's UID) the caller of this thread's AWS calls until closed. */
    public static RateLimitCaller enter(Object holder) {
        RateLimitCaller caller = new RateLimitCaller(holder, CURRENT.get());
        CURRENT.set(caller);
        return caller;
    }

    /** The caller of this thread, or null outside a reconcile. */
    static RateLimitCaller current() {
        return CURRENT.get();
    }

    Object holder() {
        return holder;
    }

    boolean hadTurn(Object limit) {
        return granted.contains(limit);
    }

    void hadTurnAt(Object limit) {
        granted.add(limit);
    }

    /** When this caller's latest request was sent (the SDK sends a call's attempts on the caller's thread). */
    void sent(long at) {
        lastSent = at;
    }

    long lastSent() {
        return lastSent;
    }

    /** AWS throttled this caller's latest call; its next turn comes after {@code wait}. */
    void assignTurnIn(Duration wait) {
        assignedTurn = wait;
    }

    /** The turn assigned to this thread's caller after its latest throttled call, once; null if none. */
    static Duration takeAssignedTurn() {
        RateLimitCaller caller = CURRENT.get();
        if (caller == null) {
            return null;
        }
        Duration turn = caller.assignedTurn;
        caller.assignedTurn = null;
        return turn;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
