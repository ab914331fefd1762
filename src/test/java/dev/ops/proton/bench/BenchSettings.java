package dev.ops.proton.bench;

import java.util.Map;

/**
 * What the benchmark runs, from environment variables: {@code BENCH_CONNECTIONS} connections (default 1000) spread
 * over environment accounts of at most {@code BENCH_CONNECTIONS_PER_ACCOUNT} each (default 500, half Proton's quota
 * of 1,000 per environment account), one management account, a Proton rate limit of {@code BENCH_PROTON_TPS}
 * requests per second per account (default 0: none), {@code BENCH_CLI_CONNECTIONS} connections made by hand with the
 * AWS CLI for comparison (default 3; 0 skips it), a deadline of {@code BENCH_TIMEOUT_SECONDS} for each phase, and the
 * operator's resync period {@code BENCH_RESYNC_SECONDS} (default 60 s, or twice the rate-limit bound when that is
 * longer, so that no connection resyncs before all are connected: production's 10 minutes would make the window that
 * measures one resync at rest 10 minutes long, and what a resync costs does not depend on its period).
 */
record BenchSettings(
        int connections,
        int perAccount,
        double protonTps,
        int cliConnections,
        long timeoutSeconds,
        long resyncSeconds) {

    BenchSettings {
        if (connections < 1
                || perAccount < 1
                || perAccount > 1000
                || protonTps < 0
                || cliConnections < 0
                || resyncSeconds < 10) {
            throw new IllegalArgumentException("BENCH_CONNECTIONS and BENCH_CONNECTIONS_PER_ACCOUNT must be positive"
                    + " (at most 1000 per account, Proton's quota), BENCH_PROTON_TPS and BENCH_CLI_CONNECTIONS"
                    + " at least 0, BENCH_RESYNC_SECONDS at least 10");
        }
    }

    static BenchSettings from(Map<String, String> env) {
        int connections =
                Integer.parseInt(env.getOrDefault("BENCH_CONNECTIONS", "1000").trim());
        double tps =
                Double.parseDouble(env.getOrDefault("BENCH_PROTON_TPS", "0").trim());
        long defaultTimeout = 120 + (tps > 0 ? (long) Math.ceil(3 * connections / tps) : connections / 20L);
        return new BenchSettings(
                connections,
                Integer.parseInt(
                        env.getOrDefault("BENCH_CONNECTIONS_PER_ACCOUNT", "500").trim()),
                tps,
                Integer.parseInt(env.getOrDefault("BENCH_CLI_CONNECTIONS", "3").trim()),
                Long.parseLong(env.getOrDefault("BENCH_TIMEOUT_SECONDS", String.valueOf(defaultTimeout))
                        .trim()),
                Long.parseLong(env.getOrDefault(
                                "BENCH_RESYNC_SECONDS",
                                String.valueOf(tps > 0 ? Math.max(60, (long) Math.ceil(2 * connections / tps)) : 60))
                        .trim()));
    }

    int environmentAccounts() {
        return (connections + perAccount - 1) / perAccount;
    }

    boolean rateLimited() {
        return protonTps > 0;
    }
}
