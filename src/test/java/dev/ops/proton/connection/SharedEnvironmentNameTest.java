package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.CallCounter;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.Pause;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;
import software.amazon.awssdk.services.proton.model.Tag;

/**
 * Two EnvironmentAccountConnections naming one environment (same management and environment accounts), applied as a
 * person would: the first owns the Proton connection, the other stalls OwnedByAnother and never touches it, never
 * shows its id, and whichever is deleted first, with either deletion policy, nothing of the owner's is touched by
 * the other and nothing is left in AWS after a Delete. Asserted from the local AWS endpoint's own state and counters.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class SharedEnvironmentNameTest {

    static final String MANAGEMENT = "131313131313";
    static final String NAMESPACE = "platform";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    /** What of the owner's connection the other resource could change: roles, state, tags, last change. */
    record Snapshot(String roleArn, String state, java.time.Instant lastModifiedAt, List<Tag> tags) {}

    @ParameterizedTest(
            name = "{0} created first (deletionPolicy {1}), {2} second (deletionPolicy {3}); {4} deleted first")
    @CsvSource({
        "alpha, Delete, beta, Delete, second, 1",
        "beta, Delete, alpha, Delete, first, 2",
        "alpha, Retain, beta, Delete, second, 3",
        "beta, Delete, alpha, Retain, first, 4",
        "alpha, Delete, beta, Retain, second, 5",
        "beta, Retain, alpha, Delete, first, 6",
    })
    void shouldLeaveTheFirstOwnersConnectionAloneWhateverIsDeletedFirst(
            String owner,
            DeletionPolicy ownerPolicy,
            String other,
            DeletionPolicy otherPolicy,
            String deletedFirst,
            int scenario) {
        String env = "24242424240" + scenario;
        String envName = "shared-env-" + scenario;
        String account = accounts().readyEnvironmentAccount("shared-env-" + scenario, env);
        ProtonClient envProton = accounts().proton(env);
        String ownerName = owner + "-" + scenario;
        String otherName = other + "-" + scenario;

        resources().create(connection(ownerName, envName, account, env, "ProtonRole", ownerPolicy));
        String ownerId = resources()
                .awaitCondition(ownerName, ConditionTypes.READY, "True")
                .getStatus()
                .connectionId();
        Snapshot before = snapshot(envProton, ownerId);
        long envWritesBefore = writesBy(env);
        long managementWritesBefore = writesBy(MANAGEMENT);
        List<String> otherStatuses = new CopyOnWriteArrayList<>();
        try (Watch watch = watchStatuses(otherName, otherStatuses)) {
            resources().create(connection(otherName, envName, account, env, "OtherRole", otherPolicy));

            EnvironmentAccountConnection stalled =
                    resources().awaitCondition(otherName, ConditionTypes.STALLED, "True");
            Condition reason = Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED);
            assertThat(reason.getReason()).isEqualTo("OwnedByAnother");
            assertThat(reason.getMessage()).contains(NAMESPACE + "/" + ownerName, envName);
            accounts().awaitReadsBy(env, 4);
            assertThat(snapshot(envProton, ownerId))
                    .as("the owner's connection")
                    .isEqualTo(before);
            assertThat(writesBy(env) - envWritesBefore)
                    .as("Proton writes in the environment account since the owner was Ready")
                    .isZero();
            assertThat(writesBy(MANAGEMENT) - managementWritesBefore).isZero();
            assertThat(localAws.calls()
                            .count(k -> k.account().equals(env)
                                    && k.operation().equals("CreateEnvironmentAccountConnection")
                                    && !k.outcome().equals(CallCounter.OK)))
                    .as("refused Creates: the other one tries once, then only looks")
                    .isLessThanOrEqualTo(1);

            if (deletedFirst.equals("second")) {
                resources().deleteAndAwaitGone(otherName);
                assertThat(snapshot(envProton, ownerId))
                        .as("the owner's connection after the other's deletion")
                        .isEqualTo(before);
                assertThat(writesBy(env) - envWritesBefore).isZero();
                assertThat(resources().get(ownerName).getStatus().state()).isEqualTo("CONNECTED");
                resources().deleteAndAwaitGone(ownerName);
                assertThat(live(envProton, envName))
                        .as("after the owner's deletion with " + ownerPolicy)
                        .hasSize(ownerPolicy == DeletionPolicy.Delete ? 0 : 1);
            } else {
                resources().deleteAndAwaitGone(ownerName);
                if (ownerPolicy == DeletionPolicy.Delete) {
                    assertThat(live(envProton, envName)).isEmpty();
                    // the environment name is free: the other one requests its own connection
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        EnvironmentAccountConnection current = resources().get(otherName);
                        return current.getStatus().connectionId() != null
                                && "CONNECTED".equals(current.getStatus().state());
                    });
                    resources().deleteAndAwaitGone(otherName);
                    assertThat(live(envProton, envName))
                            .as("the other's own connection after its deletion with " + otherPolicy)
                            .hasSize(otherPolicy == DeletionPolicy.Delete ? 0 : 1);
                } else {
                    accounts().awaitReadsBy(env, 4);
                    assertThat(Conditions.find(
                                            resources()
                                                    .get(otherName)
                                                    .getStatus()
                                                    .conditions(),
                                            ConditionTypes.STALLED)
                                    .getReason())
                            .as("the retained connection still names its owner")
                            .isEqualTo("OwnedByAnother");
                    resources().deleteAndAwaitGone(otherName);
                    assertThat(snapshot(envProton, ownerId))
                            .as("the retained connection after the other's deletion")
                            .isEqualTo(before);
                    assertThat(writesBy(env) - envWritesBefore).isZero();
                }
            }
        }
        assertThat(otherStatuses).as("every status the other resource ever had").isNotEmpty();
        assertThat(otherStatuses).noneMatch(status -> status.contains(ownerId));
    }

    @Test
    void shouldNotTrustAnotherOwnersIdFoundInItsStatus() {
        String env = "242424242407";
        String envName = "shared-env-7";
        accounts().readyEnvironmentAccount(envName, env);
        ProtonClient envProton = accounts().proton(env);
        resources().create(connection("gamma-7", envName, envName, env, "ProtonRole", DeletionPolicy.Delete));
        String ownerId = resources()
                .awaitCondition("gamma-7", ConditionTypes.READY, "True")
                .getStatus()
                .connectionId();
        Snapshot before = snapshot(envProton, ownerId);
        long envWritesBefore = writesBy(env);
        EnvironmentAccountConnection other =
                connection("delta-7", envName, envName, env, "OtherRole", DeletionPolicy.Delete);
        other.getMetadata().setAnnotations(Map.of(Pause.ANNOTATION, "true"));
        resources().create(other);
        resources().awaitCondition("delta-7", ConditionTypes.RECONCILING, "True");

        // what an earlier operator version left: the other resource's connection id in this one's status
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> {
                    client.resources(EnvironmentAccountConnection.class)
                            .inNamespace(NAMESPACE)
                            .withName("delta-7")
                            .editStatus(c -> {
                                EnvironmentAccountConnectionStatus s = c.getStatus();
                                c.setStatus(new EnvironmentAccountConnectionStatus(
                                        s.observedGeneration(),
                                        ownerId,
                                        null,
                                        "CONNECTED",
                                        env,
                                        MANAGEMENT,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        s.conditions(),
                                        null));
                                return c;
                            });
                    return true;
                });
        OperatorFixtures.edit(
                client.resources(EnvironmentAccountConnection.class)
                        .inNamespace(NAMESPACE)
                        .withName("delta-7"),
                c -> {
                    c.getMetadata().setAnnotations(Map.of());
                    return c;
                });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            EnvironmentAccountConnection current = resources().get("delta-7");
            Condition stalled = Conditions.find(current.getStatus().conditions(), ConditionTypes.STALLED);
            assertThat(stalled).isNotNull();
            assertThat(stalled.getReason()).isEqualTo("OwnedByAnother");
            assertThat(current.getStatus().connectionId()).isNull();
        });
        accounts().awaitReadsBy(env, 4);
        resources().deleteAndAwaitGone("delta-7");
        assertThat(snapshot(envProton, ownerId)).as("the owner's connection").isEqualTo(before);
        assertThat(writesBy(env) - envWritesBefore).isZero();
        resources().deleteAndAwaitGone("gamma-7");
        assertThat(live(envProton, envName)).isEmpty();
    }

    private Snapshot snapshot(ProtonClient envProton, String id) {
        var connection =
                envProton.getEnvironmentAccountConnection(r -> r.id(id)).environmentAccountConnection();
        List<Tag> tags = envProton
                .listTagsForResource(r -> r.resourceArn(connection.arn()))
                .tags();
        return new Snapshot(connection.roleArn(), connection.statusAsString(), connection.lastModifiedAt(), tags);
    }

    private Watch watchStatuses(String name, List<String> statuses) {
        return client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, EnvironmentAccountConnection resource) {
                        if (resource.getMetadata().getName().equals(name) && resource.getStatus() != null) {
                            statuses.add(Serialization.asJson(resource.getStatus()));
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                });
    }

    /** Proton writes that went through, or any attempt other than a Create. */
    private long writesBy(String account) {
        return localAws.calls()
                .count(k -> k.account().equals(account)
                        && k.service().equals("proton")
                        && !k.operation().startsWith("Get")
                        && !k.operation().startsWith("List")
                        && !(k.operation().equals("CreateEnvironmentAccountConnection")
                                && k.outcome().equals("ConflictException")));
    }

    private static List<EnvironmentAccountConnectionSummary> live(ProtonClient envProton, String environmentName) {
        return envProton
                .listEnvironmentAccountConnections(
                        r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT)
                                .environmentName(environmentName)
                                .statusesWithStrings("PENDING", "CONNECTED"))
                .environmentAccountConnections();
    }

    private static EnvironmentAccountConnection connection(
            String name,
            String environmentName,
            String environmentAccountRef,
            String env,
            String role,
            DeletionPolicy policy) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                environmentName,
                environmentAccountRef,
                "shared-mgmt",
                null,
                new RoleReference("arn:aws:iam::" + env + ":role/" + role, null),
                null,
                null,
                Acceptance.Automatic,
                Map.of("team", name),
                policy));
        return connection;
    }

    private ConnectionResources resources() {
        return new ConnectionResources(client, NAMESPACE);
    }

    private ProtonAccounts accounts() {
        return new ProtonAccounts(client, localAws, NAMESPACE, "shared-mgmt", MANAGEMENT);
    }
}
