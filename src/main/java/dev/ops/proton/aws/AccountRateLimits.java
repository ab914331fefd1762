package dev.ops.proton.aws;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The operator's client-side rate limits, one {@link AdaptiveRate} per (account, service, region) as AWS meters
 * them, so calls wait their turn on the client instead of being throttled by AWS. A limit nobody used for
 * {@link #IDLE} is forgotten (its memory freed, its learnt rate relearnt: AWS's bucket has refilled meanwhile).
 */
final class AccountRateLimits {

    private static final Logger LOG = Logger.getLogger(AccountRateLimits.class);

    /** What AWS meters one rate limit by. */
    record Key(String account, AwsService service, String region) {
        @Override
        public String toString() {
            return service.id() + " in account " + account + " (" + region + ")";
        }
    }

    static final Duration IDLE = Duration.ofMinutes(2);
    private static final long SWEEP_EVERY_MILLIS = 10_000;

    private final Map<AwsService, Double> ceilings;
    private final Clock clock;
    private final Map<Key, AdaptiveRate> rates = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    /** @param ceilings requests per second never exceeded, per service; a service not named has no ceiling */
    AccountRateLimits(Map<AwsService, Double> ceilings, Clock clock) {
        this.ceilings = Map.copyOf(ceilings);
        this.clock = clock;
    }

    /** 0 when the caller may send now, else the milliseconds until its turn (kept for it). */
    long permit(Key key, Object holder) {
        long now = clock.millis();
        sweep(now);
        return rate(key, now).permit(holder, now);
    }

    /** Takes a token for a caller that already had its turn in this reconcile. */
    void charge(Key key) {
        long now = clock.millis();
        rate(key, now).charge(now);
    }

    /** A request failed without AWS's rate limit having a say (a 5xx, a network failure): its token is given back. */
    void refund(Key key) {
        long now = clock.millis();
        rate(key, now).refund(now);
    }

    void succeeded(Key key) {
        long now = clock.millis();
        rate(key, now).succeeded(now);
    }

    /** AWS throttled a request sent at {@code sentAt}; returns the milliseconds until the holder's next turn. */
    long throttled(Key key, Object holder, long sentAt) {
        long now = clock.millis();
        AdaptiveRate rate = rate(key, now);
        double before = rate.rate();
        long wait = rate.throttled(holder, sentAt, now);
        LOG.debugf(
                "AWS throttled %s (sent %d ms ago): rate %.2f -> %.2f/s, %d waiting, next turn of %s in %d ms",
                key, now - sentAt, before, rate.rate(), rate.waiting(), holder, wait);
        return wait;
    }

    long now() {
        return clock.millis();
    }

    /** The current rate of a limit, requests per second; for tests and metrics. */
    double rate(Key key) {
        AdaptiveRate rate = rates.get(key);
        return rate == null ? Double.NaN : rate.rate();
    }

    int size() {
        return rates.size();
    }

    private AdaptiveRate rate(Key key, long now) {
        return rates.computeIfAbsent(
                key, k -> new AdaptiveRate(ceilings.getOrDefault(k.service(), Double.POSITIVE_INFINITY), now));
    }

    private void sweep(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + SWEEP_EVERY_MILLIS)) {
            return;
        }
        rates.values().removeIf(rate -> rate.expire(now, IDLE.toMillis()));
    }
}
