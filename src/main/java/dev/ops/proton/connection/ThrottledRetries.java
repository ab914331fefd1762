package dev.ops.proton.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to retry a step AWS throttled, per account: throttled steps queue up behind each other at the pace the
 * account's rate limit has recently let Proton calls through (measured from this operator's successful calls over the
 * last few seconds, plus a margin to find capacity that frees up). A thousand connections waiting on one management
 * account's Accept limit then retry about once each, in turn, instead of all of them every few seconds. Until calls
 * have succeeded in the window, it falls back to a jittered delay. Kept in memory: the pace is relearnt after a
 * restart.
 */
final class ThrottledRetries {

    static final Duration WINDOW = Duration.ofSeconds(5);
    /** Retries are spaced for a pace this much faster than the measured one, so capacity that frees up is used. */
    static final double PROBE = 1.25;

    private final Clock clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    ThrottledRetries(Clock clock) {
        this.clock = clock;
    }

    /** A Proton call in the account went through. */
    void succeeded(String account) {
        accounts.computeIfAbsent(account, a -> new Account()).succeeded(clock.millis());
    }

    /** How long a step the account's limit just throttled waits before it is tried again. */
    Duration retryAfter(String account, Duration fallback) {
        long wait = accounts.computeIfAbsent(account, a -> new Account()).reserve(clock.millis());
        return wait < 0 ? fallback : Duration.ofMillis(wait);
    }

    private static final class Account {
        private final Deque<Long> successes = new ArrayDeque<>();
        private long nextSlot;

        synchronized void succeeded(long now) {
            successes.addLast(now);
            trim(now);
        }

        /** The wait until this caller's turn, or -1 when no call went through recently to measure a pace. */
        synchronized long reserve(long now) {
            trim(now);
            if (successes.isEmpty()) {
                return -1;
            }
            double perMilli = PROBE * successes.size() / WINDOW.toMillis();
            nextSlot = Math.max(nextSlot, now) + Math.round(1 / perMilli);
            return nextSlot - now;
        }

        private void trim(long now) {
            while (!successes.isEmpty() && successes.peekFirst() < now - WINDOW.toMillis()) {
                successes.removeFirst();
            }
        }
    }
}
