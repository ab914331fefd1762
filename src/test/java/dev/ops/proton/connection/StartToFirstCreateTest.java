package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.reliability.RestartedOperator;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * From the operator's start to the first Create, as after an install under an already synced Git repository: the
 * AwsAccounts have no status yet and the connections name their roles by ARN. The figures are printed, never
 * asserted (timings on a shared machine); the test asserts that every connection gets Ready without waiting for the
 * AwsAccount controller's status write (no WaitingForAccount status and Event).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
@TestProfile(BatchObservationTest.Profile.class)
class StartToFirstCreateTest {

    static final String MANAGEMENT = "727272727270";
    static final String ENV = "727272727271";
    static final String NAMESPACE = "start";
    static final int CONNECTIONS = 5;

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Inject
    Operator operator;

    @Inject
    RestartedOperator restarted;

    @Test
    void shouldRequestConnectionsSoonAfterTheStartWithAccountsNotYetVerified() {
        operator.stop();
        Operator second = null;
        Watch watch = null;
        try {
            for (var account :
                    Map.of("start-management", MANAGEMENT, "start-env", ENV).entrySet()) {
                OperatorFixtures.bootstrapAccount(localAws, account.getValue());
                client.resources(AwsAccount.class)
                        .resource(OperatorFixtures.awsAccount(account.getKey(), account.getValue(), List.of(NAMESPACE)))
                        .create();
            }
            ConnectionResources resources = new ConnectionResources(client, NAMESPACE);
            List<String> names =
                    IntStream.range(0, CONNECTIONS).mapToObj(i -> "start-" + i).toList();
            names.forEach(name -> resources.create(connection(name)));

            Set<String> reasonsSeen = ConcurrentHashMap.newKeySet();
            watch = client.resources(EnvironmentAccountConnection.class)
                    .inNamespace(NAMESPACE)
                    .watch(new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, EnvironmentAccountConnection resource) {
                            if (Conditions.of(resource) != null) {
                                Conditions.of(resource).forEach(c -> reasonsSeen.add(c.getReason()));
                            }
                        }

                        @Override
                        public void onClose(WatcherException cause) {}
                    });
            long start = System.nanoTime();
            second = restarted.start();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> localAws.calls().count(ENV, "proton", "CreateEnvironmentAccountConnection") > 0);
            long firstCreate = System.nanoTime() - start;
            names.forEach(name -> resources.awaitCondition(name, ConditionTypes.READY, "True"));
            long allReady = System.nanoTime() - start;
            System.out.printf(
                    "[start] operator start to first Create: %d ms; to all %d connections Ready: %d ms%n",
                    firstCreate / 1_000_000, CONNECTIONS, allReady / 1_000_000);
            assertThat(reasonsSeen)
                    .as("no connection waited for its AwsAccounts' status write: it proved them itself")
                    .doesNotContain("WaitingForAccount")
                    .contains("Connected");
        } finally {
            if (watch != null) {
                watch.close();
            }
            if (second != null) {
                second.stop();
            }
            operator.start();
        }
    }

    private static EnvironmentAccountConnection connection(String name) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                name + "-env",
                "start-env",
                "start-management",
                null,
                new RoleReference("arn:aws:iam::" + ENV + ":role/ProtonRole", null),
                null,
                null,
                Acceptance.Automatic,
                Map.of(),
                DeletionPolicy.Retain));
        return connection;
    }
}
