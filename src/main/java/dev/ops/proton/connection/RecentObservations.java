package dev.ops.proton.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this operator process last learnt about each resource's connection, by resource UID. Two jobs:
 *
 * <ul>
 *   <li>The connection id, recorded the moment Create returns: a reconcile that starts from a cached resource older
 *       than the status write that recorded the id reads (Get) instead of requesting again.
 *   <li>The observation a reconcile ended with: a reconcile of the same generation within {@code reuseFor} takes it
 *       instead of a Get, so a burst of wake-ups (every AwsAccount verified at start-up, events that arrived during
 *       a reconcile, retries after throttling) costs no Proton read. Reusing an observation does not make it
 *       younger, and a failed call other than throttling (which AWS refused before acting) drops it, so the next
 *       reconcile reads AWS.
 * </ul>
 *
 * Lost on restart by design: then the id comes from status, or Create's client token finds the original.
 */
final class RecentObservations {

    private record Entry(String connectionId, ObservedConnection observed, Long generation, Instant at) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Duration reuseFor;
    private final Clock clock;

    RecentObservations(Duration reuseFor, Clock clock) {
        this.reuseFor = reuseFor;
        this.clock = clock;
    }

    /** The id Create returned for the resource, if this process created its connection. */
    Optional<String> requestedId(String uid) {
        return Optional.ofNullable(entries.get(uid)).map(Entry::connectionId);
    }

    void requested(String uid, String connectionId) {
        entries.put(uid, new Entry(connectionId, null, null, clock.instant()));
    }

    /** Records what a reconcile of {@code generation} ended with. */
    void observed(String uid, Long generation, ObservedConnection observed) {
        entries.put(uid, new Entry(observed.id(), observed, generation, clock.instant()));
    }

    /** The observation recorded for {@code generation} less than {@code reuseFor} ago. */
    Optional<ObservedConnection> fresh(String uid, Long generation) {
        Entry entry = entries.get(uid);
        boolean fresh = entry != null
                && entry.observed() != null
                && generation != null
                && generation.equals(entry.generation())
                && clock.instant().isBefore(entry.at().plus(reuseFor));
        return fresh ? Optional.of(entry.observed()) : Optional.empty();
    }

    /** Drops the observation (a call failed, so AWS may have changed), keeping the id. */
    void invalidate(String uid) {
        entries.computeIfPresent(uid, (key, entry) -> new Entry(entry.connectionId(), null, null, entry.at()));
    }

    void forget(String uid) {
        entries.remove(uid);
    }
}
