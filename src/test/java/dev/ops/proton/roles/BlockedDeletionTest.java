package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.account.AwsAccountSpec;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.RolesFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A ConnectionRoles deletion with policy Delete whose account no longer allows its namespace keeps its finalizer and
 * makes no AWS call, and switching its deletionPolicy to Retain lets it go without one, with a Warning Event naming
 * the stack left in AWS.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class BlockedDeletionTest {

    static final String NAMESPACE = "teardown";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Test
    void shouldKeepTheFinalizerAndMakeNoAwsCallWhileTheAccountCantAct() {
        String accountId = "373737373737";
        OperatorFixtures.readyAccount(client, localAws, "withdrawn-env", accountId, List.of(NAMESPACE));
        client.resource(RolesFixtures.inline(
                        NAMESPACE, "stranded", "withdrawn-env", "stranded-stack", DeletionPolicy.Delete))
                .create();
        awaitCondition("stranded", ConditionTypes.READY, "True");
        OperatorFixtures.edit(client.resources(AwsAccount.class).withName("withdrawn-env"), account -> {
            AwsAccountSpec s = account.getSpec();
            account.setSpec(new AwsAccountSpec(s.accountId(), s.region(), s.assumeRole(), List.of("elsewhere"), null));
            return account;
        });
        long deletes = localAws.calls().count(accountId, "cloudformation", "DeleteStack");

        roles("stranded").delete();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConnectionRoles held = roles("stranded").get();
            assertThat(held.getMetadata().getFinalizers()).isNotEmpty();
            assertThat(Conditions.find(Conditions.of(held), ConditionTypes.STALLED))
                    .isNotNull()
                    .satisfies(stalled -> {
                        assertThat(stalled.getReason()).isEqualTo("NamespaceNotAllowed");
                        assertThat(stalled.getMessage()).contains("Retain");
                    });
        });
        assertThat(localAws.calls().count(accountId, "cloudformation", "DeleteStack"))
                .isEqualTo(deletes);
    }

    @Test
    void shouldLetGoWithoutAwsCallsAndWarnWhatStaysOnceDeletionPolicyIsSwitchedToRetain() {
        String accountId = "373737373738";
        OperatorFixtures.readyAccount(client, localAws, "withdrawn-env-2", accountId, List.of(NAMESPACE));
        client.resource(RolesFixtures.inline(
                        NAMESPACE, "abandoned", "withdrawn-env-2", "abandoned-stack", DeletionPolicy.Delete))
                .create();
        awaitCondition("abandoned", ConditionTypes.READY, "True");
        String stackId = roles("abandoned").get().getStatus().stackId();
        OperatorFixtures.edit(client.resources(AwsAccount.class).withName("withdrawn-env-2"), account -> {
            AwsAccountSpec s = account.getSpec();
            account.setSpec(new AwsAccountSpec(s.accountId(), s.region(), s.assumeRole(), List.of("elsewhere"), null));
            return account;
        });
        roles("abandoned").delete();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> roles("abandoned").get() != null
                        && roles("abandoned").get().getMetadata().getDeletionTimestamp() != null);
        long cloudFormationCalls = localAws.calls()
                .count(k -> k.account().equals(accountId) && k.service().equals("cloudformation"));

        OperatorFixtures.edit(roles("abandoned"), r -> RolesFixtures.withDeletionPolicy(r, DeletionPolicy.Retain));

        await().atMost(Duration.ofSeconds(30)).until(() -> roles("abandoned").get() == null);
        assertThat(localAws.calls()
                        .count(k -> k.account().equals(accountId) && k.service().equals("cloudformation")))
                .as("CloudFormation calls from the hold until the resource was gone")
                .isEqualTo(cloudFormationCalls);
        assertThat(LocalAwsClients.root(localAws, accountId)
                        .cloudFormation()
                        .describeStacks(r -> r.stackName("abandoned-stack"))
                        .stacks())
                .as("left in AWS, as Retain says")
                .singleElement()
                .satisfies(stack -> assertThat(stack.stackStatusAsString()).isEqualTo("CREATE_COMPLETE"));
        assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                        .filter(e -> "abandoned".equals(e.getInvolvedObject().getName())
                                && "Warning".equals(e.getType())
                                && "RetainedInAws".equals(e.getReason()))
                        .map(io.fabric8.kubernetes.api.model.Event::getMessage))
                .singleElement()
                .satisfies(message -> assertThat(message).contains("abandoned-stack", stackId, accountId));
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ConnectionRoles> roles(String name) {
        return client.resources(ConnectionRoles.class).inNamespace(NAMESPACE).withName(name);
    }

    private void awaitCondition(String name, String type, String status) {
        OperatorFixtures.awaitCondition(() -> Conditions.of(roles(name).get()), type, status);
    }
}
