package dev.ops.proton.bench;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.connection.Acceptance;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.connection.EnvironmentAccountConnectionSpec;
import dev.ops.proton.connection.RoleReference;
import dev.ops.proton.localaws.CallCounter;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark: BENCH_CONNECTIONS connections, each one EnvironmentAccountConnection with a direct role ARN, spread
 * over environment accounts and accepted by one management account, against the in-process local AWS endpoint with
 * an optional Proton rate limit per account. Every manifest is applied before the operator starts, as when it is
 * installed or restarted under a synced Git repository, and the embedded API server finds objects by name through
 * an index ({@link BenchKubernetesServer}), so the clock measures the operator rather than the mock server. It measures
 * what a platform engineer pays: time from the operator's start until every connection is CONNECTED in Kubernetes, Proton and STS calls (the endpoint's own counters, throttled requests included),
 * Kubernetes writes (the embedded API server's requests) and heap after a GC, and writes them to
 * target/bench/result.json. Run by the README's bench command ({@code -Pbench}), never by the test suite. It asserts
 * only that every connection got CONNECTED: the figures are for people to read, not thresholds (machines are noisy).
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@Tag("bench")
class BenchmarkJob {

    private static final String NAMESPACE = "bench";
    private static final String MANAGEMENT_ACCOUNT = "100000000000";
    private static final String CLI_ENVIRONMENT_ACCOUNT = "299999999999";
    private static final Path RESULT = Path.of("target/bench/result.json");

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Inject
    Operator operator;

    @Test
    void connectEveryEnvironment() throws Exception {
        BenchSettings settings = BenchSettings.from(System.getenv());
        System.out.printf(
                "Benchmark: %d connections over %d environment accounts and 1 management account, Proton rate limit %s%n",
                settings.connections(),
                settings.environmentAccounts(),
                settings.rateLimited() ? settings.protonTps() + " requests/s per account" : "none");
        installCrds();
        List<String> environmentAccounts = setUpAccounts(settings);
        Map<String, Long> createsByAccount = apply(settings, environmentAccounts);
        if (settings.rateLimited()) {
            localAws.rateLimits(Map.of("proton", settings.protonTps()));
        }
        Set<String> connected = ConcurrentHashMap.newKeySet();

        try (KubernetesWriteCounter writes = new KubernetesWriteCounter(BenchKubernetesServer.server());
                Watch watch = watchConnected(connected)) {
            writes.start();
            long started = System.nanoTime();
            operator.start();
            double connectedSeconds = awaitAllConnected(settings, connected, started);
            Thread.sleep(2000); // let trailing Events and status writes land before counting
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("connections", settings.connections());
            result.put("environment_accounts", environmentAccounts.size());
            result.put("management_accounts", 1);
            result.put("proton_tps_per_account", settings.protonTps());
            result.put("seconds_to_all_connected", round(connectedSeconds));
            Map<String, Long> required = new LinkedHashMap<>(createsByAccount);
            required.put(MANAGEMENT_ACCOUNT, (long) settings.connections());
            double bound = RateLimitBound.seconds(required, settings.protonTps());
            result.put("lower_bound_seconds", round(bound));
            result.put("ratio_to_lower_bound", bound > 0 ? round(connectedSeconds / bound) : null);
            long protonCalls = localAws.calls().total("proton");
            result.put("proton_calls_per_connection", round((double) protonCalls / settings.connections()));
            result.put("proton_calls_by_operation_and_outcome", protonBreakdown());
            result.put("sts_calls_total", localAws.calls().total("sts"));
            result.put(
                    "kubernetes_writes_per_connection",
                    round((double) (writes.resourceWrites() + writes.eventWrites()) / settings.connections()));
            result.put(
                    "kubernetes_resource_writes_per_connection",
                    round((double) writes.resourceWrites() / settings.connections()));
            result.put(
                    "kubernetes_event_writes_per_connection",
                    round((double) writes.eventWrites() / settings.connections()));
            result.put("heap_used_mb_after", round(heapUsedMbAfterGc()));
            result.put("heap_note", "one JVM: operator, embedded Kubernetes API server and local AWS endpoint");
            result.put("available_processors", Runtime.getRuntime().availableProcessors());
            OptionalDouble cli = new CliWorkshopFlow(localAws.endpoint())
                    .secondsPerConnection(settings.cliConnections(), CLI_ENVIRONMENT_ACCOUNT, MANAGEMENT_ACCOUNT);
            result.put("cli_seconds_per_connection", cli.isPresent() ? round(cli.getAsDouble()) : null);
            write(result);
        }
    }

    /** The operator is not running yet, so it has not installed its CRDs: the benchmark does, as an admin would. */
    private void installCrds() throws Exception {
        try (var files = Files.list(Path.of("crds"))) {
            for (Path crd : files.filter(f -> f.toString().endsWith("-v1.yml")).toList()) {
                try (var in = Files.newInputStream(crd)) {
                    client.load(in).createOrReplace();
                }
            }
        }
    }

    /**
     * One management account and the environment accounts: each account's root creates the role the operator
     * assumes, and an AwsAccount points at it, as an admin sets them up.
     */
    private List<String> setUpAccounts(BenchSettings settings) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
        createAccount("management", MANAGEMENT_ACCOUNT);
        List<String> accounts = new ArrayList<>();
        for (int i = 1; i <= settings.environmentAccounts(); i++) {
            String accountId = String.format("2%011d", i);
            createAccount("env-" + i, accountId);
            accounts.add(accountId);
        }
        return accounts;
    }

    private void createAccount(String name, String accountId) {
        OperatorFixtures.bootstrapAccount(localAws, accountId);
        client.resources(AwsAccount.class)
                .resource(OperatorFixtures.awsAccount(name, accountId, List.of(NAMESPACE)))
                .create();
    }

    /** Creates the connections as a GitOps sync does, a few at a time; returns the Creates each account needs. */
    private Map<String, Long> apply(BenchSettings settings, List<String> environmentAccounts) throws Exception {
        Map<String, Long> createsByAccount = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> creations = new ArrayList<>();
            for (int i = 0; i < settings.connections(); i++) {
                int accountIndex = i / settings.perAccount();
                String accountId = environmentAccounts.get(accountIndex);
                createsByAccount.merge(accountId, 1L, Long::sum);
                EnvironmentAccountConnection connection = connection(i, accountIndex + 1, accountId);
                creations.add(pool.submit(() -> client.resource(connection).create()));
            }
            for (Future<?> creation : creations) {
                creation.get();
            }
        } finally {
            pool.shutdown();
        }
        return createsByAccount;
    }

    private static EnvironmentAccountConnection connection(int index, int accountNumber, String accountId) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(new ObjectMetaBuilder()
                .withName("bench-" + index)
                .withNamespace(NAMESPACE)
                .build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                "bench-" + index,
                "env-" + accountNumber,
                "management",
                null,
                new RoleReference("arn:aws:iam::" + accountId + ":role/ProtonServiceRole", null),
                null,
                null,
                Acceptance.Automatic,
                null,
                DeletionPolicy.Retain));
        return connection;
    }

    private Watch watchConnected(Set<String> connected) {
        return client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, EnvironmentAccountConnection connection) {
                        var status = connection.getStatus();
                        if (status != null
                                && "CONNECTED".equals(status.state())
                                && Conditions.isTrue(status.conditions(), ConditionTypes.READY)) {
                            connected.add(connection.getMetadata().getName());
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                });
    }

    private double awaitAllConnected(BenchSettings settings, Set<String> connected, long started)
            throws InterruptedException {
        long deadline = started + settings.timeoutSeconds() * 1_000_000_000L;
        long lastReport = System.nanoTime();
        while (connected.size() < settings.connections()) {
            if (System.nanoTime() > deadline) {
                fail(connected.size() + " of " + settings.connections() + " connections CONNECTED after "
                        + settings.timeoutSeconds() + " s; Proton calls so far: " + protonBreakdown());
            }
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                System.out.printf(
                        "  %6.1f s: %d of %d CONNECTED%n",
                        secondsSince(started), connected.size(), settings.connections());
                lastReport = System.nanoTime();
            }
            Thread.sleep(20);
        }
        return secondsSince(started);
    }

    private Map<String, Long> protonBreakdown() {
        Map<String, Long> breakdown = new TreeMap<>();
        localAws.calls().snapshot().forEach((CallCounter.Key key, Long count) -> {
            if (key.service().equals("proton")) {
                breakdown.merge(key.operation() + " " + key.outcome(), count, Long::sum);
            }
        });
        return breakdown;
    }

    private static double heapUsedMbAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
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
