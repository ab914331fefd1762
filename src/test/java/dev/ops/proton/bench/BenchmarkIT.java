package dev.ops.proton.bench;

import static dev.ops.proton.process.OperatorEndpoints.metricSum;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ops.proton.localaws.CallCounter;
import dev.ops.proton.process.PackagedOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark: BENCH_CONNECTIONS connections, each one EnvironmentAccountConnection with a direct role ARN, spread
 * over environment accounts and accepted by one management account, against the local AWS endpoint with an optional
 * Proton rate limit per account, and the packaged operator run as its own process ({@link BenchWorld}). Every
 * manifest is applied before the operator starts, as when it is installed under a synced Git repository. Four
 * phases, each measured from the endpoint's and the API server's own counters:
 *
 * <ol>
 *   <li>from the operator process's start until every connection is CONNECTED and Ready: Proton calls (throttled ones
 *       included), STS calls, Kubernetes writes;
 *   <li>the operator's own heap after a GC;
 *   <li>one resync period at rest: Proton calls and Kubernetes writes;
 *   <li>a restart (SIGTERM, a new process) until the new process has reconciled every connection and every one is
 *       Ready: seconds and Proton calls.
 * </ol>
 *
 * Writes target/bench/result.json. Run by the README's bench command ({@code verify -Pbench}), never by the test
 * suite. It asserts only that every phase ends: the figures are for people to read, not thresholds (machines are
 * noisy).
 */
@Tag("bench")
class BenchmarkIT {

    private static final String CLI_ENVIRONMENT_ACCOUNT = "299999999999";
    private static final Path RESULT = Path.of("target/bench/result.json");
    private static final String RECONCILED = "operator_sdk_controllers_execution_reconcile_success_total";

    @Test
    void connectEveryEnvironment() throws Exception {
        BenchSettings settings = BenchSettings.from(System.getenv());
        int n = settings.connections();
        System.out.printf(
                "Benchmark: %d connections over %d environment accounts and 1 management account, Proton rate limit"
                        + " %s, resync every %d s; the operator runs as its own process%n",
                n,
                settings.environmentAccounts(),
                settings.rateLimited() ? settings.protonTps() + " requests/s per account" : "none",
                settings.resyncSeconds());
        KubernetesWriteCounter writes = new KubernetesWriteCounter();
        try (BenchWorld world = new BenchWorld(settings);
                ReadyConnections ready = new ReadyConnections(world.client, BenchWorld.NAMESPACE)) {
            world.api.onRequest(writes);
            List<String> environmentAccounts = world.setUpAccounts();
            Map<String, Long> required = new LinkedHashMap<>(world.applyConnections(environmentAccounts));
            required.put(BenchWorld.MANAGEMENT_ACCOUNT, (long) n);
            if (settings.rateLimited()) {
                world.localAws.rateLimits(Map.of("proton", settings.protonTps()));
            }
            CallCounter calls = world.localAws.calls();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("connections", n);
            result.put("environment_accounts", environmentAccounts.size());
            result.put("management_accounts", 1);
            result.put("proton_tps_per_account", settings.protonTps());
            result.put("resync_seconds", settings.resyncSeconds());

            writes.start();
            long started = System.nanoTime();
            PackagedOperator operator = world.startOperator("bench-operator");
            double connectedSeconds =
                    await("every connection CONNECTED", settings, started, ready, () -> ready.count() == n);
            Thread.sleep(2000); // let trailing Events and status writes land before counting
            double bound = RateLimitBound.seconds(required, settings.protonTps());
            result.put("seconds_to_all_connected", round(connectedSeconds));
            result.put("lower_bound_seconds", round(bound));
            result.put("ratio_to_lower_bound", bound > 0 ? round(connectedSeconds / bound) : null);
            long protonCalls = calls.total("proton");
            result.put("proton_calls_per_connection", round((double) protonCalls / n));
            result.put("throttled_requests_per_connection", round((double) throttled(calls) / n));
            Map<String, Long> connecting = protonBreakdown(calls);
            result.put("proton_calls_by_operation_and_outcome", connecting);
            result.put("sts_calls_total", calls.total("sts"));
            result.put("kubernetes_writes_per_connection", round((double) writes.total() / n));
            result.put("kubernetes_resource_writes_per_connection", round((double) writes.resourceWrites() / n));
            result.put("kubernetes_event_writes_per_connection", round((double) writes.eventWrites() / n));
            result.put("operator_heap_used_mb_after", round(world.heapUsedMbAfterGc(operator)));

            long protonBeforeResync = calls.total("proton");
            long writesBeforeResync = writes.total();
            System.out.printf("  at rest: one resync period (%d s)%n", settings.resyncSeconds());
            Thread.sleep(Duration.ofSeconds(settings.resyncSeconds()).toMillis());
            result.put(
                    "resync_proton_calls_per_connection",
                    round((double) (calls.total("proton") - protonBeforeResync) / n));
            result.put(
                    "resync_kubernetes_writes_per_connection",
                    round((double) (writes.total() - writesBeforeResync) / n));
            result.put("resync_proton_calls_by_operation_and_outcome", difference(protonBreakdown(calls), connecting));

            operator.terminate();
            if (operator.awaitExit(Duration.ofSeconds(60)).isEmpty()) {
                fail("the operator did not end within 60 s of SIGTERM; its log: " + operator.log());
            }
            Map<String, Long> beforeRestart = protonBreakdown(calls);
            long protonBeforeRestart = calls.total("proton");
            long restarted = System.nanoTime();
            PackagedOperator second = world.startOperator("bench-operator-restarted");
            double restartSeconds = await(
                    "every connection reconciled by the restarted operator and Ready",
                    settings,
                    restarted,
                    ready,
                    () -> ready.count() == n && reconciledAll(world, second, n));
            result.put("seconds_to_all_ready_after_restart", round(restartSeconds));
            result.put(
                    "restart_proton_calls_per_connection",
                    round((double) (calls.total("proton") - protonBeforeRestart) / n));
            result.put(
                    "restart_proton_calls_by_operation_and_outcome", difference(protonBreakdown(calls), beforeRestart));
            result.put("lease_writes_total", writes.leaseWrites());
            result.put("available_processors", Runtime.getRuntime().availableProcessors());
            OptionalDouble cli = new CliWorkshopFlow(world.localAws.endpoint())
                    .secondsPerConnection(
                            settings.cliConnections(), CLI_ENVIRONMENT_ACCOUNT, BenchWorld.MANAGEMENT_ACCOUNT);
            result.put("cli_seconds_per_connection", cli.isPresent() ? round(cli.getAsDouble()) : null);
            write(result);
        }
    }

