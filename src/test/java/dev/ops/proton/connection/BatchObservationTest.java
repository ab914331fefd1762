package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.localaws.CallCounter;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.reliability.RestartedOperator;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Connections at rest are observed in batches: a resync costs a share of one ListEnvironmentAccountConnections per
 * environment account and no Get of its own, also right after a restart (the status vouches for a connection the
 * listing shows unchanged), while changes made outside the operator are still caught at the next resync. Counted
 * by the local AWS endpoint; the test profile's resync period is 3 s.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
@TestProfile(BatchObservationTest.Profile.class)
class BatchObservationTest {

    /** The test profile plus a Kubernetes client that survives stopping the operator, for the restart. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.operator-sdk.close-client-on-stop", "false");
        }
    }

    static final String MANAGEMENT = "717171717170";
    static final String NAMESPACE = "batch";
    static final int CONNECTIONS = 8;
    static final Set<String> READS_OF_ITS_OWN =
            Set.of("GetEnvironmentAccountConnection", "ListTagsForResource", "CreateEnvironmentAccountConnection");

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Inject
    Operator operator;

    @Inject
    RestartedOperator restarted;

    @Inject
    OperatorConfig config;

    @Test
    void shouldObserveConnectionsAtRestWithASharedListAndNoGetOfTheirOwn() {
        String env = "717171717171";
        List<String> names = connectedAtRest(env, "rest");

        Window window = watchResyncs(env);

        window.print("resync at rest", names.size());
        assertThat(window.calls(k -> READS_OF_ITS_OWN.contains(k.operation())))
                .as("Gets, tag reads and Creates during two resync periods at rest")
                .isZero();
        assertThat(window.calls(k -> k.operation().equals("ListEnvironmentAccountConnections")))
                .as("the resyncs observed through the shared listing")
                .isPositive()
                .isLessThan(window.resyncs() * names.size() / 2);
    }

    @Test
    void shouldCatchChangesMadeOutsideTheOperatorAtTheNextResync() {
        String env = "717171717172";
        List<String> names = connectedAtRest(env, "drift");
        var envProton = LocalAwsClients.root(localAws, env).proton();
        var mgmtProton = LocalAwsClients.root(localAws, MANAGEMENT).proton();
        String edited = status(names.get(0)).connectionId();
        String deleted = status(names.get(1)).connectionId();
        resources().create(connection("drift-manual", env, Acceptance.Manual));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> status("drift-manual") != null
                        && "PENDING".equals(status("drift-manual").state()));
        String rejected = status("drift-manual").connectionId();

        envProton.updateEnvironmentAccountConnection(r -> r.id(edited).roleArn(role(env, "SomeoneElsesRole")));
        envProton.deleteEnvironmentAccountConnection(r -> r.id(deleted));
        mgmtProton.rejectEnvironmentAccountConnection(r -> r.id(rejected));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(envProton
                            .getEnvironmentAccountConnection(r -> r.id(edited))
                            .environmentAccountConnection()
                            .roleArn())
                    .as("roles put back")
                    .isEqualTo(role(env, "ProtonRole"));
            assertThat(status(names.get(1)).connectionId())
                    .as("requested again after the delete")
                    .isNotEqualTo(deleted);
            assertThat(status(names.get(1)).state()).isEqualTo("CONNECTED");
            assertThat(status("drift-manual").conditions())
                    .anySatisfy(c -> assertThat(List.of(c.getType(), c.getStatus(), c.getReason()))
                            .containsExactly(ConditionTypes.STALLED, "True", "Rejected"));
        });
    }

    @Test
    void shouldCostNoCallOfItsOwnPerConnectionAfterARestartAtRest() {
        String env = "717171717173";
        List<String> names = connectedAtRest(env, "restart");
        operator.stop();
        Operator second = restarted.start();
        try {
            Window window = watchResyncs(env);

            window.print("restart at rest", names.size());
            assertThat(window.calls(k -> READS_OF_ITS_OWN.contains(k.operation())))
                    .as("Gets, tag reads and Creates after a restart at rest: the status vouches for what the"
                            + " listing shows unchanged")
                    .isZero();
            assertThat(window.calls(k -> k.operation().equals("ListEnvironmentAccountConnections")))
                    .as("the restarted operator observed through the shared listing")
                    .isPositive();

            String edited = status(names.get(0)).connectionId();
            LocalAwsClients.root(localAws, env)
                    .proton()
                    .updateEnvironmentAccountConnection(r -> r.id(edited).roleArn(role(env, "SomeoneElsesRole")));
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> LocalAwsClients.root(localAws, env)
                            .proton()
                            .getEnvironmentAccountConnection(r -> r.id(edited))
                            .environmentAccountConnection()
                            .roleArn()
                            .equals(role(env, "ProtonRole")));
        } finally {
            second.stop();
            operator.start();
        }
    }

    /** Proton calls in one environment account and the management account over two resync periods. */
    private Window watchResyncs(String env) {
        Map<CallCounter.Key, Long> before = localAws.calls().snapshot();
        Duration period = config.resyncPeriod().multipliedBy(2).plusMillis(500);
        await().pollDelay(period).atMost(period.plusSeconds(1)).until(() -> true);
        return new Window(
                env,
                before,
                localAws.calls().snapshot(),
                period.toMillis() / (double) config.resyncPeriod().toMillis());
    }

