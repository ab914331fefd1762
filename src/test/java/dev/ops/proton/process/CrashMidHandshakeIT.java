package dev.ops.proton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.localaws.faults.FaultPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;

/**
 * A single replica of the packaged operator killed (SIGKILL, no shutdown at all) after Proton made its connection
 * but before the operator wrote the connection's id to status, then started again: the restarted process must find
 * the connection it made rather than make a second one. The kill lands in that window for sure because the local
 * AWS endpoint applies every Create and then drops its response, so the operator cannot write the id while it runs.
 */
class CrashMidHandshakeIT {

    private static final String NAMESPACE = "platform";
    private static final String MANAGEMENT = "310000000001";
    private static final String ENVIRONMENT = "320000000001";
    private static final String NAME = "crash-mid-handshake";

    private final ProcessWorld world = new ProcessWorld("crash-mid-handshake");

    @AfterEach
    void stopEverything() {
        world.close();
    }

    @Test
    void shouldNotDuplicateTheConnectionWhenKilledBetweenCreateAndStatusWrite() throws Exception {
        world.localAws.faults(
                new FaultPlan(0, 0, 1.0, 0, 0, Set.of("proton"), Set.of("CreateEnvironmentAccountConnection")));
        world.namespace(NAMESPACE);
        world.accountWithExternalId("management", MANAGEMENT, "mgmt-crash-external-id", List.of(NAMESPACE));
        world.accountWithExternalId("environment", ENVIRONMENT, "env-crash-external-id", List.of(NAMESPACE));
        world.directConnection(
                NAMESPACE,
                NAME,
                "environment",
                "management",
                "arn:aws:iam::" + ENVIRONMENT + ":role/ProtonServiceRole");
        PackagedOperator first = world.startReplica("replica-1", Map.of());

        await().atMost(Duration.ofSeconds(120))
                .until(() -> world.localAws
                                .calls()
                                .count(k -> k.account().equals(ENVIRONMENT)
                                        && k.operation().equals("CreateEnvironmentAccountConnection")
                                        && k.outcome().equals("LostResponse"))
                        >= 1);
        first.kill();
        assertThat(first.awaitExit(Duration.ofSeconds(10))).isPresent();
        assertThat(world.protonConnections(MANAGEMENT)).as("made in Proton").hasSize(1);
        EnvironmentAccountConnection unrecorded = world.connection(NAMESPACE, NAME);
        assertThat(
                        unrecorded.getStatus() == null
                                ? null
                                : unrecorded.getStatus().connectionId())
                .as("the id never reached status")
                .isNull();

        world.localAws.faults(FaultPlan.NONE);
        world.startReplica("replica-1-restarted", Map.of());
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            EnvironmentAccountConnection current = world.connection(NAMESPACE, NAME);
            return current.getStatus() != null
                    && "CONNECTED".equals(current.getStatus().state());
        });

        List<EnvironmentAccountConnectionSummary> inProton = world.protonConnections(MANAGEMENT);
        assertThat(inProton).as("connections in Proton").hasSize(1);
        assertThat(world.connection(NAMESPACE, NAME).getStatus().connectionId())
                .isEqualTo(inProton.get(0).id());
    }
}
