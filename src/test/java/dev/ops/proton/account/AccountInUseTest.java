package dev.ops.proton.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.connection.Acceptance;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.connection.EnvironmentAccountConnectionSpec;
import dev.ops.proton.connection.RoleReference;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.ConfigMapKeyRef;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.roles.TemplateSource;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.RolesFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An AwsAccount in use cannot disappear under its users: deleted, it keeps its finalizer with an InUse condition
 * naming a few of them, keeps working for them (a user's deletion with policy Delete still deletes its stack through
 * it), and goes once the last ConnectionRoles or EnvironmentAccountConnection naming it is gone, forgetting its
 * credentials.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class AccountInUseTest {

    static final String ACCOUNT_ID = "383838383838";
    static final String NAMESPACE = "users";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Inject
    AccountCredentials credentials;

    @Test
    void shouldStayInUseUntilItsLastUserIsGone() {
        OperatorFixtures.readyAccount(client, localAws, "busy-env", ACCOUNT_ID, List.of(NAMESPACE));
        client.resource(RolesFixtures.inline(
                        NAMESPACE, "a-deployed", "busy-env", "deployed-stack", DeletionPolicy.Delete))
                .create();
        for (String name : List.of("b-waiting", "c-waiting", "d-waiting")) {
            client.resource(RolesFixtures.withTemplate(
                            NAMESPACE,
                            name,
                            "busy-env",
                            name + "-stack",
                            DeletionPolicy.Retain,
                            new TemplateSource(null, null, new ConfigMapKeyRef("absent", "template.yaml"))))
                    .create();
        }
        client.resource(connectionManagedFrom("busy-env")).create();
        OperatorFixtures.awaitCondition(
                () -> Conditions.of(client.resources(ConnectionRoles.class)
                        .inNamespace(NAMESPACE)
                        .withName("a-deployed")
                        .get()),
                "Ready",
                "True");
        String stackId = LocalAwsClients.root(localAws, ACCOUNT_ID)
                .cloudFormation()
                .describeStacks(r -> r.stackName("deployed-stack"))
                .stacks()
                .get(0)
                .stackId();

        client.resources(AwsAccount.class).withName("busy-env").delete();

        OperatorFixtures.awaitCondition(() -> Conditions.of(account()), "InUse", "True");
        Condition inUse = Conditions.find(Conditions.of(account()), "InUse");
        assertThat(inUse.getMessage())
                .contains("used by 5 resources", "ConnectionRoles " + NAMESPACE + "/a-deployed", "...");

        roles("a-deployed").delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> roles("a-deployed").get() == null);
        assertThat(LocalAwsClients.root(localAws, ACCOUNT_ID)
                        .cloudFormation()
                        .describeStacks(r -> r.stackName(stackId))
                        .stacks()
                        .get(0)
                        .stackStatusAsString())
                .as("the stack deleted through the account being deleted")
                .isIn("DELETE_IN_PROGRESS", "DELETE_COMPLETE");
        for (String name : List.of("b-waiting", "c-waiting", "d-waiting")) {
            roles(name).delete();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> List.of("b-waiting", "c-waiting", "d-waiting").stream()
                        .allMatch(name -> roles(name).get() == null));
        // the InUse message is not re-read here: the Fabric8 mock server drops status patches of a resource being
        // deleted after the first one; the account staying while the connection names it is what counts
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> account() != null);

        client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .withName("managed")
                .delete();

        await().atMost(Duration.ofSeconds(30)).until(() -> account() == null);
        assertThat(credentials.current("busy-env"))
                .as("credentials of the deleted account")
                .isEmpty();
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ConnectionRoles> roles(String name) {
        return client.resources(ConnectionRoles.class).inNamespace(NAMESPACE).withName(name);
    }

    private AwsAccount account() {
        return client.resources(AwsAccount.class).withName("busy-env").get();
    }

    /** A connection whose management account is this one and whose environment account does not exist: no AWS call. */
    private static EnvironmentAccountConnection connectionManagedFrom(String management) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(new ObjectMetaBuilder()
                .withName("managed")
                .withNamespace(NAMESPACE)
                .build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                "managed-env",
                "no-such-account",
                management,
                null,
                new RoleReference("arn:aws:iam::" + ACCOUNT_ID + ":role/ProtonRole", null),
                null,
                null,
                Acceptance.Automatic,
                null,
                DeletionPolicy.Retain));
        return connection;
    }
}
