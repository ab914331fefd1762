package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
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
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Two ConnectionRoles naming one stack in one account: the first to create it owns it (its tag says so in AWS); the
 * other stalls OwnedByAnother naming the owner, never records the owner's stack, and never writes to it or deletes
 * it, including on its own deletion with deletionPolicy Delete. Asserted from the local endpoint's stacks, tags and
 * call counters.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class SharedStackNameTest {

    static final String ACCOUNT_ID = "353535353535";
    static final String NAMESPACE = "platform";
    static final Set<String> STACK_WRITES = Set.of(
            "CreateStack",
            "UpdateStack",
            "CreateChangeSet",
            "ExecuteChangeSet",
            "DeleteStack",
            "UpdateTerminationProtection");

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    CloudFormationClient cfn;

    @BeforeEach
    void account() {
        OperatorFixtures.readyAccount(client, localAws, "shared-env", ACCOUNT_ID, List.of(NAMESPACE));
        cfn = LocalAwsClients.root(localAws, ACCOUNT_ID).cloudFormation();
    }

    @ParameterizedTest(name = "owner {0} ({1}), other {2} ({3}), {4} deleted first")
    @CsvSource({
        "alpha, Delete, beta,  Delete, other",
        "beta,  Delete, alpha, Delete, other",
        "gamma, Retain, delta, Delete, other",
        "delta, Delete, gamma, Retain, owner",
        "eps,   Delete, zeta,  Delete, owner"
    })
    void shouldLeaveTheOwnersStackAloneWhateverTheOrder(
            String owner, DeletionPolicy ownerPolicy, String other, DeletionPolicy otherPolicy, String firstDeleted) {
        String stackName = "shared-" + owner + "-" + other;
        client.resource(RolesFixtures.inline(NAMESPACE, owner, "shared-env", stackName, ownerPolicy))
                .create();
        awaitReady(owner);
        String ownerStackId = stack(stackName).stackId();
        long writesBefore = stackWrites();

        client.resource(RolesFixtures.inline(NAMESPACE, other, "shared-env", stackName, otherPolicy))
                .create();

        ConnectionRoles stalled = awaitStalled(other);
        Condition condition = Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED);
        assertThat(condition.getReason()).isEqualTo("OwnedByAnother");
        assertThat(condition.getMessage()).contains(NAMESPACE + "/" + owner);
        assertThat(stalled.getStatus().stackId())
                .as("the owner's stack id in the other's status")
                .isNull();
        assertThat(stalled.getStatus().outputs())
                .as("the owner's outputs in the other's status")
                .isNull();

        if (firstDeleted.equals("other")) {
            deleteAndAwaitGone(other);
            assertThat(stackWrites()).as("stack writes while the other lived").isEqualTo(writesBefore);
            Stack untouched = stack(stackName);
            assertThat(untouched.stackId()).isEqualTo(ownerStackId);
            assertThat(untouched.stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
            assertThat(untouched.tags())
                    .anySatisfy(tag -> assertThat(tag.value()).isEqualTo(NAMESPACE + "/" + owner));
            deleteAndAwaitGone(owner);
        } else {
            assertThat(stackWrites()).as("stack writes while both lived").isEqualTo(writesBefore);
            deleteAndAwaitGone(owner);
            deleteAndAwaitGone(other);
        }

        String ownerStackStatus = statusOf(ownerStackId);
        if (ownerPolicy == DeletionPolicy.Delete) {
            assertThat(ownerStackStatus).isIn("DELETE_IN_PROGRESS", "DELETE_COMPLETE");
        } else {
            assertThat(ownerStackStatus).isEqualTo("CREATE_COMPLETE");
        }
        if (ownerPolicy == DeletionPolicy.Delete && otherPolicy == DeletionPolicy.Delete) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> cfn.listStacks().stackSummaries().stream()
                            .filter(s -> s.stackName().equals(stackName))
                            .allMatch(s -> s.stackStatusAsString().equals("DELETE_COMPLETE")));
        }
    }

    private long stackWrites() {
        return localAws.calls()
                .count(k -> k.account().equals(ACCOUNT_ID)
                        && k.service().equals("cloudformation")
                        && STACK_WRITES.contains(k.operation()));
    }

    private String statusOf(String stackId) {
        return cfn.describeStacks(r -> r.stackName(stackId)).stacks().get(0).stackStatusAsString();
    }

    private Stack stack(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    private void deleteAndAwaitGone(String name) {
        client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .withName(name)
                .delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get(name) == null);
    }

    private ConnectionRoles get(String name) {
        return client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .withName(name)
                .get();
    }

    private void awaitReady(String name) {
        OperatorFixtures.awaitCondition(() -> Conditions.of(get(name)), ConditionTypes.READY, "True");
    }

    private ConnectionRoles awaitStalled(String name) {
        OperatorFixtures.awaitCondition(() -> Conditions.of(get(name)), ConditionTypes.STALLED, "True");
        return get(name);
    }
}
