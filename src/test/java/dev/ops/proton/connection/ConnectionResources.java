package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;

/** The EnvironmentAccountConnections of one namespace, as the connection tests create, read, await and delete them. */
record ConnectionResources(KubernetesClient client, String namespace) {

    void create(EnvironmentAccountConnection connection) {
        client.resources(EnvironmentAccountConnection.class)
                .inNamespace(namespace)
                .resource(connection)
                .create();
    }

    EnvironmentAccountConnection get(String name) {
        return named(name).get();
    }

    void deleteAndAwaitGone(String name) {
        named(name).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(name) == null);
    }

    /** Waits until the connection carries the condition with the status, and returns it as it then is. */
    EnvironmentAccountConnection awaitCondition(String name, String type, String status) {
        OperatorFixtures.awaitCondition(() -> Conditions.of(get(name)), type, status);
        return get(name);
    }

    /** Waits until the connection carries the condition as True with the reason, and returns it as it then is. */
    EnvironmentAccountConnection awaitReason(String name, String type, String reason) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition condition = Conditions.find(Conditions.of(get(name)), type);
            assertThat(condition).as(type + " of " + name).isNotNull();
            assertThat(condition.getStatus())
                    .as(type + ": " + condition.getMessage())
                    .isEqualTo("True");
            assertThat(condition.getReason()).isEqualTo(reason);
        });
        return get(name);
    }

    private Resource<EnvironmentAccountConnection> named(String name) {
        return client.resources(EnvironmentAccountConnection.class)
                .inNamespace(namespace)
                .withName(name);
    }
}
