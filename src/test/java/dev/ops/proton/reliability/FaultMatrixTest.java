package dev.ops.proton.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AccountCredentials;
import dev.ops.proton.account.AssumeRole;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.account.AwsAccountSpec;
import dev.ops.proton.account.ExternalIdSource;
import dev.ops.proton.account.SecretKeyRef;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.connection.Acceptance;
import dev.ops.proton.connection.ConnectionRolesOutputRef;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.connection.EnvironmentAccountConnectionSpec;
import dev.ops.proton.connection.RoleReference;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.localaws.faults.FaultPlan;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The fault matrix of issue 6: each kind of resource the operator drives through AWS (the ConnectionRoles stack
 * lifecycle and the EnvironmentAccountConnection handshake, both with deletionPolicy Delete), created, converged
 * and deleted while the local AWS endpoint throttles in bursts, fails with 5xx, answers slowly, or applies a change
 * and drops the response; then stalled by a denied write, cut off by an outage longer than the retry budget, hit by
 * Kubernetes API conflicts, and restarted in the middle of the handshake. The invariants are read from the
 * endpoint's own state and call counters, not from the operator's word:
 *
 * <ul>
 *   <li>every resource converges (Ready), or is Stalled with a reason a person can act on;
 *   <li>zero duplicates: one stack id ever under a stack's name, one connection per (environment account,
 *       environment name), none deleted behind the resource's back;
 *   <li>zero AWS objects left after deletion with deletionPolicy Delete (stack, its IAM roles, the connection);
 *   <li>no hot loop: while stalled, AWS calls stay within what the stalled-recheck interval allows;
 *   <li>no secret (ExternalId, secret access key, session token) in logs, Kubernetes Events or any status.
 * </ul>
 *
 * <p>A restart is a real one, as far as one JVM allows: the application's JOSDK {@link Operator} is stopped (its
 * informers, timers and reconcile threads end, as when the pod dies), and a second {@link RestartedOperator} takes
 * over with new reconciler instances and empty memory (no connection ids from earlier Creates, no cached
 * credentials) until the case's resources are converged and deleted; the application's operator is then started
 * again for the cases that follow. Restarting the same JOSDK instance is not a restart: it keeps its per-resource
 * processing state, and a resource that was mid-reconcile when it stopped is never reconciled by it again (JOSDK
 * 5.1.5), hence the second operator. Stopping needs the Kubernetes client to survive ({@code
 * close-client-on-stop=false}), one reason for the profile below.
 *
 * <p>Every case has a {@link Tenant} of its own (accounts and namespace), so counts are not disturbed by resources
 * of other cases still reconciling in the background. Faults and rate limits are global to the endpoint and are
 * reset after each case.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
@TestProfile(FaultMatrixTest.Profile.class)
class FaultMatrixTest {

