package dev.ops.proton.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.testing.ConnectionFixtures;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.ProductionTimings;
import dev.ops.proton.testing.RolesFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pausing and unpausing take effect within seconds under the production resync period of 10 minutes: the
 * annotation's change itself wakes the controller, not the next resync.
 */
@QuarkusTest
@TestProfile(ProductionTimings.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class PauseTakesEffectTest {

    static final String NAMESPACE = "platform";
    static final String MANAGEMENT = "303030303030";
    static final String ENV = "313131313131";
    static final String ROLE = "arn:aws:iam::" + ENV + ":role/ProtonRole";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @BeforeEach
    void accounts() {
        OperatorFixtures.readyAccount(client, localAws, "pause-management", MANAGEMENT, List.of(NAMESPACE));
        OperatorFixtures.readyAccount(client, localAws, "pause-env", ENV, List.of(NAMESPACE));
    }

    @Test
    void shouldCreateTheStackOnceUnpaused() {
        ConnectionRoles roles =
                RolesFixtures.inline(NAMESPACE, "unpaused-roles", "pause-env", "unpaused-stack", DeletionPolicy.Retain);
        roles.getMetadata().setAnnotations(Map.of(Pause.ANNOTATION, "true"));
        client.resource(roles).create();
        awaitReason(ConnectionRoles.class, "unpaused-roles", ConditionTypes.RECONCILING, "Paused");
        assertThat(localAws.calls().count(ENV, "cloudformation", "CreateStack")).isZero();

        setPaused(ConnectionRoles.class, "unpaused-roles", false);

        awaitReason(ConnectionRoles.class, "unpaused-roles", ConditionTypes.READY, "StackReady");
    }

    @Test
    void shouldReportPausedAtOnceWhenAReadyStackIsPaused() {
        client.resource(RolesFixtures.inline(
                        NAMESPACE, "paused-later", "pause-env", "paused-later-stack", DeletionPolicy.Retain))
                .create();
        awaitReason(ConnectionRoles.class, "paused-later", ConditionTypes.READY, "StackReady");

        setPaused(ConnectionRoles.class, "paused-later", true);

        awaitReason(ConnectionRoles.class, "paused-later", ConditionTypes.RECONCILING, "Paused");
    }

    @Test
    void shouldRequestAndAcceptTheConnectionOnceUnpaused() {
        EnvironmentAccountConnection connection = ConnectionFixtures.direct(
                NAMESPACE, "unpaused-connection", "unpaused-env", "pause-env", "pause-management", ROLE);
        connection.getMetadata().setAnnotations(Map.of(Pause.ANNOTATION, "true"));
        client.resource(connection).create();
        awaitReason(EnvironmentAccountConnection.class, "unpaused-connection", ConditionTypes.RECONCILING, "Paused");

        setPaused(EnvironmentAccountConnection.class, "unpaused-connection", false);

        awaitReason(EnvironmentAccountConnection.class, "unpaused-connection", ConditionTypes.READY, "Connected");
        assertThat(localAws.calls().count(MANAGEMENT, "proton", "AcceptEnvironmentAccountConnection"))
                .isEqualTo(1);
    }

    private <T extends HasMetadata> void setPaused(Class<T> type, String name, boolean paused) {
        OperatorFixtures.annotate(
                client.resources(type).inNamespace(NAMESPACE).withName(name), Pause.ANNOTATION, paused ? "true" : null);
    }

    private <T extends CustomResource<?, ? extends ConditionedStatus>> void awaitReason(
            Class<T> type, String name, String conditionType, String reason) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var condition = Conditions.find(
                    Conditions.of(client.resources(type)
                            .inNamespace(NAMESPACE)
                            .withName(name)
                            .get()),
                    conditionType);
            return condition != null && "True".equals(condition.getStatus()) && reason.equals(condition.getReason());
        });
    }
}
