package dev.ops.proton.bench;

import java.util.Map;

/**
 * The time per-account rate limits alone force: each account must make at least its required calls, drawing from a
 * token bucket that starts full (one second's worth, as the local endpoint's {@code RateLimits}) and refills at the
 * limit. Accounts are limited independently, so the slowest account sets the bound. With N connections and one
 * management account, that is the management account's N Accepts.
 */
final class RateLimitBound {

    private RateLimitBound() {}

    static double seconds(Map<String, Long> requiredCallsByAccount, double callsPerSecond) {
        if (callsPerSecond <= 0) {
            return 0;
        }
        double burst = Math.max(1.0, callsPerSecond);
        return requiredCallsByAccount.values().stream()
                .mapToDouble(calls -> Math.max(0, calls - burst) / callsPerSecond)
                .max()
                .orElse(0);
    }
}
