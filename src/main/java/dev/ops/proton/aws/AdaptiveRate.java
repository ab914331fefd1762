package dev.ops.proton.aws;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The pace of one (account, service, region), learnt from AWS's throttling, and the turns of the callers waiting for
 * it. Pure logic: every method takes the time, so it is tested as tables.
 *
 * <p>Pacing is a token bucket in its GCRA form (a "theoretical arrival time"), holding up to one second of requests as
 * AWS's own buckets do. A caller that finds it empty is not slept on: it gets a reservation, the time of its turn, and
 * comes back then; its turn is kept for it ({@link #permit} with the same holder), so callers that wait are served in
 * the order they arrived and none starves however many wait. A reservation nobody claims within {@link #GRACE_MILLIS}
 * of its time is dropped.
 *
 * <p>The rate is learnt the way TCP learns a link (AIMD with a slow start and a fast recovery, as CUBIC does):
 *
 * <ul>
 *   <li>it starts at {@link #INITIAL_RATE} requests/s and doubles every second of successful calls until AWS first
 *       throttles (slow start: AWS's bucket starts full, so the first overshoot costs few throttles);
 *   <li>a throttle of a request sent after the last decrease notes the rate as the known limit W and lowers the rate
 *       to {@link #BETA}·W; it also empties this bucket, since AWS's is empty now; waiting callers' turns are spread
 *       out to the new rate;
 *   <li>successes then bring it back quickly to 90% of W (in about a second), and above that it probes by
 *       {@link #PROBE} of the rate per second, to find capacity that freed up;
 *   <li>it never exceeds the ceiling (the operator's setting for the service) nor twice what actually went through in
 *       the last second, so a quiet spell does not leave a rate that a later burst would overshoot with.
 * </ul>
 */
final class AdaptiveRate {

    static final double INITIAL_RATE = 10.0;
    /**
     * The lowest rate learnt: AWS's API limits are not below a request per second, and a throttle that is not about
     * the rate (another client's burst) must not leave a resource waiting many seconds per call.
     */
    static final double MIN_RATE = 1.0;

    static final double BETA = 0.7;
    static final double PROBE = 0.05;
    static final long GRACE_MILLIS = 30_000;
    private static final long WINDOW_MILLIS = 1_000;
    private static final int SLOTS = 10;

    private final double ceiling;
    private double rate;
    /** The rate AWS last throttled at (W), or 0 while it never has. */
    private double limit;
    /** The theoretical arrival time of the next request, in milliseconds. */
    private double arrival = Double.NEGATIVE_INFINITY;

    private final long created;
    private long lastDecrease = Long.MIN_VALUE;
    private long lastUse;
    private final Map<Object, Long> reservations = new HashMap<>();
    private final long[] successSlots = new long[SLOTS];
    private final long[] successCounts = new long[SLOTS];

    /** @param ceiling requests per second never exceeded (positive infinity: none) */
    AdaptiveRate(double ceiling, long now) {
        this.ceiling = ceiling;
        this.rate = Math.min(ceiling, INITIAL_RATE);
        this.lastUse = now;
        this.created = now;
    }

    /**
     * Whether {@code holder} may send a request now: 0 when it may (its token is taken), else the milliseconds until
     * its turn, which is then reserved for it.
     */
    synchronized long permit(Object holder, long now) {
        lastUse = now;
        Long turn = reservations.get(holder);
        if (turn != null) {
            if (turn <= now) {
                reservations.remove(holder);
                return 0;
            }
            return turn - now;
        }
        double interval = interval();
        if (arrival - tolerance(interval) <= now) {
            arrival = Math.max(arrival, now) + interval;
            return 0;
        }
        return reserve(holder, arrival - tolerance(interval), now);
    }

    /**
     * Takes a token whether or not one is free: for the further calls of a caller that already had its turn in this
     * reconcile (a find, then a read), charged to the callers behind it rather than making it queue again.
     */
    synchronized void charge(long now) {
        lastUse = now;
        arrival = Math.max(arrival, now) + interval();
    }

    /** A request went through. */
    synchronized void succeeded(long now) {
        lastUse = now;
        countSuccess(now);
        double perSecondGrowth;
        if (limit == 0) {
            perSecondGrowth = rate * Math.log(2);
        } else if (rate < 0.9 * limit) {
            perSecondGrowth = 0.2 * limit;
        } else {
            perSecondGrowth = PROBE * rate;
        }
        // what went through is known once a whole second has passed
        double demandCap = now - created < WINDOW_MILLIS
                ? Double.POSITIVE_INFINITY
                : Math.max(INITIAL_RATE, 2.0 * successesInWindow(now));
        double grown = rate + perSecondGrowth / rate;
        rate = Math.min(ceiling, Math.max(MIN_RATE, Math.min(grown, Math.max(rate, demandCap))));
    }

    /**
     * AWS throttled a request sent at {@code sentAt}; returns the milliseconds until {@code holder}'s next turn,
     * reserved for it. Only a request sent after the last decrease lowers the rate again: the others were paced by
     * the rate already lowered.
     */
    synchronized long throttled(Object holder, long sentAt, long now) {
        lastUse = now;
        if (sentAt >= lastDecrease) {
            double before = rate;
            limit = rate;
            rate = Math.min(ceiling, Math.max(MIN_RATE, BETA * limit));
            lastDecrease = now;
            respread(before, now);
        }
        reservations.remove(holder);
        // AWS's bucket is empty now, so is this one: the next request conforms one interval from now at the earliest
        double interval = interval();
        arrival = Math.max(arrival, now + tolerance(interval) + interval);
        return reserve(holder, arrival - tolerance(interval), now);
    }

    /** Drops reservations left unclaimed; true when nothing happened for {@code idleMillis} and none is held. */
    synchronized boolean expire(long now, long idleMillis) {
        Iterator<Long> turns = reservations.values().iterator();
        while (turns.hasNext()) {
            if (turns.next() + GRACE_MILLIS < now) {
                turns.remove();
            }
        }
        return reservations.isEmpty() && now - lastUse >= idleMillis;
    }

    synchronized double rate() {
        return rate;
    }

    synchronized int waiting() {
        return reservations.size();
    }

    /** Books the turn at {@code at} for the holder; a caller that can't be told apart is told the time, not booked. */
    private long reserve(Object holder, double at, long now) {
        long turn = (long) Math.ceil(at);
        if (holder != null) {
            arrival = Math.max(arrival, turn) + interval();
            reservations.put(holder, turn);
        }
        return Math.max(1, turn - now);
    }

    /** Moves the turns still to come, and the bucket, out to the new rate, so they don't overshoot AWS's limit. */
    private void respread(double before, long now) {
        double stretch = before / rate;
        reservations.replaceAll((holder, turn) -> turn <= now ? turn : now + Math.round((turn - now) * stretch));
        if (arrival > now) {
            arrival = now + (arrival - now) * stretch;
        }
    }

    private double interval() {
        return 1000.0 / rate;
    }

    /** How far ahead of its arrival time a request may go: one second's worth of requests, less the one itself. */
    private double tolerance(double interval) {
        return (Math.max(1.0, rate) - 1.0) * interval;
    }

    private void countSuccess(long now) {
        long slot = now / (WINDOW_MILLIS / SLOTS);
        int index = (int) (slot % SLOTS);
        if (successSlots[index] != slot) {
            successSlots[index] = slot;
            successCounts[index] = 0;
        }
        successCounts[index]++;
    }

    private long successesInWindow(long now) {
        long slot = now / (WINDOW_MILLIS / SLOTS);
        long sum = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (slot - successSlots[i] < SLOTS) {
                sum += successCounts[i];
            }
        }
        return sum;
    }
}
