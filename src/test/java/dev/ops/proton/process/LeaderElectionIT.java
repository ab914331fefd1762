package dev.ops.proton.process;

import static dev.ops.proton.process.OperatorEndpoints.get;
import static dev.ops.proton.process.OperatorEndpoints.metricSum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.localaws.auth.CredentialStore;
import dev.ops.proton.localaws.faults.FaultPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;

/**
 * Two replicas of the packaged operator, as the Deployment runs them, in steps: only the Lease holder reconciles;
 * kill -9 of the leader while 50 handshakes are in flight leaves the standby to finish all of them with no
 * duplicate connection or stack; SIGTERM of the new leader ends its process promptly and releases the Lease to a
 * third replica. Every replica logs JSON (as deploy/deployment.yaml sets), and no line may hold a secret. Asserts
 * from the API server's Lease and resources and from the local AWS endpoint's state and counters; the replicas'
 * own endpoints only for health and metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaderElectionIT {

    private static final String NAMESPACE = "platform";
    private static final String MANAGEMENT = "210000000001";
    private static final String ENVIRONMENT = "220000000001";
    private static final String MANAGEMENT_EXTERNAL_ID = "mgmt-external-id-4f1c2a";
    private static final String ENVIRONMENT_EXTERNAL_ID = "env-external-id-9b7d3e";
    private static final int CONNECTIONS = 50;
    private static final Map<String, String> JSON_LOGS = Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");

    private ProcessWorld world;
    private PackagedOperator leader;
    private PackagedOperator standby;
    private final List<PackagedOperator> everyReplica = new ArrayList<>();

    @BeforeAll
    void startTwoReplicas() {
        world = new ProcessWorld("leader-election");
        everyReplica.add(world.startReplica("replica-a", JSON_LOGS));
        everyReplica.add(world.startReplica("replica-b", JSON_LOGS));
        world.namespace(NAMESPACE);
        world.accountWithExternalId("management", MANAGEMENT, MANAGEMENT_EXTERNAL_ID, List.of(NAMESPACE));
        world.accountWithExternalId("environment", ENVIRONMENT, ENVIRONMENT_EXTERNAL_ID, List.of(NAMESPACE));
        world.connectionRoles(NAMESPACE, "roles", "environment", MANAGEMENT);
    }

    @AfterAll
    void stopEverything() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void shouldReconcileOnlyOnTheLeaseHolder() throws Exception {
        String holder = await().atMost(Duration.ofSeconds(120))
                .until(world::leaseHolder, Optional::isPresent)
                .orElseThrow();
        leader = everyReplica.stream()
                .filter(r -> r.identity().equals(holder))
                .findFirst()
                .orElseThrow();
        standby = everyReplica.stream().filter(r -> r != leader).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> world.localAws.calls().count(ENVIRONMENT, "cloudformation", "CreateStack") == 1);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> metricSum(standby, "operator_sdk_reconciliations_started_total") >= 0
                        && get(standby, "/q/health/ready").statusCode() == 200);

        assertThat(metricSum(leader, "operator_sdk_reconciliations_started_total"))
                .as("the leader reconciles")
                .isPositive();
        assertThat(metricSum(leader, "proton_operator_aws_calls_total"))
                .as("the leader's AWS calls")
                .isPositive();
        assertThat(metricSum(standby, "operator_sdk_reconciliations_started_total"))
                .as("the standby does not reconcile")
                .isZero();
        assertThat(metricSum(standby, "proton_operator_aws_calls_total"))
                .as("the standby makes no AWS call")
                .isZero();
    }

    @Test
    @Order(2)
    void shouldServeReadinessOnBothReplicasAndMetricsOnTheLeader() throws Exception {
        for (PackagedOperator replica : List.of(leader, standby)) {
            var ready = get(replica, "/q/health/ready");
            assertThat(ready.statusCode()).as(replica.identity() + " ready").isEqualTo(200);
            assertThat(new ObjectMapper().readTree(ready.body()).path("status").asText())
                    .isEqualTo("UP");
        }
        assertThat(get(leader, "/q/metrics").body()).contains("proton_operator_aws_calls_total{");
    }

    @Test
    @Order(3)
    void shouldFinishEveryHandshakeOnTheStandbyAfterTheLeaderIsKilled() throws Exception {
        world.localAws.faults(new FaultPlan(0, 0, 0, 0, 400, Set.of("proton"), Set.of()));
        IntStream.range(0, CONNECTIONS)
                .forEach(i -> world.connection(NAMESPACE, "conn-" + i, "environment", "management", "roles"));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> world.localAws.calls().count(ENVIRONMENT, "proton", "CreateEnvironmentAccountConnection")
                        >= 10);
        assertThat(world.connectedCount(NAMESPACE))
                .as("in flight when the leader dies")
                .isLessThan(CONNECTIONS);

        long killedAt = System.nanoTime();
        leader.kill();
        await().atMost(Duration.ofSeconds(60)).until(() -> world.leaseHolder().equals(Optional.of(standby.identity())));
        double takeover = (System.nanoTime() - killedAt) / 1e9;
        world.localAws.faults(FaultPlan.NONE);
        await().atMost(Duration.ofSeconds(120)).until(() -> world.connectedCount(NAMESPACE) == CONNECTIONS);
        double allConnected = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf(
                "[process suite] kill -9 of the leader with %d handshakes in flight: standby leads after %.1f s, all"
                        + " CONNECTED after %.1f s%n",
                CONNECTIONS, takeover, allConnected);

        List<EnvironmentAccountConnectionSummary> inProton = world.protonConnections(MANAGEMENT);
        assertThat(inProton).hasSize(CONNECTIONS);
        assertThat(inProton.stream().map(EnvironmentAccountConnectionSummary::environmentName))
                .doesNotHaveDuplicates();
        assertThat(LocalAwsClients.root(world.localAws, ENVIRONMENT)
                        .cloudFormation()
                        .listStacks()
                        .stackSummaries())
                .hasSize(1)
                .allSatisfy(s -> assertThat(s.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE));
    }

    @Test
    @Order(4)
    void shouldExitPromptlyAndReleaseTheLeaseOnSigterm() throws Exception {
        PackagedOperator third = world.startReplica("replica-c", JSON_LOGS);
        everyReplica.add(third);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> get(third, "/q/health/ready").statusCode() == 200);
        PackagedOperator current = standby;

        long signalledAt = System.nanoTime();
        current.terminate();
        Optional<Integer> exit = current.awaitExit(Duration.ofSeconds(5));
        double exitSeconds = (System.nanoTime() - signalledAt) / 1e9;
        assertThat(exit).as("the leader's process ends within 5 s of SIGTERM").isPresent();
        long exitedAt = System.nanoTime();
        assertThat(world.leaseHolder())
                .as("the Lease is released on the way out")
                .isNotEqualTo(Optional.of(current.identity()));
        await().atMost(Duration.ofSeconds(5)).until(() -> world.leaseHolder().equals(Optional.of(third.identity())));
        double takeoverSeconds = (System.nanoTime() - exitedAt) / 1e9;
        System.out.printf(
                "[process suite] SIGTERM of the leader: its process exited after %.2f s (exit code %d), the standby led"
                        + " %.2f s after that%n",
                exitSeconds, exit.get(), takeoverSeconds);
        assertThat(current.logText()).doesNotContain("Exiting.");
    }

    @Test
    @Order(5)
    void shouldLogOnlyJsonLinesWithoutSecrets() throws Exception {
        List<String> secrets = new ArrayList<>(List.of(MANAGEMENT_EXTERNAL_ID, ENVIRONMENT_EXTERNAL_ID));
        for (CredentialStore.TemporaryCredentials issued :
                world.localAws.context().credentials().issued()) {
            secrets.add(issued.secretAccessKey());
            secrets.add(issued.sessionToken());
        }
        assertThat(secrets)
                .as("ExternalIds and the sessions the replicas were issued")
                .hasSizeGreaterThan(4);
        ObjectMapper json = new ObjectMapper();
        for (PackagedOperator replica : everyReplica) {
            List<String> lines = replica.logText().lines().toList();
            assertThat(lines).as(replica.identity() + "'s log").isNotEmpty();
            for (String line : lines) {
                assertThat(json.readTree(line).isObject())
                        .as(replica.identity() + ": " + line)
                        .isTrue();
                for (String secret : secrets) {
                    assertThat(line).as(replica.identity() + " logs no secret").doesNotContain(secret);
                }
            }
        }
    }
}
