package dev.ops.proton.bench;

import static dev.ops.proton.process.OperatorEndpoints.metricSum;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.connection.Acceptance;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.connection.EnvironmentAccountConnectionSpec;
import dev.ops.proton.connection.RoleReference;
import dev.ops.proton.kubeapi.EmbeddedKubeApi;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsConfig;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.process.PackagedOperator;
import dev.ops.proton.testing.AccountBootstrap;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmark runs in: the local AWS endpoint and the embedded Kubernetes API in the benchmark's JVM, the
 * packaged operator (prod profile) as its own process with production timings except the resync period
 * ({@code BENCH_RESYNC_SECONDS}, so that one resync fits the run), accounts bootstrapped with the shipped policies,
 * and the connections applied as a GitOps sync does.
 */
final class BenchWorld implements AutoCloseable {

    static final String NAMESPACE = "bench";
    static final String MANAGEMENT_ACCOUNT = "100000000000";
    private static final Path DIR = Path.of("target", "bench").toAbsolutePath();

    final LocalAws localAws;
    final EmbeddedKubeApi api;
    final KubernetesClient client;
    private final BenchSettings settings;
    private final Path kubeconfig;
    private final AccountBootstrap bootstrap;
    private final List<PackagedOperator> started = new ArrayList<>();

    BenchWorld(BenchSettings settings) {
        this.settings = settings;
        this.localAws = LocalAws.start(LocalAwsConfig.embedded());
        this.api = EmbeddedKubeApi.startEphemeral();
        this.client = api.client();
        this.kubeconfig = api.writeKubeconfig(DIR.resolve("kubeconfig"));
        this.bootstrap = LocalAwsTestResource.bootstrap(localAws);
    }

    /**
     * One management account and the environment accounts: each account's root creates the role the operator
     * assumes, and an AwsAccount points at it, as an admin sets them up. Returns the environment accounts' ids.
     */
    List<String> setUpAccounts() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
        account("management", MANAGEMENT_ACCOUNT);
        List<String> accounts = new ArrayList<>();
        for (int i = 1; i <= settings.environmentAccounts(); i++) {
            String accountId = String.format("2%011d", i);
            account("env-" + i, accountId);
            accounts.add(accountId);
        }
        return accounts;
    }

    private void account(String name, String accountId) {
        bootstrap.account(accountId);
        client.resources(AwsAccount.class)
                .resource(OperatorFixtures.awsAccount(name, accountId, List.of(NAMESPACE)))
                .create();
    }

    /** Creates the connections a few at a time, as a GitOps sync does; returns the Creates each account needs. */
    Map<String, Long> applyConnections(List<String> environmentAccounts) throws Exception {
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

    /**
     * Starts the packaged operator as a session of its own role with the shipped operator policy (standing in for
     * IRSA); its console goes to {@code target/bench/<identity>.log}. {@code BENCH_OPERATOR_JAVA_OPTIONS} reaches its
     * JVM as {@code JAVA_TOOL_OPTIONS}, e.g. to record a flight recording.
     */
    PackagedOperator startOperator(String identity) {
        Map<String, String> environment = new HashMap<>(bootstrap.operator().environment());
        environment.put("POD_NAMESPACE", api.namespace());
        environment.put("PROTON_OPERATOR_RESYNC_PERIOD", settings.resyncSeconds() + "s");
        String javaOptions = System.getenv("BENCH_OPERATOR_JAVA_OPTIONS");
        if (javaOptions != null && !javaOptions.isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", javaOptions);
        }
        PackagedOperator operator = PackagedOperator.start(
                identity,
                kubeconfig,
                localAws.endpoint(),
                LocalAwsTestResource.OPERATOR_ACCOUNT,
                DIR.resolve(identity + ".log"),
                environment);
        started.add(operator);
        return operator;
    }

    /**
     * The operator's heap in use right after a full GC it was asked for ({@code jcmd GC.run}), in MB, as its JVM's
     * own metrics report it.
     */
    double heapUsedMbAfterGc(PackagedOperator operator) throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            Process gc = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            String.valueOf(operator.pid()),
                            "GC.run")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
                throw new IllegalStateException("jcmd GC.run failed for the operator (pid " + operator.pid() + ")");
            }
        }
        return metricSum(operator, "jvm_memory_used_bytes", Map.of("area", "heap")) / (1024 * 1024);
    }

    @Override
    public void close() {
        started.forEach(PackagedOperator::close);
        try {
            api.close();
        } finally {
            localAws.close();
        }
    }
}
