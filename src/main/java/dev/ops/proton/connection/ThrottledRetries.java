package dev.ops.proton.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paces Proton calls per account while its rate limit pushes back. Once AWS throttles a call in an account, calls
 * there take turns for the next few seconds: each resource gets a slot at the pace the limit recently let calls
 * through (this operator's successful calls in the last few seconds), plus a margin to find capacity that frees up.
 * A thousand connections waiting on one management account's Accept limit then call about once each, in turn,
 * instead of all of them every few seconds, and few calls are throttled. Without recent throttling, or before any
 * call went through to measure a pace, calls go ahead at once (a throttled one then waits a jittered fallback).
 * Kept in memory: the pace is relearnt after a restart.
 */
final class ThrottledRetries {

    static final Duration WINDOW = Duration.ofSeconds(5);
    /** Slots are spaced for a pace this much faster than the measured one, so capacity that frees up is used. */
    static final double PROBE = 1.25;

    private record Turn(String resource, String account) {}

    private final Clock clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Turn, Long> slots = new ConcurrentHashMap<>();

    ThrottledRetries(Clock clock) {
        this.clock = clock;
    }

    /** A Proton call in the account went through. */
    void succeeded(String account) {
        account(account).succeeded(clock.millis());
    }

    /**
     * Whether the resource may call the account now: zero, or how long until its turn while the account is being
     * throttled.
     */
    Duration admit(String resource, String account) {
        long now = clock.millis();
        Turn turn = new Turn(resource, account);
        Long slot = slots.get(turn);
        if (slot != null) {
            if (slot <= now) {
                slots.remove(turn);
                return Duration.ZERO;
            }
            return Duration.ofMillis(slot - now);
        }
        long wait = account(account).reserveWhileThrottled(now);
        if (wait <= 0) {
            return Duration.ZERO;
        }
        slots.put(turn, now + wait);
        return Duration.ofMillis(wait);
    }

    /**
     * How long a resource whose call was throttled, or not admitted, waits before it tries again: until its turn,
     * or {@code fallback} when no pace has been measured yet.
     */
    Duration retryAfter(String resource, String account, Duration fallback) {
        long now = clock.millis();
        Turn turn = new Turn(resource, account);
        Long slot = slots.get(turn);
        if (slot != null && slot > now) {
            return Duration.ofMillis(slot - now);
        }
        long wait = account(account).throttled(now);
        if (wait < 0) {
            return fallback;
        }
        slots.put(turn, now + wait);
        return Duration.ofMillis(wait);
    }

    /** The resource is gone: its turns go with it. */
    void forget(String resource) {
        slots.keySet().removeIf(turn -> turn.resource().equals(resource));
    }

    private Account account(String account) {
        return accounts.computeIfAbsent(account, a -> new Account());
    }

    private static final class Account {
        private final Deque<Long> successes = new ArrayDeque<>();
        private long lastThrottled = Long.MIN_VALUE;
        private long nextSlot;

        synchronized void succeeded(long now) {
            successes.addLast(now);
            trim(now);
        }

        /** Records a throttled call; the wait until the caller's next turn, or -1 when no pace is measured. */
        synchronized long throttled(long now) {
            lastThrottled = now;
            long spacing = spacing(now);
            if (spacing < 0) {
                return -1;
            }
            nextSlot = Math.max(nextSlot, now) + spacing;
            return nextSlot - now;
        }

        /** While throttling is recent, the wait until the caller's turn (0: the schedule has room now); else 0. */
        synchronized long reserveWhileThrottled(long now) {
            long spacing = spacing(now);
            if (lastThrottled < now - WINDOW.toMillis() || spacing < 0) {
                return 0;
            }
            nextSlot = Math.max(nextSlot + spacing, now);
            return nextSlot - now;
        }

        /** Milliseconds between turns at the measured pace plus the margin; -1 when nothing went through lately. */
        private long spacing(long now) {
            trim(now);
            if (successes.isEmpty()) {
                return -1;
            }
            return Math.max(1, Math.round(WINDOW.toMillis() / (PROBE * successes.size())));
        }

        private void trim(long now) {
            while (!successes.isEmpty() && successes.peekFirst() < now - WINDOW.toMillis()) {
                successes.removeFirst();
            }
        }
    }
}
