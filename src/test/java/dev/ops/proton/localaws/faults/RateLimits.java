package dev.ops.proton.localaws.faults;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per second allowed per (account, service), parsed from {@code LOCAL_AWS_RATE_LIMITS}, e.g.
 * {@code proton=20,cloudformation=5}. Each pair has a token bucket holding at most one second's worth of tokens,
 * the way AWS's per-account API rate limits behave; a request finding the bucket empty is throttled.
 */
public final class RateLimits {

    public static final RateLimits NONE = new RateLimits(Map.of(), Clock.systemUTC());

    private final Map<String, Double> perSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;

    public RateLimits(Map<String, Double> perSecond, Clock clock) {
        perSecond.forEach((service, rate) -> {
            if (rate <= 0) {
                throw new IllegalArgumentException("rate limit of " + service + " must be positive: " + rate);
            }
        });
        this.perSecond = Map.copyOf(perSecond);
        this.clock = clock;
    }

    public static RateLimits parse(String spec, Clock clock) {
        Map<String, Double> limits = new HashMap<>();
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split(",")) {
                String[] pair = entry.trim().split("=", 2);
                try {
                    limits.put(pair[0].trim().toLowerCase(Locale.ROOT), Double.parseDouble(pair[1].trim()));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            "LOCAL_AWS_RATE_LIMITS entry '" + entry + "' is not service=requestsPerSecond");
                }
            }
        }
        return new RateLimits(limits, clock);
    }

    public Map<String, Double> limits() {
        return perSecond;
    }

    /** Takes a token for one request; false means the request must be throttled. */
    public boolean tryAcquire(String account, String service) {
        Double rate = perSecond.get(service);
        if (rate == null) {
            return true;
        }
        return buckets.computeIfAbsent(account + "/" + service, k -> new Bucket(rate))
                .tryTake(clock.millis());
    }

    private static final class Bucket {
        private final double ratePerMilli;
        private final double capacity;
        private double tokens;
        private long lastRefill = -1;

        Bucket(double ratePerSecond) {
            this.ratePerMilli = ratePerSecond / 1000.0;
            this.capacity = Math.max(1.0, ratePerSecond);
            this.tokens = capacity;
        }

        synchronized boolean tryTake(long now) {
            if (lastRefill >= 0) {
                tokens = Math.min(capacity, tokens + (now - lastRefill) * ratePerMilli);
            }
            lastRefill = now;
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return true;
            }
            return false;
        }
    }
}
