package dev.ops.proton.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The pace of one (account, service, region), learnt from AWS's throttling, and the turns of the callers waiting for
 * it. Pure logic: every method takes the time, so it is tested as tables and simulations.
 *
 * <p>Pacing is a token bucket in its GCRA form (a "theoretical arrival time"), holding up to one second of requests as
 * AWS's own buckets do. A caller that finds it empty is not slept on: it gets a reservation, the time of its turn, and
 * comes back then; its turn is kept for it ({@link #permit} with the same holder), so callers that wait are served in
 * the order they arrived and none starves however many wait. Turns move with the rate, out when it falls and in when
 * it grows; a caller whose turn is far off is told to come back halfway (at least {@link #HORIZON_MILLIS} ahead), so a
 * rate that grew meanwhile serves it earlier instead of leaving its slot idle. A reservation nobody claims within
 * {@link #GRACE_MILLIS} of its time is dropped.
 *
 * <p>The rate is learnt from what AWS lets through, not only from when it says no:
 *
 * <ul>
 *   <li>it starts low, at {@link #INITIAL_RATE} requests/s, and doubles every second its callers keep it busy until AWS
 *       first throttles (slow start: a low start costs a second or two, an overshoot costs throttled calls);
 *   <li>a throttle says AWS's bucket is empty now; between two such moments, what went through is what AWS's rate
 *       refilled, so the successes since the previous throttle measure the limit. The rate becomes {@link #MARGIN} of
 *       that measure (when nothing can be measured yet, {@link #BETA} of the rate, or of what went through in the last
 *       second if less), and only a request sent after
 *       the last decrease lowers it again: the others were paced by the rate already lowered. The bucket is emptied,
 *       since AWS's is empty now, and the waiting turns are spread out to the new rate;
 *   <li>after a decrease without a measure it grows back by {@link #RECOVERY} of the rate per second, so the next
 *       throttle comes soon and measures; after a measured decrease it holds for {@link #HOLD_MILLIS}, then probes by
 *       {@link #PROBE} of the rate per second while callers keep it busy, to find capacity that freed up;
 *   <li>it never exceeds the ceiling (the operator's setting for the service) nor twice what actually went through in
 *       the last second, so a quiet spell does not leave a rate that a later burst would overshoot with.
 * </ul>
 *
 * Hand-written rather than a library's limiter (Resilience4j, Guava, Bucket4j): those block the calling thread or
 * only answer yes or no, where this must book a turn per holder, give the time of that turn, and move the turns when
 * the rate changes.
 */
final class AdaptiveRate {

    static final double INITIAL_RATE = 4.0;
    /**
     * The lowest rate learnt: AWS's API limits are not below a request per second, and a throttle that is not about
     * the rate (another client's burst) must not leave a resource waiting many seconds per call.
     */
    static final double MIN_RATE = 1.0;

    static final double BETA = 0.7;
    static final double MARGIN = 0.95;
    static final double PROBE = 0.02;
    static final double RECOVERY = 0.2;
    static final long HOLD_MILLIS = 30_000;
    static final long HORIZON_MILLIS = 1_000;
    static final long GRACE_MILLIS = 30_000;
    private static final long WINDOW_MILLIS = 1_000;
    /** The longest span between two throttles that still measures the limit (longer ones likely had idle time). */
    private static final long MEASURE_MAX_MILLIS = 20_000;

    private static final int SLOTS = 10;

    private final double ceiling;
    private double rate;
    /** Whether AWS ever throttled this limit: the end of the slow start. */
    private boolean throttledOnce;
    /** Whether the last decrease came from a measure of AWS's rate (else it grows back to find one). */
    private boolean measured;
    /** When AWS's bucket was last known empty (the throttle of the last decrease), and the successes since. */
    private long measureFrom;

    private long successesSince;
    /** The theoretical arrival time of the next request, in milliseconds. */
    private double arrival = Double.NEGATIVE_INFINITY;

    private final long created;
    private long lastDecrease = Long.MIN_VALUE / 4;
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
            return comeBackIn(turn - now);
        }
        double interval = interval();
        if (arrival - tolerance(interval) <= now) {
            arrival = Math.max(arrival, now) + interval;
            return 0;
        }
        return comeBackIn(reserve(holder, arrival - tolerance(interval), now));
    }

    /**
     * Takes a token whether or not one is free: for the further calls of a caller that already had its turn in this
     * reconcile (a find, then a read), charged to the callers behind it rather than making it queue again.
     */
    synchronized void charge(long now) {
        lastUse = now;
        arrival = Math.max(arrival, now) + interval();
    }

    /**
     * Gives back the token of a request AWS failed (a 5xx) or that never reached it: an outage is JOSDK's backoff to
     * pace, and a limit drained by failing attempts would hold the retries back as throttled, with no backoff at all.
     */
    synchronized void refund(long now) {
        arrival = Math.max(now, arrival - interval());
    }

    /** A request went through. */
    synchronized void succeeded(long now) {
        lastUse = now;
        countSuccess(now);
        successesSince++;
        double perSecondGrowth;
        if (!throttledOnce) {
            perSecondGrowth = rate * Math.log(2);
        } else if (!measured) {
            // lowered without a measure: grow back until the next throttle measures the limit
            perSecondGrowth = RECOVERY * rate;
        } else if (now - lastDecrease < HOLD_MILLIS) {
            perSecondGrowth = 0;
        } else {
            perSecondGrowth = PROBE * rate;
        }
        // what went through is known once a whole second has passed
        double demandCap = now - created < WINDOW_MILLIS
                ? Double.POSITIVE_INFINITY
                : Math.max(INITIAL_RATE, 2.0 * successesInWindow(now));
        double grown = rate + perSecondGrowth / rate;
        double before = rate;
        rate = Math.min(ceiling, Math.max(MIN_RATE, Math.min(grown, Math.max(rate, demandCap))));
        if (rate != before) {
            respread(before, now);
        }
    }

    /**
     * AWS throttled a request sent at {@code sentAt}; returns the milliseconds until {@code holder}'s next turn,
     * reserved for it. Only a request sent after the last decrease lowers the rate again: the others were paced by
     * the rate already lowered.
     */
    synchronized long throttled(Object holder, long sentAt, long now) {
        lastUse = now;
        // one decrease a second at most: requests still in flight when it fell meet an AWS bucket that the faster
        // requests before them emptied, and say nothing about the lowered rate
        if (sentAt >= lastDecrease && now - lastDecrease >= WINDOW_MILLIS) {
            double before = rate;
            double measured = measuredLimit(now);
            // a measure below what one decrease gives is more likely a quiet spell between the throttles (what went
            // through was what callers asked, not what AWS allowed) than a limit that fell that far
            boolean measuredLimit = !Double.isNaN(measured) && measured >= BETA * rate;
            double lowered = measuredLimit
                    ? MARGIN * Math.min(rate, measured)
                    // at the slow start's first throttle, what went through in the last second (AWS's rate and what
                    // was left in its bucket) is nearer the limit than the rate it had doubled to
                    : BETA * (throttledOnce ? rate : Math.min(rate, wentThrough(now)));
            rate = Math.min(ceiling, Math.max(MIN_RATE, lowered));
            this.measured = measuredLimit;
            throttledOnce = true;
            lastDecrease = now;
            respread(before, now);
            // AWS's bucket is empty now: what goes through until the next decrease measures its rate
            measureFrom = now;
            successesSince = 0;
        }
        reservations.remove(holder);
        // AWS's bucket is empty now, so is this one: the next request conforms one interval from now at the earliest,
        // and turns already due (their holders not back yet) are spaced out again, else they would go in a burst
        double interval = interval();
        double next = retime(now + interval, interval);
        arrival = Math.max(arrival, next + tolerance(interval));
        return comeBackIn(reserve(holder, arrival - tolerance(interval), now));
    }

    /**
     * AWS's rate as measured between two moments its bucket was empty (the throttle of the last decrease, and this
     * one): what went through in between is what it refilled. NaN before the first throttle (its bucket started full, by an unknown depth), or when the span is
     * too short or too long to tell.
     */
    private double measuredLimit(long now) {
        long span = now - measureFrom;
        if (!throttledOnce || span < WINDOW_MILLIS || span > MEASURE_MAX_MILLIS) {
            return Double.NaN;
        }
        return successesSince * 1000.0 / span;
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

    /**
     * How long a caller whose turn is {@code wait} ahead is told to wait: all of it when near; else, while the slow
     * start may still double the rate every second, {@link #HORIZON_MILLIS}; after it, half of it.
     */
    private long comeBackIn(long wait) {
        if (wait <= HORIZON_MILLIS) {
            return wait;
        }
        return !throttledOnce && rate < ceiling ? HORIZON_MILLIS : Math.max(HORIZON_MILLIS, wait / 2);
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

    /**
     * Moves the turns still to come, and the bucket, to the new rate: out when it fell, so they don't overshoot AWS's
     * limit; in when it grew, so they use what it allows.
     */
    private void respread(double before, long now) {
        double stretch = before / rate;
        reservations.replaceAll((holder, turn) -> turn <= now ? turn : now + Math.round((turn - now) * stretch));
        if (arrival > now) {
            arrival = now + (arrival - now) * stretch;
        }
    }

    /** Spaces the turns from {@code first} on at least {@code interval} apart, in order; returns the next free time. */
    private double retime(double first, double interval) {
        List<Map.Entry<Object, Long>> turns = new ArrayList<>(reservations.entrySet());
        turns.sort(Map.Entry.comparingByValue());
        double next = first;
        for (Map.Entry<Object, Long> turn : turns) {
            long at = Math.max(turn.getValue(), (long) Math.ceil(next));
            reservations.put(turn.getKey(), at);
            next = at + interval;
        }
        return next;
    }

    private double interval() {
        return 1000.0 / rate;
    }

    /** How far ahead of its arrival time a request may go: one second's worth of requests, less the one itself. */
    private double tolerance(double interval) {
        return (Math.max(1.0, rate) - 1.0) * interval;
    }

    /** The requests that went through in the last second, or infinity when none did (nothing to tell). */
    private double wentThrough(long now) {
        long successes = successesInWindow(now);
        return successes == 0 ? Double.POSITIVE_INFINITY : successes;
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
