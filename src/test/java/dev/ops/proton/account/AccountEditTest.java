package dev.ops.proton.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.faults.FaultPlan;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.RolesFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An AwsAccount edit that keeps the account id and the identity (here: allowing or removing a namespace) leaves the
 * resources using it undisturbed: a Ready ConnectionRoles never turns Ready False while the account is verified
 * again; only a namespace the edit no longer allows stalls, and only its own resources. Verification is slowed down
 * (STS latency) so that the dependents certainly reconcile before the account is verified again.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class AccountEditTest {

    static final String ACCOUNT_ID = "343434343434";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Test
    void shouldKeepReadyDependentsReadyWhenANamespaceIsAllowedOrAnotherRemoved() {
        RolesFixtures.namespace(client, "edit-a");
        RolesFixtures.namespace(client, "edit-b");
        OperatorFixtures.readyAccount(client, localAws, "edit-env", ACCOUNT_ID, List.of("edit-a", "edit-b"));
        client.resource(RolesFixtures.inline("edit-a", "roles-a", "edit-env", "edit-a-stack", DeletionPolicy.Retain))
                .create();
        client.resource(RolesFixtures.inline("edit-b", "roles-b", "edit-env", "edit-b-stack", DeletionPolicy.Retain))
                .create();
        awaitReady("edit-a", "roles-a");
        awaitReady("edit-b", "roles-b");
        List<String> seenA = new CopyOnWriteArrayList<>();
        List<String> seenB = new CopyOnWriteArrayList<>();
        try (Watch a = watchReady("edit-a", "roles-a", seenA);
                Watch b = watchReady("edit-b", "roles-b", seenB)) {

            editAccount(List.of("edit-a", "edit-b", "edit-c"));

            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> allReady(seenA) && allReady(seenB));

            editAccount(List.of("edit-a", "edit-c"));

            await().atMost(Duration.ofSeconds(30)).until(() -> seenB.contains("False/NamespaceNotAllowed"));
            assertThat(seenA).as("Ready of roles-a after removing edit-b").allMatch(s -> s.startsWith("True"));
        }
    }

    /** Edits the AwsAccount's allowedNamespaces while STS is slow, and waits until it is verified again. */
    private void editAccount(List<String> namespaces) {
        localAws.faults(FaultPlan.parse("latency-ms=1500,services=sts"));
        try {
            OperatorFixtures.edit(client.resources(AwsAccount.class).withName("edit-env"), account -> {
                AwsAccountSpec s = account.getSpec();
                account.setSpec(new AwsAccountSpec(
                        s.accountId(), s.region(), s.assumeRole(), new ArrayList<>(namespaces), null));
                return account;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                AwsAccount account =
                        client.resources(AwsAccount.class).withName("edit-env").get();
                return account.getStatus() != null
                        && Objects.equals(
                                account.getStatus().observedGeneration(),
                                account.getMetadata().getGeneration());
            });
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
    }

    private static boolean allReady(List<String> seen) {
        return seen.stream().allMatch(s -> s.startsWith("True"));
    }

    private Watch watchReady(String namespace, String name, List<String> seen) {
        return client.resources(ConnectionRoles.class)
                .inNamespace(namespace)
                .withName(name)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, ConnectionRoles roles) {
                        Condition ready = Conditions.find(Conditions.of(roles), ConditionTypes.READY);
                        if (ready != null) {
                            seen.add(ready.getStatus() + "/" + ready.getReason());
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                });
    }

    private void awaitReady(String namespace, String name) {
        OperatorFixtures.awaitCondition(
                () -> Conditions.of(client.resources(ConnectionRoles.class)
                        .inNamespace(namespace)
                        .withName(name)
                        .get()),
                ConditionTypes.READY,
                "True");
    }
}
