package dev.ops.proton.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.connection.EnvironmentAccountConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;

/**
 * The packaged operator with WATCH_NAMESPACES set, as docs/installing.md configures one installation per team:
 * resources in the watched namespace converge (with cluster-scoped AwsAccounts), those elsewhere are untouched by it
 * (no finalizer, no status, nothing made in AWS).
 */
class WatchNamespacesIT {

    private static final String MANAGEMENT = "410000000001";
    private static final String ENVIRONMENT = "420000000001";
    private static final String WATCHED = "team-a";
    private static final String OTHER = "team-b";

    private final ProcessWorld world = new ProcessWorld("watch-namespaces");

    @AfterEach
    void stopEverything() {
        world.close();
    }

    @Test
    void shouldReconcileOnlyTheWatchedNamespace() {
        world.namespace(WATCHED);
        world.namespace(OTHER);
        List<String> both = List.of(WATCHED, OTHER);
        world.accountWithExternalId("management", MANAGEMENT, "mgmt-watch-external-id", both);
        world.accountWithExternalId("environment", ENVIRONMENT, "env-watch-external-id", both);
        String role = "arn:aws:iam::" + ENVIRONMENT + ":role/ProtonServiceRole";
        world.directConnection(WATCHED, "watched", "environment", "management", role);
        world.directConnection(OTHER, "other", "environment", "management", role);

        world.startReplica("replica-1", Map.of("WATCH_NAMESPACES", WATCHED));

        await().atMost(Duration.ofSeconds(120)).until(() -> world.connectedCount(WATCHED) == 1);
        EnvironmentAccountConnection other = world.connection(OTHER, "other");
        assertThat(other.getStatus()).as("status of the unwatched one").isNull();
        assertThat(other.getMetadata().getFinalizers()).as("its finalizers").isEmpty();
        assertThat(world.protonConnections(MANAGEMENT))
                .extracting(EnvironmentAccountConnectionSummary::environmentName)
                .containsExactly("watched");
    }
}
