package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ControlReasons;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.RolesFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * managementPolicy and adoptionPolicy of ConnectionRoles against the local AWS endpoint: ObserveOnly reports a stack
 * a person made and never writes (not on creation, drift or deletion with deletionPolicy Delete); each adoption
 * policy meets an untagged stack, no stack, and another resource's stack. The writes are counted by the endpoint.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class RolesControlPoliciesTest {

    static final String ACCOUNT_ID = "464646464646";
    static final String ACCOUNT = "control-env";
    static final String NAMESPACE = "platform";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    CloudFormationClient cfn;

    @BeforeEach
    void account() {
        OperatorFixtures.readyAccount(client, localAws, ACCOUNT, ACCOUNT_ID, List.of(NAMESPACE));
        cfn = LocalAwsClients.root(localAws, ACCOUNT_ID).cloudFormation();
    }

    @Test
    void shouldObserveAStackWithoutEverWritingEvenWhenDeletedUnderPolicyDelete() {
        long writesBefore = stackWrites();
        create("observer", "observed-stack", DeletionPolicy.Delete, ManagementPolicy.ObserveOnly, null);

        ConnectionRoles awaiting = awaitReason("observer", ConditionTypes.RECONCILING, ControlReasons.AWAITING_OBJECT);
        assertThat(condition(awaiting, ConditionTypes.RECONCILING).getMessage()).contains("observed-stack");
        awaitReadsOfStack(2);
        assertThat(stackWrites()).as("writes while nothing exists").isEqualTo(writesBefore);

        String stackId = personCreates("observed-stack", Map.of("team", "someone-else"));
        writesBefore = stackWrites();
        ConnectionRoles observed = awaitReason("observer", ConditionTypes.READY, ControlReasons.OBSERVED);
        assertThat(observed.getStatus().stackId()).isEqualTo(stackId);
        assertThat(observed.getStatus().stackStatus()).isEqualTo("CREATE_COMPLETE");
        assertThat(observed.getStatus().outputs()).containsKey("RoleArn");

        // drift: the spec's parameters and tags differ from the stack; a FullControl resource would update it
        OperatorFixtures.edit(named("observer"), roles -> {
            ConnectionRolesSpec s = roles.getSpec();
            roles.setSpec(new ConnectionRolesSpec(
                    s.accountRef(),
                    s.stackName(),
                    s.template(),
                    Map.of("Unused", "x"),
                    s.capabilities(),
                    Map.of("team", "platform"),
                    true,
                    s.deletionPolicy(),
                    s.managementPolicy(),
                    s.adoptionPolicy()));
            return roles;
        });
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("observer").getStatus().observedGeneration() == 2L);
        awaitReadsOfStack(2);

        deleteAndAwaitGone("observer");

        assertThat(stackWrites())
                .as("CloudFormation writes of an ObserveOnly resource")
                .isEqualTo(writesBefore);
        Stack left = stack("observed-stack");
        assertThat(left.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(left.tags()).noneMatch(t -> t.key().equals(DesiredStack.OWNER_TAG));
        assertThat(left.enableTerminationProtection()).isFalse();
    }

    @Test
    void shouldReportAnotherResourcesStackWhenObservingAndNeverTouchIt() {
        String stackId = personCreates("foreign-observed", Map.of(DesiredStack.OWNER_TAG, "other/roles"));
        long writesBefore = stackWrites();

        create("foreign-observer", "foreign-observed", DeletionPolicy.Delete, ManagementPolicy.ObserveOnly, null);

        ConnectionRoles observed = awaitReason("foreign-observer", ConditionTypes.READY, ControlReasons.OBSERVED);
        assertThat(observed.getStatus().stackId()).isEqualTo(stackId);
        assertThat(condition(observed, ConditionTypes.READY).getMessage()).contains("other/roles");
        deleteAndAwaitGone("foreign-observer");
        assertThat(stackWrites()).isEqualTo(writesBefore);
        assertThat(stack("foreign-observed").stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
    }

    @ParameterizedTest(name = "{0} meets {1}")
    @CsvSource({
        "AdoptOrCreate, untagged, Ready,       StackReady",
        "AdoptOrCreate, none,     Ready,       StackReady",
        "AdoptOrCreate, foreign,  Stalled,     OwnedByAnother",
        "AdoptOnly,     untagged, Ready,       StackReady",
        "AdoptOnly,     none,     Reconciling, AwaitingObject",
        "AdoptOnly,     foreign,  Stalled,     OwnedByAnother",
        "CreateOnly,    untagged, Stalled,     AdoptionRefused",
        "CreateOnly,    none,     Ready,       StackReady",
        "CreateOnly,    foreign,  Stalled,     OwnedByAnother"
    })
    void shouldFollowTheAdoptionPolicy(AdoptionPolicy policy, String existing, String type, String reason) {
        String name = (policy + "-" + existing).toLowerCase();
        String stackName = "adopt-" + name;
        Optional<String> existingId = switch (existing) {
            case "untagged" -> Optional.of(personCreates(stackName, Map.of("team", "someone-else")));
            case "foreign" -> Optional.of(personCreates(stackName, Map.of(DesiredStack.OWNER_TAG, "other/roles")));
            default -> Optional.empty();
        };
        long writesBefore = stackWrites();
        long createsBefore = localAws.calls().count(ACCOUNT_ID, "cloudformation", "CreateStack");

        create(name, stackName, DeletionPolicy.Retain, ManagementPolicy.FullControl, policy);

        ConnectionRoles roles = awaitReason(name, type, reason);
        String message = condition(roles, type).getMessage();
        long creates = localAws.calls().count(ACCOUNT_ID, "cloudformation", "CreateStack") - createsBefore;
        if (type.equals("Ready")) {
            Stack stack = stack(stackName);
            assertThat(stack.tags())
                    .as("the stack is tagged for its owner")
                    .contains(Tag.builder()
                            .key(DesiredStack.OWNER_TAG)
                            .value(NAMESPACE + "/" + name)
                            .build());
            assertThat(creates).isEqualTo(existingId.isPresent() ? 0 : 1);
            existingId.ifPresent(id ->
                    assertThat(stack.stackId()).as("adopted, not replaced").isEqualTo(id));
        } else {
            awaitReadsOfStack(2);
            assertThat(stackWrites()).as("CloudFormation writes").isEqualTo(writesBefore);
            assertThat(message).contains(stackName);
            existingId.ifPresent(id ->
                    assertThat(stack(stackName).tags()).noneMatch(t -> t.value().equals(NAMESPACE + "/" + name)));
            if (reason.equals(ControlReasons.ADOPTION_REFUSED)) {
                assertThat(message).contains(existingId.orElseThrow(), "CreateOnly");
            }
        }
        deleteAndAwaitGone(name);
    }

    /** Creates a stack as a person would, outside the operator, and waits for CREATE_COMPLETE. */
    private String personCreates(String stackName, Map<String, String> tags) {
        String id = cfn.createStack(r -> r.stackName(stackName)
                        .templateBody(RolesFixtures.ONE_ROLE_TEMPLATE)
                        .capabilities(Capability.CAPABILITY_IAM)
                        .tags(tags.entrySet().stream()
                                .map(e -> Tag.builder()
                                        .key(e.getKey())
                                        .value(e.getValue())
                                        .build())
                                .toList()))
                .stackId();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack(stackName).stackStatusAsString().equals("CREATE_COMPLETE"));
        return id;
    }

    private void create(
            String name,
            String stackName,
            DeletionPolicy deletion,
            ManagementPolicy management,
            AdoptionPolicy adoption) {
        ConnectionRoles roles = RolesFixtures.inline(NAMESPACE, name, ACCOUNT, stackName, deletion);
        ConnectionRolesSpec s = roles.getSpec();
        roles.setSpec(new ConnectionRolesSpec(
                s.accountRef(),
                s.stackName(),
                s.template(),
                s.parameters(),
                s.capabilities(),
                s.tags(),
                s.terminationProtection(),
                s.deletionPolicy(),
                management,
                adoption));
        client.resource(roles).create();
    }

    /** CloudFormation calls of the account that change something (anything but Describe, List, Get). */
    private long stackWrites() {
        return localAws.calls()
                .count(k -> k.account().equals(ACCOUNT_ID)
                        && k.service().equals("cloudformation")
                        && !k.operation().startsWith("Describe")
                        && !k.operation().startsWith("List")
                        && !k.operation().startsWith("Get"));
    }

    /** Waits until the operator has looked at least this many more times, so a write it would make has happened. */
    private void awaitReadsOfStack(int more) {
        long before = localAws.calls().count(ACCOUNT_ID, "cloudformation", "DescribeStacks");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> localAws.calls().count(ACCOUNT_ID, "cloudformation", "DescribeStacks") >= before + more);
    }

    private Stack stack(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    private ConnectionRoles awaitReason(String name, String type, String reason) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConnectionRoles roles = get(name);
            assertThat(roles).isNotNull();
            Condition condition = Conditions.find(Conditions.of(roles), type);
            assertThat(condition).as(type + " of " + name).isNotNull();
            assertThat(condition.getStatus())
                    .as(type + ": " + condition.getMessage())
                    .isEqualTo("True");
            assertThat(condition.getReason()).isEqualTo(reason);
        });
        return get(name);
    }

    private static Condition condition(ConnectionRoles roles, String type) {
        return Conditions.find(roles.getStatus().conditions(), type);
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ConnectionRoles> named(String name) {
        return client.resources(ConnectionRoles.class).inNamespace(NAMESPACE).withName(name);
    }

    private ConnectionRoles get(String name) {
        return named(name).get();
    }

    private void deleteAndAwaitGone(String name) {
        named(name).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(name) == null);
    }
}