    /** Whether the operator's connection controller has completed a reconcile for as many resources as there are. */
    private static boolean reconciledAll(BenchWorld world, PackagedOperator operator, int n) {
        try {
            return metricSum(operator, RECONCILED, Map.of("controller", "environmentaccountconnection")) >= n;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static double await(
            String what, BenchSettings settings, long started, ReadyConnections ready, BooleanSupplier done)
            throws InterruptedException {
        long deadline = started + settings.timeoutSeconds() * 1_000_000_000L;
        long lastReport = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not " + what + " after " + settings.timeoutSeconds() + " s: " + ready.count() + " of "
                        + settings.connections() + " Ready");
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                System.out.printf(
                        "  %6.1f s: %d of %d CONNECTED and Ready%n",
                        secondsSince(started), ready.count(), settings.connections());
                lastReport = System.nanoTime();
            }
            Thread.sleep(20);
        }
        return secondsSince(started);
    }

    private static long throttled(CallCounter calls) {
        return calls.count(
                key -> key.service().equals("proton") && key.outcome().contains("Throttl"));
    }

    private static Map<String, Long> protonBreakdown(CallCounter calls) {
        Map<String, Long> breakdown = new TreeMap<>();
        calls.snapshot().forEach((CallCounter.Key key, Long count) -> {
            if (key.service().equals("proton")) {
                breakdown.merge(key.operation() + " " + key.outcome(), count, Long::sum);
            }
        });
        return breakdown;
    }

    /** The breakdown now, less an earlier one. */
    private static Map<String, Long> difference(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((key, count) -> {
            long added = count - before.getOrDefault(key, 0L);
            if (added > 0) {
                delta.put(key, added);
            }
        });
        return delta;
    }

    private static double secondsSince(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static Double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static void write(Map<String, Object> result) throws Exception {
        Files.createDirectories(RESULT.getParent());
        String json =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        Files.writeString(RESULT, json + "\n");
        System.out.println(json);
        System.out.println("Written to " + RESULT);
    }
}
