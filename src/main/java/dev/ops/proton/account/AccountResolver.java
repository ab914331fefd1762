package dev.ops.proton.account;

import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.Progress;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Turns a namespaced resource's reference to an AwsAccount into a session it may use, or the reason it may not:
 * the account doesn't exist, doesn't allow the namespace (confused-deputy guard: no AWS call is made), or isn't
 * verified yet. Only proven credentials are handed out: proven by the AwsAccount controller (its status), or, before
 * its status is written, by the same GetCallerIdentity check made on the spot.
 */
@ApplicationScoped
public class AccountResolver {

    private final KubernetesClient client;
    private final AccountCredentials credentials;
    private final AwsAccountSettings settings;
    private final Optional<String> accountSelector;

    public AccountResolver(
            KubernetesClient client,
            AccountCredentials credentials,
            AwsAccountSettings settings,
            OperatorConfig config) {
        this.client = client;
        this.credentials = credentials;
        this.settings = settings;
        this.accountSelector = config.accountSelector();
    }

    /** Either a session or why there is none. */
    public record Resolution(AccountSession session, Progress blocked) {
        public boolean isResolved() {
            return session != null;
        }
    }

    /**
     * @param account the AwsAccount, as the caller's informer cache has it (empty when it doesn't exist)
     * @param accountName the name the resource refers to
     * @param namespace the namespace of the resource asking
     */
    public Resolution resolve(Optional<AwsAccount> account, String accountName, String namespace) {
        if (account.isEmpty()) {
            return blocked(Progress.stalled(
                    "AccountNotFound",
                    "AwsAccount " + accountName
                            + accountSelector
                                    .map(selector -> " does not exist or is not selected by this installation's"
                                            + " account selector (" + selector + ")")
                                    .orElse(" does not exist")));
        }
        AwsAccount found = account.get();
        AwsAccountSpec spec = found.getSpec();
        java.util.Map<String, String> labels =
                NamespaceAccess.needsLabels(spec.allowedNamespaces(), spec.allowedNamespaceSelector(), namespace)
                        ? namespaceLabels(namespace)
                        : java.util.Map.of();
        String selectorProblem = NamespaceAccess.problemWith(spec.allowedNamespaceSelector());
        if (selectorProblem != null
                && (spec.allowedNamespaces() == null
                        || !spec.allowedNamespaces().contains(namespace))) {
            return blocked(Progress.stalled(
                    "NamespaceNotAllowed",
                    "AwsAccount " + accountName + " does not allow namespace " + namespace
                            + ": its selector is invalid (" + selectorProblem + ")"));
        }
        if (!NamespaceAccess.allows(spec.allowedNamespaces(), spec.allowedNamespaceSelector(), namespace, labels)) {
            return blocked(Progress.stalled(
                    "NamespaceNotAllowed",
                    "AwsAccount " + accountName
                            + " does not allow namespace " + namespace + "; a cluster admin must add it to "
                            + "spec.allowedNamespaces or match spec.allowedNamespaceSelector"));
        }
        AwsAccountStatus status = found.getStatus();
        if (!AccountIdentity.isProven(found)) {
            boolean stalled = status != null && Conditions.isTrue(status.conditions(), ConditionTypes.STALLED);
            Optional<AccountSession> provenNow = stalled ? Optional.empty() : proveNow(found, accountName);
            if (provenNow.isPresent()) {
                return new Resolution(provenNow.get(), null);
            }
            String detail = status == null ? "" : readyMessage(status);
            return blocked(
                    stalled
                            ? Progress.stalled(
                                    "AccountNotReady", "AwsAccount " + accountName + " is not ready: " + detail)
                            : Progress.reconciling(
                                    "WaitingForAccount", "Waiting for AwsAccount " + accountName + " to be verified"));
        }
        Optional<AwsCredentialsProvider> verifiedProvider = credentials.current(accountName);
        AwsCredentialsProvider provider;
        if (verifiedProvider.isPresent()) {
            provider = verifiedProvider.get();
        } else {
            // after an operator restart, before the AwsAccount controller has run again: read the settings once
            try {
                provider = credentials.providerFor(accountName, settings.of(found));
            } catch (AwsAccountSettings.SettingsException e) {
                return blocked(
                        Progress.stalled("AccountNotReady", "AwsAccount " + accountName + ": " + e.getMessage()));
            }
        }
        return new Resolution(
                new AccountSession(accountName, spec.accountId(), settings.regionOf(found), provider), null);
    }

    /**
     * Proves the account the way its controller does, GetCallerIdentity naming the declared account (one call shared
     * with the controller: {@link AccountCredentials#callerIdentity}), so a resource needn't wait for the
     * controller's status write and the watch event after it. Empty when that fails: the controller says why.
     */
    private Optional<AccountSession> proveNow(AwsAccount account, String accountName) {
        try {
            AssumeRoleSettings assume = settings.of(account);
            GetCallerIdentityResponse identity = credentials.callerIdentity(accountName, assume);
            if (!identity.account().equals(account.getSpec().accountId())) {
                return Optional.empty();
            }
            return Optional.of(new AccountSession(
                    accountName,
                    account.getSpec().accountId(),
                    settings.regionOf(account),
                    credentials.providerFor(accountName, assume)));
        } catch (AwsAccountSettings.SettingsException | SdkException e) {
            return Optional.empty();
        }
    }

    private static String readyMessage(AwsAccountStatus status) {
        var ready = Conditions.find(status.conditions(), ConditionTypes.READY);
        return ready == null ? "" : ready.getMessage();
    }

    private java.util.Map<String, String> namespaceLabels(String namespace) {
        Namespace found = client.namespaces().withName(namespace).get();
        return found == null || found.getMetadata().getLabels() == null
                ? java.util.Map.of()
                : found.getMetadata().getLabels();
    }

    private static Resolution blocked(Progress progress) {
        return new Resolution(null, progress);
    }
}