    /**
     * The test profile plus: a retry budget JOSDK spends in about a second instead of half a minute (so an outage
     * can outlast it within a test), and a Kubernetes client that survives stopping the operator.
     */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>();
            overrides.put("quarkus.operator-sdk.close-client-on-stop", "false");
            for (String controller : List.of("awsaccount", "connectionroles", "environmentaccountconnection")) {
                String retry = "quarkus.operator-sdk.controllers." + controller + ".retry.";
                overrides.put(retry + "max-attempts", "3");
                overrides.put(retry + "interval.initial", "200");
                overrides.put(retry + "interval.multiplier", "2");
            }
            return overrides;
        }
    }

    static final Duration CONVERGE = Duration.ofSeconds(30);
    static final Duration STALLED_WINDOW = Duration.ofSeconds(4);

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    Operator operator;

    @Inject
    RestartedOperator restarted;

    @Inject
    OperatorConfig config;

    @Inject
    AccountCredentials credentials;

    @AfterEach
    void stopFaults() {
        localAws.faults(FaultPlan.NONE);
        localAws.rateLimits(Map.of());
    }

    /**
     * Faults an AWS service can throw at the operator, each confined to that service: a burst in which every call
     * is hit (so each case meets its fault for sure), then a steady state in which about every other call is.
     */
    enum Fault {
        /** Throttled; in the steady state also a rate limit of 3 calls per second per account, as AWS has. */
        THROTTLING_BURST("throttle", "Throttling", "ThrottlingException"),
        /** Answered 500. */
        SERVER_ERRORS("error", "InternalFailure", "InternalServerException"),
        /** Every call 250 ms slower, throughout. */
        LATENCY("latency-ms"),
        /** Applied, then the connection dropped without an answer. */
        LOST_RESPONSES("lost-response", "LostResponse");

        private final String key;
        private final Set<String> outcomes;

        Fault(String key, String... outcomes) {
            this.key = key;
            this.outcomes = Set.of(outcomes);
        }

        void burst(LocalAws localAws, String service) {
            localAws.faults(
                    FaultPlan.parse((this == LATENCY ? "latency-ms=250" : key + "=1.0") + ",services=" + service));
        }

        void steady(LocalAws localAws, String service) {
            localAws.faults(
                    FaultPlan.parse((this == LATENCY ? "latency-ms=250" : key + "=0.4") + ",services=" + service));
            if (this == THROTTLING_BURST) {
                localAws.rateLimits(Map.of(service, 3.0));
            }
        }

        /** Calls of the account to the service this fault hit, by the endpoint's counters. */
        long hits(LocalAws localAws, String account, String service) {
            return localAws.calls()
                    .count(k -> k.account().equals(account)
                            && k.service().equals(service)
                            && outcomes.contains(k.outcome()));
        }
    }

    enum Kind {
        STACK,
        CONNECTION
    }

    static Stream<Arguments> matrix() {
        return Stream.of(Fault.values())
                .flatMap(fault -> Stream.of(Kind.values()).map(kind -> Arguments.of(fault, kind)));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("matrix")
    void shouldConvergeWithoutDuplicatesAndLeaveNothingBehindAfterDeletion(Fault fault, Kind kind) {
        ResourceUnderTest resource = resourceOf(kind, readyTenant(), "matrix");

        hitBy(fault, resource, resource::create);
        awaitCondition(resource, ConditionTypes.READY, "True");
        stopFaults();

        resource.assertExactlyOneInAws();

        hitBy(fault, resource, resource::delete);
        await().atMost(CONVERGE).until(resource::isGone);
        stopFaults();

        resource.assertNothingLeftInAws();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldStallWithAClearReasonAndRecheckOnItsTimerNotInAHotLoopWhileAWriteIsDenied(Kind kind) {
        Tenant tenant = readyTenant();
        ResourceUnderTest resource = resourceOf(kind, tenant, "denied");
        localAws.faults(FaultPlan.parse("deny=1.0,operations=" + resource.firstWrite()));

        resource.create();

        awaitCondition(resource, ConditionTypes.STALLED, "True");
        Condition stalled = Conditions.find(resource.conditions(), ConditionTypes.STALLED);
        assertThat(stalled.getReason()).isEqualTo("AccessDenied");
        assertThat(stalled.getMessage())
                .contains(tenant.environmentAccountId(), resource.firstWrite(), "not authorized");
        long before = callsOf(resource);
        sleep(STALLED_WINDOW);
        long made = callsOf(resource) - before;
        long rechecks = STALLED_WINDOW.toMillis() / config.stalledRecheck().toMillis();
        assertThat(made)
                .as(
                        "%s calls in %s while stalled (recheck every %s)",
                        resource.service(), STALLED_WINDOW, config.stalledRecheck())
                .isBetween(
                        (long) resource.callsPerStalledReconcile(),
                        (rechecks + 2) * resource.callsPerStalledReconcile());

        stopFaults();
        awaitCondition(resource, ConditionTypes.READY, "True");
        resource.assertExactlyOneInAws();
        resource.delete();
        await().atMost(CONVERGE).until(resource::isGone);
        resource.assertNothingLeftInAws();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void shouldConvergeOnceAnAwsOutageEndsEvenAfterItOutlastedTheRetryBudget(Kind kind) {
        ResourceUnderTest resource = resourceOf(kind, readyTenant(), "outage");
        localAws.faults(FaultPlan.parse("error=1.0,services=" + resource.service()));

        resource.create();
        awaitRetriesSpent(resource);
        stopFaults();

        awaitCondition(resource, ConditionTypes.READY, "True", Duration.ofSeconds(15));
        resource.assertExactlyOneInAws();
        resource.delete();
        await().atMost(CONVERGE).until(resource::isGone);
        resource.assertNothingLeftInAws();
    }

    @Test
    void shouldNeverDuplicateAStackOrAConnectionWhenTheOperatorRestartsMidHandshake() {
        Tenant tenant = readyTenant();
        StackUnderTest stack = new StackUnderTest(client, localAws, tenant, "restart");
        ConnectionUnderTest connection = new ConnectionUnderTest(client, localAws, tenant, "restart");
        localAws.faults(FaultPlan.parse("lost-response=1.0,operations=CreateStack+CreateEnvironmentAccountConnection"));

        stack.create();
        connection.create();
        await().atMost(CONVERGE)
                .until(() -> lost(tenant.environmentAccountId(), "CreateStack") >= 1
                        && lost(tenant.environmentAccountId(), "CreateEnvironmentAccountConnection") >= 1);
        operator.stop();
        stopFaults();
        assertThat(stack.stacksEverMade())
                .as("the stack the lost CreateStack made")
                .hasSize(1);
        assertThat(connection.connectionsInAws())
                .as("the connection the lost Create made")
                .singleElement()
                .satisfies(c -> assertThat(c.statusAsString()).isEqualTo("PENDING"));
        assertThat(connection.get().getStatus())
                .as("status written before the crash")
                .isNull();
        long createStacks = localAws.calls().count(tenant.environmentAccountId(), "cloudformation", "CreateStack");

        Operator second = restarted.start();
        try {
            awaitCondition(stack, ConditionTypes.READY, "True");
            awaitCondition(connection, ConditionTypes.READY, "True");
            stack.assertExactlyOneInAws();
            connection.assertExactlyOneInAws();
            assertThat(localAws.calls().count(tenant.environmentAccountId(), "cloudformation", "CreateStack"))
                    .as("CreateStack calls after the restart: the stack is found, not made again")
                    .isEqualTo(createStacks);

            stack.delete();
            connection.delete();
            await().atMost(CONVERGE).until(() -> stack.isGone() && connection.isGone());
        } finally {
            second.stop();
            operator.start();
        }
        stack.assertNothingLeftInAws();
        connection.assertNothingLeftInAws();
    }

    @Test
    void shouldConvergeWithoutDuplicatesThroughKubernetesApiConflicts() {
        Tenant tenant = readyTenant();
        StackUnderTest stack = new StackUnderTest(client, localAws, tenant, "conflicted");
        ConnectionUnderTest connection = new ConnectionUnderTest(client, localAws, tenant, "conflicted");
        String base = "/apis/proton.ops.dev/v1alpha1/namespaces/" + tenant.namespace() + "/";
        for (String path :
                List.of(base + "connectionroles/conflicted", base + "environmentaccountconnections/conflicted")) {
            server.expect().patch().withPath(path).andReturn(409, conflict()).times(2);
            server.expect()
                    .patch()
                    .withPath(path + "/status")
                    .andReturn(409, conflict())
                    .times(3);
        }

        stack.create();
        connection.create();
        for (int edit = 1; edit <= 3; edit++) {
            stack.editSpec(String.valueOf(edit));
            connection.editSpec(String.valueOf(edit));
        }

        awaitCondition(stack, ConditionTypes.READY, "True");
        awaitCondition(connection, ConditionTypes.READY, "True");
        await().atMost(CONVERGE)
                .until(() -> stack.get().getStatus().observedGeneration()
                                == stack.get().getMetadata().getGeneration()
                        && Conditions.isTrue(stack.conditions(), ConditionTypes.READY));
        stack.assertExactlyOneInAws();
        connection.assertExactlyOneInAws();
        assertThat(LocalAwsClients.root(localAws, tenant.environmentAccountId())
                        .cloudFormation()
                        .describeStacks(r -> r.stackName(stack.stackName()))
                        .stacks()
                        .get(0)
                        .tags())
                .as("the stack follows the last edit")
                .anySatisfy(tag -> {
                    assertThat(tag.key()).isEqualTo("edit");
                    assertThat(tag.value()).isEqualTo("3");
                });
        assertThat(localAws.calls()
                        .count(k -> k.account().equals(tenant.environmentAccountId())
                                && k.operation().equals("CreateEnvironmentAccountConnection")))
                .as("Create calls: the id Create returned outlives the lost status writes")
                .isEqualTo(1);
        // the injected conflicts were all used up by the operator: this status write goes through
        client.resource(connection.get()).patchStatus();

        stack.delete();
        connection.delete();
        await().atMost(CONVERGE).until(() -> stack.isGone() && connection.isGone());
        stack.assertNothingLeftInAws();
        connection.assertNothingLeftInAws();
    }

    @Test
    void shouldKeepExternalIdsAndSessionCredentialsOutOfLogsEventsAndStatus() {
        Tenant tenant = Tenant.next();
        String externalId = "ext-" + UUID.randomUUID();
        String wrongExternalId = "wrong-" + UUID.randomUUID();
        List<String> secrets = new ArrayList<>(List.of(externalId, wrongExternalId));
        try (LogCapture logs = LogCapture.start()) {
            createRoleRequiringExternalId(tenant.environmentAccountId(), externalId);
            OperatorFixtures.externalIdSecret(client, "ext-" + tenant.environmentAccountId(), externalId);
            OperatorFixtures.externalIdSecret(client, "wrong-" + tenant.environmentAccountId(), wrongExternalId);
            client.resources(AwsAccount.class)
                    .resource(accountWithExternalId(
                            tenant.environmentAccountName(), tenant, "ext-" + tenant.environmentAccountId()))
                    .create();
            client.resources(AwsAccount.class)
                    .resource(accountWithExternalId(
                            "wrong-" + tenant.environmentAccountId(), tenant, "wrong-" + tenant.environmentAccountId()))
                    .create();
            OperatorFixtures.readyAccount(
                    client,
                    localAws,
                    tenant.managementAccountName(),
                    tenant.managementAccountId(),
                    List.of(tenant.namespace()));
            awaitAccount(tenant.environmentAccountName(), ConditionTypes.READY);
            awaitAccount("wrong-" + tenant.environmentAccountId(), ConditionTypes.STALLED);

            localAws.faults(FaultPlan.parse("throttle=0.2,error=0.2,lost-response=0.1,services=proton+cloudformation"));
            StackUnderTest stack = new StackUnderTest(client, localAws, tenant, "secretive");
            stack.create();
            createConnectionFromStackOutput(tenant, "secretive");
            awaitCondition(stack, ConditionTypes.READY, "True");
            await().atMost(CONVERGE).until(() -> "CONNECTED".equals(connectionState(tenant, "secretive")));
            AwsSessionCredentials session = (AwsSessionCredentials) credentials
                    .current(tenant.environmentAccountName())
                    .orElseThrow()
                    .resolveCredentials();
            secrets.add(session.secretAccessKey());
            secrets.add(session.sessionToken());
            stack.delete();
            client.resources(EnvironmentAccountConnection.class)
                    .inNamespace(tenant.namespace())
                    .withName("secretive")
                    .delete();
            await().atMost(CONVERGE).until(stack::isGone);
            stopFaults();

            List<String> logLines = logs.lines();
            List<String> events = client.v1().events().inAnyNamespace().list().getItems().stream()
                    .map(FaultMatrixTest::describe)
                    .toList();
            List<String> statuses = statuses();
            assertThat(logLines).as("log lines captured").isNotEmpty();
            assertThat(events).as("events").isNotEmpty();
            for (String secret : secrets) {
                assertThat(logLines).as("logs").noneMatch(line -> line.contains(secret));
                assertThat(events).as("events").noneMatch(event -> event.contains(secret));
                assertThat(statuses).as("statuses").noneMatch(status -> status.contains(secret));
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private ResourceUnderTest resourceOf(Kind kind, Tenant tenant, String name) {
        return kind == Kind.STACK
                ? new StackUnderTest(client, localAws, tenant, name)
                : new ConnectionUnderTest(client, localAws, tenant, name);
    }

    /** Starts a burst of the fault, takes the step, and once the fault has hit, lets it settle to its steady state. */
    private void hitBy(Fault fault, ResourceUnderTest resource, Runnable step) {
        long before = fault.hits(localAws, resource.account(), resource.service());
        fault.burst(localAws, resource.service());
        step.run();
        await().atMost(CONVERGE)
                .until(() -> fault == Fault.LATENCY
                        || fault.hits(localAws, resource.account(), resource.service()) > before);
        fault.steady(localAws, resource.service());
    }

    /** A tenant whose two AwsAccounts are verified and allow its namespace. */
    private Tenant readyTenant() {
        Tenant tenant = Tenant.next();
        OperatorFixtures.readyAccount(
                client,
                localAws,
                tenant.environmentAccountName(),
                tenant.environmentAccountId(),
                List.of(tenant.namespace()));
        OperatorFixtures.readyAccount(
                client,
                localAws,
                tenant.managementAccountName(),
                tenant.managementAccountId(),
                List.of(tenant.namespace()));
        return tenant;
    }

    private static void awaitCondition(ResourceUnderTest resource, String type, String status) {
        awaitCondition(resource, type, status, CONVERGE);
    }

    private static void awaitCondition(ResourceUnderTest resource, String type, String status, Duration atMost) {
        await().alias(resource + " " + type + "=" + status).atMost(atMost).until(() -> {
            Condition condition = Conditions.find(resource.conditions(), type);
            return condition != null && status.equals(condition.getStatus());
        });
    }

    private long callsOf(ResourceUnderTest resource) {
        return localAws.calls()
                .count(k ->
                        k.account().equals(resource.account()) && k.service().equals(resource.service()));
    }

    private long lost(String account, String operation) {
        return localAws.calls()
                .count(k -> k.account().equals(account)
                        && k.operation().equals(operation)
                        && k.outcome().equals("LostResponse"));
    }

    /**
     * Waits until the operator has stopped calling: every attempt failed, JOSDK's retries are spent (about a second
     * with the profile's budget), and the resource waits for its next scheduled reconcile.
     */
    private void awaitRetriesSpent(ResourceUnderTest resource) {
        long[] last = {-1};
        long[] since = {System.nanoTime()};
        await().atMost(CONVERGE).pollInterval(Duration.ofMillis(100)).until(() -> {
            long now = callsOf(resource);
            if (now != last[0]) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return now > 0 && Duration.ofNanos(System.nanoTime() - since[0]).toMillis() >= 2000;
        });
    }

    /** Measures a window of calls; the only sleep of the suite, and not a synchronisation. */
    private static void sleep(Duration window) {
        try {
            Thread.sleep(window.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static io.fabric8.kubernetes.api.model.Status conflict() {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(409)
                .withReason("Conflict")
                .withMessage("the object has been modified; please apply your changes to the latest version")
                .build();
    }

    private void createRoleRequiringExternalId(String accountId, String externalId) {
        OperatorFixtures.bootstrapAccount(localAws, accountId, externalId);
    }

    private static AwsAccount accountWithExternalId(String name, Tenant tenant, String secretName) {
        AwsAccount account = new AwsAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(new AwsAccountSpec(
                tenant.environmentAccountId(),
                "us-east-1",
                new AssumeRole(
                        "arn:aws:iam::" + tenant.environmentAccountId() + ":role/" + OperatorFixtures.OPERATOR_ROLE,
                        new ExternalIdSource(new SecretKeyRef(secretName, "externalId")),
                        null),
                List.of(tenant.namespace()),
                null));
        return account;
    }

    private void awaitAccount(String name, String type) {
        OperatorFixtures.awaitCondition(
                () -> {
                    AwsAccount account =
                            client.resources(AwsAccount.class).withName(name).get();
                    return Conditions.of(account);
                },
                type,
                "True");
    }

    /** A connection whose role is the RoleArn output of the ConnectionRoles of the same name (Retain). */
    private void createConnectionFromStackOutput(Tenant tenant, String name) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(tenant.namespace())
                .build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                "multi-svc-" + name,
                tenant.environmentAccountName(),
                tenant.managementAccountName(),
                null,
                new RoleReference(null, new ConnectionRolesOutputRef(name, "RoleArn")),
                null,
                null,
                Acceptance.Automatic,
                null,
                DeletionPolicy.Retain));
        client.resources(EnvironmentAccountConnection.class)
                .inNamespace(tenant.namespace())
                .resource(connection)
                .create();
    }

    private String connectionState(Tenant tenant, String name) {
        EnvironmentAccountConnection connection = client.resources(EnvironmentAccountConnection.class)
                .inNamespace(tenant.namespace())
                .withName(name)
                .get();
        return connection == null || connection.getStatus() == null
                ? null
                : connection.getStatus().state();
    }

    /** The status of every resource of the three kinds, as JSON. */
    private List<String> statuses() {
        List<String> all = new ArrayList<>();
        client.resources(AwsAccount.class).list().getItems().forEach(a -> all.add(Serialization.asJson(a.getStatus())));
        client.resources(ConnectionRoles.class)
                .inAnyNamespace()
                .list()
                .getItems()
                .forEach(r -> all.add(Serialization.asJson(r.getStatus())));
        client.resources(EnvironmentAccountConnection.class)
                .inAnyNamespace()
                .list()
                .getItems()
                .forEach(c -> all.add(Serialization.asJson(c.getStatus())));
        return all;
    }

    /** Everything an event says, as JSON. */
    private static String describe(Event event) {
        return Serialization.asJson(event);
    }
}
