package dev.ops.proton.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One AWS listing per key (an account and region) shared by every reconcile that needs it, so a wave of resyncs in
 * one account costs one listing instead of one read per resource:
 *
 * <ul>
 *   <li>single-flight: while one caller lists, the others with the same key wait for its result instead of listing
 *       too, and share its failure (a failed listing is then forgotten, so the next caller lists again);
 *   <li>reused for {@code reuseFor} counted from when the listing started, so a change made in AWS after it shows
 *       in a listing taken at most {@code reuseFor} later;
 *   <li>a caller asking for a fresh listing never takes one already taken or in flight.
 * </ul>
 *
 * Hand-written rather than a cache library's loading cache: what it needs is the start time of a listing as its
 * age, failures shared only with the callers already waiting, and a per-call bypass, each a line here.
 */
public final class SharedListing<K, V> {

    private record Taken<V>(CompletableFuture<V> result, Instant startedAt) {}

    private final Map<K, Taken<V>> byKey = new ConcurrentHashMap<>();
    private final Duration reuseFor;
    private final Clock clock;

    public SharedListing(Duration reuseFor, Clock clock) {
        this.reuseFor = reuseFor;
        this.clock = clock;
    }

    /**
     * The listing for {@code key}: one in flight or taken less than {@code reuseFor} ago, else a new one made by
     * {@code list} on this thread.
     *
     * @param fresh list anew whatever is in flight or cached (a forced fresh observation)
     */
    public V get(K key, boolean fresh, Supplier<V> list) {
        Instant now = clock.instant();
        Taken<V> mine = new Taken<>(new CompletableFuture<>(), now);
        Taken<V> taken = fresh
                ? mine
                : byKey.compute(key, (k, existing) -> existing != null && usable(existing, now) ? existing : mine);
        if (taken != mine) {
            return join(taken.result());
        }
        try {
            V value = list.get();
            mine.result().complete(value);
            byKey.merge(key, mine, (old, next) -> old.startedAt().isAfter(next.startedAt()) ? old : next);
            return value;
        } catch (RuntimeException | Error e) {
            byKey.remove(key, mine);
            mine.result().completeExceptionally(e);
            throw e;
        }
    }

    /** Forgets every listing, e.g. when an account's credentials change. */
    public void clear() {
        byKey.clear();
    }

    private boolean usable(Taken<V> taken, Instant now) {
        CompletableFuture<V> result = taken.result();
        if (!result.isDone()) {
            return true;
        }
        return !result.isCompletedExceptionally()
                && now.isBefore(taken.startedAt().plus(reuseFor));
    }

    private static <V> V join(CompletableFuture<V> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
