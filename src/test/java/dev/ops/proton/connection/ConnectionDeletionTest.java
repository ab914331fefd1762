package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AssumeRole;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.account.AwsAccountSpec;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.Capability;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.roles.ConnectionRolesSpec;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.Pause;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;

/**
 * Deleting an EnvironmentAccountConnection needs only the account to act in and the connection id: it completes
 * when its ConnectionRoles went first, holds with a reason and a way out while the account can't be used, and lets
 * go without touching AWS once deletionPolicy is switched to Retain. Asserted from the local AWS endpoint's own state.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class ConnectionDeletionTest {

    static final String NAMESPACE = "platform";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @TestHTTPResource("/q/metrics")
    URL metricsUrl;

    @Test
    void shouldDeleteTheConnectionInAwsWhenItsConnectionRolesWasDeletedFirst() {
        String env = "575757575701";
        String management = "585858585801";
        accounts("roles-first", env, management);
        ConnectionRoles roles = new ConnectionRoles();
        roles.setMetadata(new ObjectMetaBuilder()
                .withName("roles-first")
                .withNamespace(NAMESPACE)
                .build());
        roles.setSpec(new ConnectionRolesSpec(
                "roles-first-env",
                "RolesFirst",
                null,
                Map.of("EnvironmentAccountId", management),
                List.of(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM),
                null,
                false,
                DeletionPolicy.Retain));
        client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .resource(roles)
                .create();
        create(connection(
                "roles-first",
                new RoleReference(null, new ConnectionRolesOutputRef("roles-first", "ProtonRoleArn")),
                Acceptance.Automatic,
                DeletionPolicy.Delete));
        String id = awaitCondition("roles-first", ConditionTypes.READY, "True")
                .getStatus()
                .connectionId();

        client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .withName("roles-first")
                .delete();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.resources(ConnectionRoles.class)
                                .inNamespace(NAMESPACE)
                                .withName("roles-first")
                                .get()
                        == null);
        deleteAndAwaitGone("roles-first");

        assertThat(connectionIds(env))
                .as("connections left in the environment account")
                .doesNotContain(id);
        assertThat(connectionIds(env)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NamespaceNotAllowed", "AccountNotReady"})
    void shouldHoldTheDeletionWhileTheAccountCannotBeUsedAndLetGoWithoutAwsCallsOnceRetained(String cause) {
        String suffix = cause.equals("NamespaceNotAllowed") ? "02" : "03";
        String env = "5757575757" + suffix;
        String management = "5858585858" + suffix;
        String name = "held-" + suffix;
        accounts(name, env, management);
        create(connection(name, new RoleReference(arn(env), null), Acceptance.Automatic, DeletionPolicy.Delete));
        String id =
                awaitCondition(name, ConditionTypes.READY, "True").getStatus().connectionId();

        OperatorFixtures.edit(client.resources(AwsAccount.class).withName(name + "-env"), account -> {
            AwsAccountSpec s = account.getSpec();
            account.setSpec(
                    cause.equals("NamespaceNotAllowed")
                            ? new AwsAccountSpec(s.accountId(), s.region(), s.assumeRole(), List.of("elsewhere"), null)
                            : new AwsAccountSpec(
                                    s.accountId(),
                                    s.region(),
                                    new AssumeRole("arn:aws:iam::" + env + ":role/NoSuchRole", null, null),
                                    s.allowedNamespaces(),
                                    null));
            return account;
        });
        client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .withName(name)
                .delete();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition stalled = Conditions.find(Conditions.of(get(name)), ConditionTypes.STALLED);
            assertThat(stalled).isNotNull();
            assertThat(stalled.getReason()).isEqualTo(cause);
            assertThat(stalled.getMessage()).contains("deletionPolicy to Retain");
        });
        EnvironmentAccountConnection held = get(name);
        assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
        Condition stalled = Conditions.find(held.getStatus().conditions(), ConditionTypes.STALLED);
        assertThat(stalled.getMessage()).contains(name + "-env", id, "deletionPolicy to Retain");
        assertThat(Conditions.find(held.getStatus().conditions(), ConditionTypes.DELETED))
                .satisfies(deleted -> assertThat(deleted.getStatus()).isEqualTo("False"));
        long protonCallsWhileHeld = protonCalls(env, management);

        OperatorFixtures.edit(
                client.resources(EnvironmentAccountConnection.class)
                        .inNamespace(NAMESPACE)
                        .withName(name),
                c -> {
                    c.setSpec(withPolicy(c.getSpec(), DeletionPolicy.Retain));
                    return c;
                });

        await().atMost(Duration.ofSeconds(30)).until(() -> get(name) == null);
        assertThat(protonCalls(env, management))
                .as("Proton calls from the hold until the resource was gone")
                .isEqualTo(protonCallsWhileHeld);
        assertThat(connectionIds(env)).as("left in AWS, as Retain says").containsExactly(id);
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                        .filter(e -> name.equals(e.getInvolvedObject().getName())
                                && "Warning".equals(e.getType())
                                && "RetainedInAws".equals(e.getReason()))
                        .map(Event::getMessage))
                .singleElement()
                .satisfies(message -> assertThat(message).contains(id, env));
    }

    @Test
    void shouldForgetAResourceWhoseFinalizerWasRemovedByHand() throws Exception {
        String env = "575757575704";
        String management = "585858585804";
        accounts("by-hand", env, management);
        create(connection("by-hand", new RoleReference(arn(env), null), Acceptance.Manual, DeletionPolicy.Delete));
        awaitCondition("by-hand", ConditionTypes.RECONCILING, "True");
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingGauge() >= 1);
        double pending = pendingGauge();
        OperatorFixtures.edit(
                client.resources(EnvironmentAccountConnection.class)
                        .inNamespace(NAMESPACE)
                        .withName("by-hand"),
                c -> {
                    c.getMetadata().setAnnotations(Map.of(Pause.ANNOTATION, "true"));
                    return c;
                });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "Paused"
                        .equals(Conditions.find(Conditions.of(get("by-hand")), ConditionTypes.RECONCILING)
                                .getReason()));
        client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .withName("by-hand")
                .delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            EnvironmentAccountConnection held = get("by-hand");
            assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(Conditions.find(held.getStatus().conditions(), ConditionTypes.RECONCILING)
                            .getReason())
                    .isEqualTo("Paused");
        });

        OperatorFixtures.edit(
                client.resources(EnvironmentAccountConnection.class)
                        .inNamespace(NAMESPACE)
                        .withName("by-hand"),
                c -> {
                    c.getMetadata().setFinalizers(List.of());
                    return c;
                });

        await().atMost(Duration.ofSeconds(30)).until(() -> get("by-hand") == null);
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingGauge() == pending - 1);
    }

    /** {@code proton_operator_connections{state="PENDING"}} as Prometheus scrapes it. */
    private double pendingGauge() throws Exception {
        String metrics = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(metricsUrl.toURI()).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher matcher = Pattern.compile("proton_operator_connections\\{state=\"PENDING\"} ([0-9.]+)")
                .matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
    }

    private void accounts(String name, String env, String management) {
        OperatorFixtures.readyAccount(client, localAws, name + "-env", env, List.of(NAMESPACE));
        OperatorFixtures.readyAccount(client, localAws, name + "-mgmt", management, List.of(NAMESPACE));
    }

    private long protonCalls(String env, String management) {
        return localAws.calls()
                .count(k -> k.service().equals("proton")
                        && (k.account().equals(env) || k.account().equals(management)));
    }

    private List<String> connectionIds(String env) {
        ProtonClient proton = LocalAwsClients.root(localAws, env).proton();
        return proton
                .listEnvironmentAccountConnections(
                        r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT))
                .environmentAccountConnections()
                .stream()
                .map(c -> c.id())
                .toList();
    }

    private static String arn(String env) {
        return "arn:aws:iam::" + env + ":role/ProtonRole";
    }

    private static EnvironmentAccountConnection connection(
            String name, RoleReference role, Acceptance acceptance, DeletionPolicy policy) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                name, name + "-env", name + "-mgmt", null, role, null, null, acceptance, null, policy));
        return connection;
    }

    private static EnvironmentAccountConnectionSpec withPolicy(
            EnvironmentAccountConnectionSpec s, DeletionPolicy policy) {
        return new EnvironmentAccountConnectionSpec(
                s.environmentName(),
                s.environmentAccountRef(),
                s.managementAccountRef(),
                s.managementAccountId(),
                s.role(),
                s.codebuildRole(),
                s.componentRole(),
                s.acceptance(),
                s.tags(),
                policy);
    }

    private void create(EnvironmentAccountConnection connection) {
        new ConnectionResources(client, NAMESPACE).create(connection);
    }

    private void deleteAndAwaitGone(String name) {
        new ConnectionResources(client, NAMESPACE).deleteAndAwaitGone(name);
    }

    private EnvironmentAccountConnection get(String name) {
        return new ConnectionResources(client, NAMESPACE).get(name);
    }

    private EnvironmentAccountConnection awaitCondition(String name, String type, String status) {
        return new ConnectionResources(client, NAMESPACE).awaitCondition(name, type, status);
    }
}
