package dev.ops.proton.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.RolesFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One installation among several: it watches only the namespaces WATCH_NAMESPACES lists
 * ({@code quarkus.operator-sdk.namespaces}), finds the cluster-scoped AwsAccounts whatever those are, and verifies only
 * the AwsAccounts its account selector picks.
 */
@QuarkusTest
@TestProfile(WatchedNamespacesTest.TeamAInstallation.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class WatchedNamespacesTest {

    static final String WATCHED = "team-a";
    static final String OTHER = "team-b";
    static final String SELECTOR_LABEL = "proton.ops.dev/installation";

    /** The installation of team A: namespace team-a, and the AwsAccounts labelled for team A. */
    public static class TeamAInstallation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.operator-sdk.namespaces",
                    WATCHED,
                    "proton-operator.account-selector",
                    SELECTOR_LABEL + "=team-a");
        }
    }

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Test
    void shouldConvergeInWatchedNamespacesAndLeaveOthersUntouched() {
        String accountId = "252525252525";
        RolesFixtures.namespace(client, WATCHED);
        RolesFixtures.namespace(client, OTHER);
        labelledAccount("team-a-env", accountId, "team-a", List.of(WATCHED, OTHER));
        OperatorFixtures.awaitCondition(() -> Conditions.of(account("team-a-env")), ConditionTypes.READY, "True");

        client.resource(RolesFixtures.inline(OTHER, "ignored", "team-a-env", "ignored-stack", DeletionPolicy.Retain))
                .create();
        client.resource(RolesFixtures.inline(WATCHED, "watched", "team-a-env", "watched-stack", DeletionPolicy.Retain))
                .create();

        OperatorFixtures.awaitCondition(() -> Conditions.of(roles(WATCHED, "watched")), ConditionTypes.READY, "True");
        var cfn = LocalAwsClients.root(localAws, accountId).cloudFormation();
        assertThat(cfn.describeStacks(r -> r.stackName("watched-stack")).stacks())
                .singleElement()
                .satisfies(s -> assertThat(s.stackStatusAsString()).isEqualTo("CREATE_COMPLETE"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
            ConnectionRoles ignored = roles(OTHER, "ignored");
            return ignored.getStatus() == null
                    && ignored.getMetadata().getFinalizers().isEmpty();
        });
        assertThat(cfn.listStacks().stackSummaries())
                .noneMatch(s -> s.stackName().equals("ignored-stack"));
    }

    @Test
    void shouldVerifyOnlyTheAccountsItsSelectorPicks() {
        String othersId = "262626262626";
        OperatorFixtures.bootstrapAccount(localAws, othersId);
        labelledAccount("team-b-env", othersId, "team-b", List.of(OTHER));
        labelledAccount("team-a-mgmt", "272727272727", "team-a", List.of(WATCHED));

        OperatorFixtures.awaitCondition(() -> Conditions.of(account("team-a-mgmt")), ConditionTypes.READY, "True");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
            AwsAccount others = account("team-b-env");
            return others.getStatus() == null
                    && others.getMetadata().getFinalizers().isEmpty();
        });
        assertThat(localAws.calls()
                        .count(k -> k.account().equals(othersId) && k.service().equals("sts")))
                .as("STS calls acting in the account another installation verifies")
                .isZero();
    }

    private void labelledAccount(String name, String accountId, String installation, List<String> namespaces) {
        OperatorFixtures.bootstrapAccount(localAws, accountId);
        AwsAccount account = OperatorFixtures.awsAccount(name, accountId, namespaces);
        account.getMetadata().setLabels(Map.of(SELECTOR_LABEL, installation));
        client.resource(account).create();
    }

    private AwsAccount account(String name) {
        return client.resources(AwsAccount.class).withName(name).get();
    }

    private ConnectionRoles roles(String namespace, String name) {
        return client.resources(ConnectionRoles.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }
}
