package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.account.AwsAccountSpec;
import dev.ops.proton.localaws.LocalAws;
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
 * makes no AWS call. (Its Stalled message and the Retain escape hatch are not exercised here: the Fabric8 mock server
 * keeps a resource's content as it was when its deletion began and drops later patches of it, status or spec.)
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

        // The Stalled message of a resource being deleted is not asserted: the Fabric8 mock server keeps the status
        // written before the deletion and drops later status patches of that resource (it bumps resourceVersion but
        // keeps the content), so only the finalizer and AWS are checked here.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> roles("stranded").get() != null
                        && !roles("stranded")
                                .get()
                                .getMetadata()
                                .getFinalizers()
                                .isEmpty());
        assertThat(localAws.calls().count(accountId, "cloudformation", "DeleteStack"))
                .isEqualTo(deletes);
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ConnectionRoles> roles(String name) {
        return client.resources(ConnectionRoles.class).inNamespace(NAMESPACE).withName(name);
    }

    private void awaitCondition(String name, String type, String status) {
        OperatorFixtures.awaitCondition(() -> Conditions.of(roles(name).get()), type, status);
    }
}