    private record Window(
            String env, Map<CallCounter.Key, Long> before, Map<CallCounter.Key, Long> after, double resyncsDouble) {

        long calls(Predicate<CallCounter.Key> filter) {
            return after.entrySet().stream()
                    .filter(e -> e.getKey().service().equals("proton")
                            && (e.getKey().account().equals(env)
                                    || e.getKey().account().equals(MANAGEMENT))
                            && filter.test(e.getKey()))
                    .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                    .sum();
        }

        long resyncs() {
            return (long) Math.floor(resyncsDouble);
        }

        void print(String what, int connections) {
            long all = calls(k -> true);
            System.out.printf(
                    "[batch-observation] %s: %d Proton calls for %d connections over %.1f resync periods = %.3f per"
                            + " connection per resync; by operation: %s%n",
                    what,
                    all,
                    connections,
                    resyncsDouble,
                    all / (connections * resyncsDouble),
                    after.entrySet().stream()
                            .filter(e -> e.getKey().service().equals("proton")
                                    && e.getValue() - before.getOrDefault(e.getKey(), 0L) > 0
                                    && (e.getKey().account().equals(env)
                                            || e.getKey().account().equals(MANAGEMENT)))
                            .map(e -> e.getKey() + "=" + (e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                            .toList());
        }
    }

    private List<String> connectedAtRest(String env, String prefix) {
        OperatorFixtures.readyAccount(client, localAws, "management-batch", MANAGEMENT, List.of(NAMESPACE));
        OperatorFixtures.readyAccount(client, localAws, "env-" + env, env, List.of(NAMESPACE));
        List<String> names =
                IntStream.range(0, CONNECTIONS).mapToObj(i -> prefix + "-" + i).toList();
        names.forEach(name -> resources().create(connection(name, env, Acceptance.Automatic)));
        names.forEach(name -> resources().awaitCondition(name, ConditionTypes.READY, "True"));
        return names;
    }

    private ConnectionResources resources() {
        return new ConnectionResources(client, NAMESPACE);
    }

    private EnvironmentAccountConnectionStatus status(String name) {
        return resources().get(name).getStatus();
    }

    private static String role(String env, String name) {
        return "arn:aws:iam::" + env + ":role/" + name;
    }

    private static EnvironmentAccountConnection connection(String name, String env, Acceptance acceptance) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                name + "-env",
                "env-" + env,
                "management-batch",
                null,
                new RoleReference(role(env, "ProtonRole"), null),
                null,
                null,
                acceptance,
                Map.of(),
                DeletionPolicy.Retain));
        return connection;
    }
}
