package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.localaws.faults.FaultPlan;
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
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;
import software.amazon.awssdk.services.proton.model.Tag;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class EnvironmentAccountConnectionReconcilerTest {

    static final String MANAGEMENT = "111111111111";
    static final String ENV = "555555555555";
    static final String NAMESPACE = "platform";
    static final String WORKSHOP_MANAGEMENT = "777777777777";
    static final String WORKSHOP_ENV = "666666666666";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    java.net.URL metricsUrl;

    ProtonClient envProton;
    ProtonClient mgmtProton;

    @BeforeEach
    void accounts() {
        OperatorFixtures.readyAccount(client, localAws, "management", MANAGEMENT, List.of(NAMESPACE));
        OperatorFixtures.readyAccount(client, localAws, "env-555", ENV, List.of(NAMESPACE));
        envProton = LocalAwsClients.root(localAws, ENV).proton();
        mgmtProton = LocalAwsClients.root(localAws, MANAGEMENT).proton();
    }

    @Test
    void shouldConnectTheWorkshopScenarioWithOneCreateAndOneAccept() {
        OperatorFixtures.readyAccount(client, localAws, "workshop-management", WORKSHOP_MANAGEMENT, List.of(NAMESPACE));
        OperatorFixtures.readyAccount(client, localAws, "workshop-env", WORKSHOP_ENV, List.of(NAMESPACE));
        ConnectionRoles roles = new ConnectionRoles();
        roles.setMetadata(new ObjectMetaBuilder()
                .withName("workshop-roles")
                .withNamespace(NAMESPACE)
                .build());
        roles.setSpec(new ConnectionRolesSpec(
                "workshop-env",
                "AWSProtonWorkshop-AccountConnectionRoles",
                null,
                Map.of("EnvironmentAccountId", WORKSHOP_MANAGEMENT),
                List.of(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM),
                null,
                false,
                DeletionPolicy.Retain));
        client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .resource(roles)
                .create();
        EnvironmentAccountConnection workshop = connection(
                "workshop",
                "multi-svc-666666666666",
                new RoleReference(null, new ConnectionRolesOutputRef("workshop-roles", "ProtonRoleArn")),
                Acceptance.Automatic,
                DeletionPolicy.Retain);
        EnvironmentAccountConnectionSpec s = workshop.getSpec();
        workshop.setSpec(new EnvironmentAccountConnectionSpec(
                s.environmentName(),
                "workshop-env",
                "workshop-management",
                null,
                s.role(),
                null,
                null,
                s.acceptance(),
                s.tags(),
                s.deletionPolicy()));
        create(workshop);

        EnvironmentAccountConnection ready = awaitCondition("workshop", ConditionTypes.READY, "True");

        assertThat(ready.getStatus().state()).isEqualTo("CONNECTED");
        assertThat(ready.getStatus().roleArn())
                .isEqualTo("arn:aws:iam::" + WORKSHOP_ENV + ":role/EnvironmentAccountProtonRole");
        assertThat(ready.getStatus().managementAccountId()).isEqualTo(WORKSHOP_MANAGEMENT);
        assertThat(Conditions.isTrue(ready.getStatus().conditions(), ConditionTypes.REQUESTED))
                .isTrue();
        assertThat(Conditions.isTrue(ready.getStatus().conditions(), ConditionTypes.ACCEPTED))
                .isTrue();
        assertThat(localAws.calls()
                        .count(k -> k.service().equals("proton")
                                && !k.outcome().equals("ok")
                                && (k.account().equals(WORKSHOP_ENV)
                                        || k.account().equals(WORKSHOP_MANAGEMENT))))
                .isZero();
        assertThat(writesBy(WORKSHOP_ENV))
                .as("Proton writes by the environment account")
                .containsExactly("CreateEnvironmentAccountConnection");
        assertThat(writesBy(WORKSHOP_MANAGEMENT))
                .as("Proton writes by the management account")
                .containsExactly("AcceptEnvironmentAccountConnection");
        assertThat(LocalAwsClients.root(localAws, WORKSHOP_MANAGEMENT)
                        .proton()
                        .getEnvironmentAccountConnection(
                                r -> r.id(ready.getStatus().connectionId()))
                        .environmentAccountConnection()
                        .statusAsString())
                .isEqualTo("CONNECTED");
    }

    @Test
    void shouldLeaveAManualConnectionPendingForAPerson() {
        create(connection("manual", "manual-env", arn("ProtonRole"), Acceptance.Manual, DeletionPolicy.Retain));

        EnvironmentAccountConnection pending = awaitCondition("manual", ConditionTypes.RECONCILING, "True");

        assertThat(pending.getStatus().state()).isEqualTo("PENDING");
        Condition accepted = Conditions.find(pending.getStatus().conditions(), ConditionTypes.ACCEPTED);
        assertThat(accepted.getReason()).isEqualTo("AwaitingAcceptance");
        assertThat(accepted.getMessage()).contains(MANAGEMENT);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(envProton
                        .getEnvironmentAccountConnection(
                                r -> r.id(pending.getStatus().connectionId()))
                        .environmentAccountConnection()
                        .statusAsString())
                .as("still waiting for a person")
                .isEqualTo("PENDING");

        mgmtProton.acceptEnvironmentAccountConnection(
                r -> r.id(pending.getStatus().connectionId()));

        assertThat(awaitCondition("manual", ConditionTypes.READY, "True")
                        .getStatus()
                        .state())
                .isEqualTo("CONNECTED");
    }

    @Test
    void shouldStallOnARejectedConnection() {
        create(connection("rejected", "rejected-env", arn("ProtonRole"), Acceptance.Manual, DeletionPolicy.Retain));
        EnvironmentAccountConnection pending = awaitCondition("rejected", ConditionTypes.RECONCILING, "True");

        mgmtProton.rejectEnvironmentAccountConnection(
                r -> r.id(pending.getStatus().connectionId()));

        EnvironmentAccountConnection stalled = awaitCondition("rejected", ConditionTypes.STALLED, "True");
        assertThat(Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED)
                        .getReason())
                .isEqualTo("Rejected");
        assertThat(stalled.getStatus().state()).isEqualTo("REJECTED");
    }

    @Test
    void shouldPutRolesBackAndRequestAgainAfterOutOfBandChanges() {
        create(connection("drift", "drift-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain));
        String id = awaitCondition("drift", ConditionTypes.READY, "True")
                .getStatus()
                .connectionId();

        edit("drift", c -> {
            EnvironmentAccountConnectionSpec s = c.getSpec();
            c.setSpec(new EnvironmentAccountConnectionSpec(
                    s.environmentName(),
                    s.environmentAccountRef(),
                    s.managementAccountRef(),
                    null,
                    arn("OtherRole"),
                    null,
                    null,
                    s.acceptance(),
                    null,
                    s.deletionPolicy()));
            return c;
        });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> envProton
                        .getEnvironmentAccountConnection(r -> r.id(id))
                        .environmentAccountConnection()
                        .roleArn()
                        .endsWith("OtherRole"));

        envProton.deleteEnvironmentAccountConnection(r -> r.id(id));
        edit("drift", c -> {
            EnvironmentAccountConnectionSpec s = c.getSpec();
            c.setSpec(new EnvironmentAccountConnectionSpec(
                    s.environmentName(),
                    s.environmentAccountRef(),
                    s.managementAccountRef(),
                    null,
                    arn("ProtonRole"),
                    null,
                    null,
                    s.acceptance(),
                    null,
                    s.deletionPolicy()));
            return c;
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            EnvironmentAccountConnection current = get("drift");
            return current.getStatus().connectionId() != null
                    && !current.getStatus().connectionId().equals(id)
                    && "CONNECTED".equals(current.getStatus().state());
        });
        assertThat(live("drift-env")).hasSize(1);
    }

    @Test
    void shouldKeepTheFinalizerWhileAnEnvironmentUsesTheConnection() {
        create(connection("guarded", "guarded-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Delete));
        String id = awaitCondition("guarded", ConditionTypes.READY, "True")
                .getStatus()
                .connectionId();
        mgmtProton.createEnvironment(r -> r.name("guarded-environment")
                .templateName("multi-svc-env")
                .templateMajorVersion("1")
                .spec("proton: EnvironmentSpec")
                .environmentAccountConnectionId(id));

        client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .withName("guarded")
                .delete();

        EnvironmentAccountConnection blocked = awaitCondition("guarded", ConditionTypes.STALLED, "True");
        assertThat(Conditions.find(blocked.getStatus().conditions(), ConditionTypes.STALLED)
                        .getMessage())
                .contains("guarded-environment");
        assertThat(envProton
                        .getEnvironmentAccountConnection(r -> r.id(id))
                        .environmentAccountConnection()
                        .statusAsString())
                .isEqualTo("CONNECTED");

        mgmtProton.deleteEnvironment(r -> r.name("guarded-environment"));

        await().atMost(Duration.ofSeconds(30)).until(() -> get("guarded") == null);
        assertThat(live("guarded-env")).isEmpty();
    }

    @Test
    void shouldRefuseANamespaceTheAccountsDoNotAllowWithZeroProtonCalls() {
        client.namespaces()
                .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata()
                        .withName("outsider")
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        String quiet = "828282828282";
        OperatorFixtures.readyAccount(client, localAws, "quiet-env", quiet, List.of(NAMESPACE));
        EnvironmentAccountConnection connection =
                connection("outsider", "outsider-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain);
        EnvironmentAccountConnectionSpec s = connection.getSpec();
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                s.environmentName(),
                "quiet-env",
                s.managementAccountRef(),
                null,
                s.role(),
                null,
                null,
                s.acceptance(),
                s.tags(),
                s.deletionPolicy()));
        connection.getMetadata().setNamespace("outsider");
        client.resources(EnvironmentAccountConnection.class)
                .inNamespace("outsider")
                .resource(connection)
                .create();

        OperatorFixtures.awaitCondition(
                () -> {
                    EnvironmentAccountConnection current = client.resources(EnvironmentAccountConnection.class)
                            .inNamespace("outsider")
                            .withName("outsider")
                            .get();
                    return Conditions.of(current);
                },
                ConditionTypes.STALLED,
                "True");

        assertThat(Conditions.find(
                                client.resources(EnvironmentAccountConnection.class)
                                        .inNamespace("outsider")
                                        .withName("outsider")
                                        .get()
                                        .getStatus()
                                        .conditions(),
                                ConditionTypes.STALLED)
                        .getReason())
                .isEqualTo("NamespaceNotAllowed");
        assertThat(localAws.calls()
                        .count(k -> k.account().equals(quiet) && k.service().equals("proton")))
                .isZero();
    }

    @Test
    void shouldNeverDuplicateAConnectionWhenCreateResponsesAreLost() {
        localAws.faults(FaultPlan.parse("lost-response=1.0,operations=CreateEnvironmentAccountConnection"));
        try {
            create(connection("lossy", "lossy-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> localAws.calls()
                                    .count(k -> k.account().equals(ENV)
                                            && k.operation().equals("CreateEnvironmentAccountConnection")
                                            && k.outcome().equals("LostResponse"))
                            >= 2);
        } finally {
            localAws.faults(FaultPlan.NONE);
        }

        EnvironmentAccountConnection ready = awaitCondition("lossy", ConditionTypes.READY, "True");

        assertThat(live("lossy-env"))
                .singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(ready.getStatus().connectionId()));
    }

    @Test
    void shouldConvergeThroughThrottlingAndServerErrors() {
        localAws.faults(FaultPlan.parse("throttle=0.3,error=0.2,services=proton"));
        try {
            create(connection("bumpy", "bumpy-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain));

            assertThat(awaitCondition("bumpy", ConditionTypes.READY, "True")
                            .getStatus()
                            .state())
                    .isEqualTo("CONNECTED");
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
        assertThat(live("bumpy-env")).hasSize(1);
    }

    @Test
    void shouldAdoptTheConnectionItCreatedWhenTheStatusWriteWasLost() {
        EnvironmentAccountConnection paused = connection(
                "restarted", "restarted-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain);
        paused.getMetadata().setAnnotations(Map.of(Pause.ANNOTATION, "true"));
        create(paused);
        String uid = get("restarted").getMetadata().getUid();
        String createdBeforeTheCrash = envProton
                .createEnvironmentAccountConnection(r -> r.clientToken(ConnectionGateway.clientToken(uid, null))
                        .managementAccountId(MANAGEMENT)
                        .environmentName("restarted-env")
                        .roleArn(arn("ProtonRole").arn())
                        .tags(
                                Tag.builder().key("team").value("platform").build(),
                                Tag.builder()
                                        .key("proton.ops.dev/owner")
                                        .value(NAMESPACE + "/restarted")
                                        .build()))
                .environmentAccountConnection()
                .id();

        edit("restarted", c -> {
            c.getMetadata().setAnnotations(Map.of());
            return c;
        });

        EnvironmentAccountConnection ready = awaitCondition("restarted", ConditionTypes.READY, "True");
        assertThat(ready.getStatus().connectionId()).isEqualTo(createdBeforeTheCrash);
        assertThat(live("restarted-env")).hasSize(1);
    }

    @Test
    void shouldCostNoReadOfItsOwnAndNoWritesPerResyncAtRest() {
        create(connection("at-rest", "at-rest-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain));
        EnvironmentAccountConnection ready = awaitCondition("at-rest", ConditionTypes.READY, "True");
        long gets = localAws.calls().count(ENV, "proton", "GetEnvironmentAccountConnection");
        long lists = localAws.calls().count(ENV, "proton", "ListEnvironmentAccountConnections");
        long writes = protonWrites();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> localAws.calls().count(ENV, "proton", "ListEnvironmentAccountConnections") >= lists + 2);

        assertThat(localAws.calls().count(ENV, "proton", "GetEnvironmentAccountConnection"))
                .as("the resyncs read the account's shared listing, no Get")
                .isEqualTo(gets);
        assertThat(protonWrites()).isEqualTo(writes);
        assertThat(get("at-rest").getMetadata().getResourceVersion())
                .isEqualTo(ready.getMetadata().getResourceVersion());
    }

    private List<String> writesBy(String account) {
        List<String> writes = new java.util.ArrayList<>();
        localAws.calls().snapshot().forEach((key, count) -> {
            if (key.account().equals(account)
                    && key.service().equals("proton")
                    && !key.operation().startsWith("Get")
                    && !key.operation().startsWith("List")) {
                for (long i = 0; i < count; i++) {
                    writes.add(key.operation());
                }
            }
        });
        return writes;
    }

    @Test
    void shouldNameTheManagementAccountWhenItsCredentialsMayNotAcceptAndRecoverOnceTheyMay() {
        localAws.faults(FaultPlan.parse("deny=1.0,operations=AcceptEnvironmentAccountConnection"));
        try {
            create(connection("denied", "denied-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain));

            EnvironmentAccountConnection stalled = awaitCondition("denied", ConditionTypes.STALLED, "True");

            assertThat(Conditions.isTrue(stalled.getStatus().conditions(), ConditionTypes.REQUESTED))
                    .isTrue();
            Condition accepted = Conditions.find(stalled.getStatus().conditions(), ConditionTypes.ACCEPTED);
            assertThat(accepted.getStatus()).isEqualTo("False");
            assertThat(accepted.getReason()).isEqualTo("AccessDenied");
            assertThat(accepted.getMessage())
                    .contains(
                            "management account " + MANAGEMENT, "AcceptEnvironmentAccountConnection", "not authorized");
        } finally {
            localAws.faults(FaultPlan.NONE);
        }

        assertThat(awaitCondition("denied", ConditionTypes.READY, "True")
                        .getStatus()
                        .state())
                .isEqualTo("CONNECTED");
        assertThat(live("denied-env")).hasSize(1);
    }

    @Test
    void shouldMakeNoProtonCallsWhilePausedAndConnectOnceResumed() {
        EnvironmentAccountConnection paused =
                connection("paused", "paused-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain);
        paused.getMetadata().setAnnotations(Map.of(Pause.ANNOTATION, "true"));
        create(paused);

        EnvironmentAccountConnection waiting = awaitCondition("paused", ConditionTypes.RECONCILING, "True");
        assertThat(Conditions.find(waiting.getStatus().conditions(), ConditionTypes.RECONCILING)
                        .getReason())
                .isEqualTo("Paused");
        assertThat(live("paused-env")).isEmpty();

        edit("paused", c -> {
            c.getMetadata().setAnnotations(Map.of());
            return c;
        });
        edit("paused", c -> {
            c.getMetadata().setLabels(Map.of("resumed", "true"));
            c.setSpec(withTags(c.getSpec(), Map.of("resumed", "true")));
            return c;
        });

        assertThat(awaitCondition("paused", ConditionTypes.READY, "True")
                        .getStatus()
                        .state())
                .isEqualTo("CONNECTED");
    }

    @Test
    void shouldRequestWithOnlyTheManagementAccountIdAndLeaveAcceptanceToAPerson() {
        EnvironmentAccountConnection byId =
                connection("by-id", "by-id-env", arn("ProtonRole"), Acceptance.Manual, DeletionPolicy.Retain);
        EnvironmentAccountConnectionSpec s = byId.getSpec();
        byId.setSpec(new EnvironmentAccountConnectionSpec(
                s.environmentName(),
                s.environmentAccountRef(),
                null,
                MANAGEMENT,
                s.role(),
                null,
                null,
                Acceptance.Manual,
                s.tags(),
                s.deletionPolicy()));
        create(byId);

        EnvironmentAccountConnection pending = awaitCondition("by-id", ConditionTypes.RECONCILING, "True");
        assertThat(pending.getStatus().state()).isEqualTo("PENDING");
        assertThat(pending.getStatus().managementAccountId()).isEqualTo(MANAGEMENT);

        mgmtProton.acceptEnvironmentAccountConnection(
                r -> r.id(pending.getStatus().connectionId()));

        assertThat(awaitCondition("by-id", ConditionTypes.READY, "True")
                        .getStatus()
                        .state())
                .isEqualTo("CONNECTED");
    }

    private static EnvironmentAccountConnectionSpec withTags(
            EnvironmentAccountConnectionSpec s, Map<String, String> tags) {
        return new EnvironmentAccountConnectionSpec(
                s.environmentName(),
                s.environmentAccountRef(),
                s.managementAccountRef(),
                s.managementAccountId(),
                s.role(),
                s.codebuildRole(),
                s.componentRole(),
                s.acceptance(),
                tags,
                s.deletionPolicy());
    }

    @Test
    void shouldExposeReconcilesAwsCallsAndConnectionsByStateAsPrometheusMetrics() {
        create(connection("measured", "measured-env", arn("ProtonRole"), Acceptance.Automatic, DeletionPolicy.Retain));
        awaitCondition("measured", ConditionTypes.READY, "True");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String metrics = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(metricsUrl.toURI())
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(metrics)
                    .containsPattern(
                            "proton_operator_aws_calls_total\\{[^}]*operation=\""
                                    + "CreateEnvironmentAccountConnection\"[^}]*outcome=\"ok\"[^}]*service=\"Proton\"[^}]*} [1-9]");
            assertThat(metrics)
                    .containsPattern(
                            "operator_sdk_controllers_execution_reconcile_success_total\\{controller=\"environmentaccountconnection\"");
            assertThat(metrics).containsPattern("proton_operator_connections\\{state=\"CONNECTED\"} [1-9]");
        });
    }

    private long protonWrites() {
        return localAws.calls()
                .count(k -> k.service().equals("proton")
                        && (k.account().equals(ENV) || k.account().equals(MANAGEMENT))
                        && !k.operation().startsWith("Get")
                        && !k.operation().startsWith("List"));
    }

    private List<EnvironmentAccountConnectionSummary> live(String environmentName) {
        return envProton
                .listEnvironmentAccountConnections(
                        r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT)
                                .environmentName(environmentName)
                                .statusesWithStrings("PENDING", "CONNECTED"))
                .environmentAccountConnections();
    }

    private static RoleReference arn(String role) {
        return new RoleReference("arn:aws:iam::" + ENV + ":role/" + role, null);
    }

    private static EnvironmentAccountConnection connection(
            String name, String environmentName, RoleReference role, Acceptance acceptance, DeletionPolicy policy) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                environmentName,
                "env-555",
                "management",
                null,
                role,
                null,
                null,
                acceptance,
                Map.of("team", "platform"),
                policy));
        return connection;
    }

    private void edit(String name, java.util.function.UnaryOperator<EnvironmentAccountConnection> change) {
        OperatorFixtures.edit(
                client.resources(EnvironmentAccountConnection.class)
                        .inNamespace(NAMESPACE)
                        .withName(name),
                change);
    }

    private void create(EnvironmentAccountConnection connection) {
        client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .resource(connection)
                .create();
    }

    private EnvironmentAccountConnection get(String name) {
        return client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .withName(name)
                .get();
    }

    private EnvironmentAccountConnection awaitCondition(String name, String type, String status) {
        OperatorFixtures.awaitCondition(
                () -> {
                    EnvironmentAccountConnection current = get(name);
                    return Conditions.of(current);
                },
                type,
                status);
        return get(name);
    }
}
