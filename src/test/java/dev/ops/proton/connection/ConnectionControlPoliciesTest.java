package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.localaws.CallCounter;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ControlReasons;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.proton.model.Tag;

/**
 * managementPolicy and adoptionPolicy of EnvironmentAccountConnection against the local AWS endpoint: ObserveOnly
 * reports a connection a person requested and never writes in either account (not on creation, on roles that differ
 * from the spec, nor on deletion with deletionPolicy Delete); each adoption policy meets an untagged connection, none,
 * and another resource's. Proton writes are counted by the endpoint.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class ConnectionControlPoliciesTest {

    static final String MANAGEMENT = "575757575757";
    static final String NAMESPACE = "platform";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Test
    void shouldObserveAConnectionWithoutEverWritingEvenWhenDeletedUnderPolicyDelete() {
        String env = "585858585801";
        String account = accounts().readyEnvironmentAccount("control-env-" + env, env);
        long writesBefore = writes();

        resources().create(connection("observer", "observed-env", account, env, ManagementPolicy.ObserveOnly, null));

        EnvironmentAccountConnection awaiting =
                resources().awaitReason("observer", ConditionTypes.RECONCILING, ControlReasons.AWAITING_OBJECT);
        assertThat(condition(awaiting, ConditionTypes.RECONCILING).getMessage())
                .contains("observed-env", env, MANAGEMENT);
        accounts().awaitReadsBy(env, 2);
        assertThat(writes()).as("Proton writes while nothing exists").isEqualTo(writesBefore);

        // requested with another role than the spec names and tagged for this very resource (as if it had requested
        // it under FullControl), then accepted: FullControl would update its roles and, on deletion, delete it
        String id = personRequests(env, "observed-env", Map.of(OwnershipTag.KEY, NAMESPACE + "/observer"));
        EnvironmentAccountConnection pending =
                resources().awaitReason("observer", ConditionTypes.RECONCILING, "AwaitingAcceptance");
        assertThat(pending.getStatus().connectionId()).isEqualTo(id);
        accounts().proton(MANAGEMENT).acceptEnvironmentAccountConnection(r -> r.id(id));
        writesBefore = writes();

        EnvironmentAccountConnection observed =
                resources().awaitReason("observer", ConditionTypes.READY, ControlReasons.OBSERVED);
        assertThat(observed.getStatus().state()).isEqualTo("CONNECTED");
        accounts().awaitReadsBy(env, 2);
        resources().deleteAndAwaitGone("observer");

        assertThat(writes()).as("Proton writes of an ObserveOnly resource").isEqualTo(writesBefore);
        var left = accounts()
                .proton(env)
                .getEnvironmentAccountConnection(r -> r.id(id))
                .environmentAccountConnection();
        assertThat(left.statusAsString()).isEqualTo("CONNECTED");
        assertThat(left.roleArn()).endsWith("role/PersonsRole");
        assertThat(tagsOf(env, left.arn()))
                .containsExactly(Tag.builder()
                        .key(OwnershipTag.KEY)
                        .value(NAMESPACE + "/observer")
                        .build());
    }

    @Test
    void shouldReportAnotherResourcesConnectionWhenObserving() {
        String env = "585858585802";
        String account = accounts().readyEnvironmentAccount("control-env-" + env, env);
        String id = personRequests(env, "foreign-env", Map.of(OwnershipTag.KEY, "other/connection"));
        long writesBefore = writes();

        resources()
                .create(connection(
                        "foreign-observer", "foreign-env", account, env, ManagementPolicy.ObserveOnly, null));

        EnvironmentAccountConnection observed =
                resources().awaitReason("foreign-observer", ConditionTypes.RECONCILING, "AwaitingAcceptance");
        assertThat(observed.getStatus().connectionId()).isEqualTo(id);
        resources().deleteAndAwaitGone("foreign-observer");
        assertThat(writes()).isEqualTo(writesBefore);
        assertThat(accounts()
                        .proton(env)
                        .getEnvironmentAccountConnection(r -> r.id(id))
                        .environmentAccountConnection()
                        .statusAsString())
                .isEqualTo("PENDING");
    }

    @ParameterizedTest(name = "{0} meets {1}")
    @CsvSource({
        "AdoptOrCreate, untagged, Ready,       Connected,       11",
        "AdoptOrCreate, none,     Ready,       Connected,       12",
        "AdoptOrCreate, foreign,  Stalled,     OwnedByAnother,  13",
        "AdoptOnly,     untagged, Ready,       Connected,       14",
        "AdoptOnly,     none,     Reconciling, AwaitingObject,  15",
        "AdoptOnly,     foreign,  Stalled,     OwnedByAnother,  16",
        "CreateOnly,    untagged, Stalled,     AdoptionRefused, 17",
        "CreateOnly,    none,     Ready,       Connected,       18",
        "CreateOnly,    foreign,  Stalled,     OwnedByAnother,  19"
    })
    void shouldFollowTheAdoptionPolicy(
            AdoptionPolicy policy, String existing, String type, String reason, String scenario) {
        String env = "5858585858" + scenario;
        String account = accounts().readyEnvironmentAccount("control-env-" + env, env);
        String name = (policy + "-" + existing).toLowerCase();
        String envName = "adopt-" + name;
        Optional<String> existingId = switch (existing) {
            case "untagged" -> Optional.of(personRequests(env, envName, Map.of("team", "someone-else")));
            case "foreign" -> Optional.of(personRequests(env, envName, Map.of(OwnershipTag.KEY, "other/connection")));
            default -> Optional.empty();
        };
        long writesBefore = writes();
        long createsBefore = successfulCreates(env);

        resources().create(connection(name, envName, account, env, ManagementPolicy.FullControl, policy));

        EnvironmentAccountConnection result = resources().awaitReason(name, type, reason);
        String message = condition(result, type).getMessage();
        // AdoptOrCreate finds an untagged connection through a refused Create: only successful ones made one
        long creates = successfulCreates(env) - createsBefore;
        if (type.equals("Ready")) {
            String id = result.getStatus().connectionId();
            existingId.ifPresent(
                    found -> assertThat(id).as("adopted, not replaced").isEqualTo(found));
            assertThat(creates).isEqualTo(existingId.isPresent() ? 0 : 1);
            String arn = accounts()
                    .proton(env)
                    .getEnvironmentAccountConnection(r -> r.id(id))
                    .environmentAccountConnection()
                    .arn();
            assertThat(tagsOf(env, arn))
                    .contains(Tag.builder()
                            .key(OwnershipTag.KEY)
                            .value(NAMESPACE + "/" + name)
                            .build());
        } else {
            accounts().awaitReadsBy(env, 2);
            // CreateOnly meets the untagged connection through a refused Create (that is how Proton says it exists)
            long refusedCreates = localAws.calls()
                    .count(k -> k.account().equals(env)
                            && k.operation().equals("CreateEnvironmentAccountConnection")
                            && k.outcome().equals("ConflictException"));
            assertThat(writes() - refusedCreates).as("Proton writes").isEqualTo(writesBefore);
            assertThat(message).contains(envName);
            if (reason.equals(ControlReasons.ADOPTION_REFUSED)) {
                assertThat(message).contains(existingId.orElseThrow(), "CreateOnly");
            }
            existingId.ifPresent(found -> {
                String arn = accounts()
                        .proton(env)
                        .getEnvironmentAccountConnection(r -> r.id(found))
                        .environmentAccountConnection()
                        .arn();
                assertThat(tagsOf(env, arn)).noneMatch(t -> t.value().equals(NAMESPACE + "/" + name));
            });
        }
        resources().deleteAndAwaitGone(name);
    }

    /** Requests a connection as a person would in the environment account, outside the operator. */
    private String personRequests(String env, String environmentName, Map<String, String> tags) {
        return accounts()
                .proton(env)
                .createEnvironmentAccountConnection(r -> r.environmentName(environmentName)
                        .managementAccountId(MANAGEMENT)
                        .roleArn("arn:aws:iam::" + env + ":role/PersonsRole")
                        .tags(tags.entrySet().stream()
                                .map(e -> Tag.builder()
                                        .key(e.getKey())
                                        .value(e.getValue())
                                        .build())
                                .toList()))
                .environmentAccountConnection()
                .id();
    }

    private long successfulCreates(String env) {
        return localAws.calls()
                .count(k -> k.account().equals(env)
                        && k.operation().equals("CreateEnvironmentAccountConnection")
                        && k.outcome().equals(CallCounter.OK));
    }

    private List<Tag> tagsOf(String env, String arn) {
        return accounts()
                .proton(env)
                .listTagsForResource(r -> r.resourceArn(arn))
                .tags();
    }

    /** Proton calls that change something (anything but Get and List), in any account. */
    private long writes() {
        return localAws.calls()
                .count(k -> k.service().equals("proton")
                        && !k.operation().startsWith("Get")
                        && !k.operation().startsWith("List"));
    }

    private static EnvironmentAccountConnection connection(
            String name,
            String environmentName,
            String environmentAccountRef,
            String env,
            ManagementPolicy management,
            AdoptionPolicy adoption) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                environmentName,
                environmentAccountRef,
                "control-mgmt",
                null,
                new RoleReference("arn:aws:iam::" + env + ":role/ProtonRole", null),
                null,
                null,
                Acceptance.Automatic,
                Map.of("team", name),
                DeletionPolicy.Delete,
                management,
                adoption,
                null,
                null));
        return connection;
    }

    private ConnectionResources resources() {
        return new ConnectionResources(client, NAMESPACE);
    }

    private ProtonAccounts accounts() {
        return new ProtonAccounts(client, localAws, NAMESPACE, "control-mgmt", MANAGEMENT);
    }

    private static Condition condition(EnvironmentAccountConnection connection, String type) {
        return Conditions.find(connection.getStatus().conditions(), type);
    }
}
