package dev.ops.proton.connection;

import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.proton.ProtonClient;

/**
 * The accounts of a connection test, set up as docs/installing.md does and Ready for one namespace: one management
 * account and an environment account per scenario; plus Proton as each account's root sees it, and the operator's
 * Proton reads there as the local AWS endpoint counted them.
 */
record ProtonAccounts(
        KubernetesClient client, LocalAws localAws, String namespace, String managementName, String managementId) {

    /** Makes the management account and this environment account Ready; returns the environment AwsAccount's name. */
    String readyEnvironmentAccount(String name, String accountId) {
        OperatorFixtures.readyAccount(client, localAws, managementName, managementId, List.of(namespace));
        OperatorFixtures.readyAccount(client, localAws, name, accountId, List.of(namespace));
        return name;
    }

    /** Proton as the account's root calls it, outside the operator. */
    ProtonClient proton(String accountId) {
        return LocalAwsClients.root(localAws, accountId).proton();
    }

    /** Waits until the operator has read the account's connections {@code reads} more times (it looked again). */
    void awaitReadsBy(String accountId, int reads) {
        long start = readsBy(accountId);
        await().atMost(Duration.ofSeconds(30)).until(() -> readsBy(accountId) >= start + reads);
    }

    private long readsBy(String accountId) {
        return localAws.calls()
                .count(k -> k.account().equals(accountId)
                        && k.service().equals("proton")
                        && (k.operation().startsWith("Get") || k.operation().startsWith("List")));
    }
}
