package dev.ops.proton.connection;

import dev.ops.proton.status.ResyncJitter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a connection at rest looks again: with the other connections observed through the same listing, once a
 * period, so one {@link ConnectionObservation} listing serves them all. Each listing key (an AwsAccount and region)
 * keeps a beat, anchored at the first time it was asked; a connection resyncs at the beat after the one nearest now,
 * moved by the resync jitter (±10% of the period). Without a beat, resyncs stay spread over the times the connections
 * were created, and at 5000 connections one period saw nine listings per account where one would do.
 *
 * <p>A connection that was just created or changed reconciles on its own time and then joins the beat: its next look
 * is between half a period and one and a half periods away (plus jitter); after that, one period.
 */
final class ResyncWaves {

    private final Duration period;
    private final Clock clock;
    private final ResyncJitter jitter;
    private final Map<ConnectionObservation.ListingKey, Long> beats = new ConcurrentHashMap<>();

    ResyncWaves(Duration period, Clock clock, ResyncJitter jitter) {
        this.period = period;
        this.clock = clock;
        this.jitter = jitter;
    }

    /** How long until the next resync of a connection at rest observed through {@code key}'s listing. */
    Duration untilNextResync(ConnectionObservation.ListingKey key) {
        long now = clock.millis();
        long periodMillis = period.toMillis();
        long anchor = beats.computeIfAbsent(key, k -> now);
        long nearest = Math.floorDiv(now - anchor + periodMillis / 2, periodMillis);
        long nextBeat = anchor + (nearest + 1) * periodMillis;
        long offset = jitter.spread(period).toMillis() - periodMillis;
        return Duration.ofMillis(nextBeat - now + offset);
    }
}
