package dev.ops.proton.account;

import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.aws.SharedListing;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * One credentials provider per AwsAccount, reused by every resource that names it. Assumed-role credentials are
 * cached by the SDK's {@link StsAssumeRoleCredentialsProvider} and refreshed before they expire, so STS calls grow
 * with the number of accounts, not with the number of resources. The operator's own identity is the SDK default
 * chain (IRSA web identity, EKS Pod Identity, environment, profile).
 */
@ApplicationScoped
public class AccountCredentials {

    private static final Duration PREFETCH = Duration.ofMinutes(5);
    private static final Duration STALE = Duration.ofMinutes(1);
    /** Long enough to span a verification's status write; failures are never reused. */
    private static final Duration IDENTITY_REUSE = Duration.ofSeconds(2);

    private record Entry(String fingerprint, AwsCredentialsProvider provider) {}

    private final AwsClients clients;
    private final AwsCredentialsProvider operatorIdentity =
            DefaultCredentialsProvider.builder().build();
    private final Map<String, Entry> byAccount = new ConcurrentHashMap<>();
    private final SharedListing<String, GetCallerIdentityResponse> identities =
            new SharedListing<>(IDENTITY_REUSE, Clock.systemUTC());

    public AccountCredentials(AwsClients clients) {
        this.clients = clients;
    }

    /** The provider for an AwsAccount; replaced (and the old one closed) when its settings change. */
    public AwsCredentialsProvider providerFor(String accountName, AssumeRoleSettings settings) {
        String fingerprint = settings.fingerprint();
        Entry entry = byAccount.compute(accountName, (name, existing) -> {
            if (existing != null && existing.fingerprint().equals(fingerprint)) {
                return existing;
            }
            if (existing != null) {
                release(existing.provider());
            }
            return new Entry(fingerprint, build(settings));
        });
        return entry.provider();
    }

    /**
     * GetCallerIdentity with the account's credentials: what proves them. One call in flight per account and
     * settings, its answer shared for a moment, so the AwsAccount controller and the resources that can't wait for
     * its status write ({@link AccountResolver}) prove an account with one call between them.
     */
    public GetCallerIdentityResponse callerIdentity(String accountName, AssumeRoleSettings settings) {
        AwsCredentialsProvider provider = providerFor(accountName, settings);
        return identities.get(
                accountName + "|" + settings.fingerprint(),
                false,
                () -> clients.sts(provider, settings.region()).getCallerIdentity());
    }

    /** Forgets an account that was deleted. */
    public void forget(String accountName) {
        Entry removed = byAccount.remove(accountName);
        if (removed != null) {
            release(removed.provider());
        }
    }

    /** The provider the AwsAccount controller last built and verified for the account, if any. */
    public Optional<AwsCredentialsProvider> current(String accountName) {
        return Optional.ofNullable(byAccount.get(accountName)).map(Entry::provider);
    }

    private AwsCredentialsProvider build(AssumeRoleSettings settings) {
        if (!settings.assumesRole()) {
            return operatorIdentity;
        }
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(clients.sts(operatorIdentity, settings.region()))
                .refreshRequest(request -> {
                    request.roleArn(settings.roleArn()).roleSessionName(settings.sessionName());
                    if (settings.externalId() != null) {
                        request.externalId(settings.externalId());
                    }
                })
                .prefetchTime(PREFETCH)
                .staleTime(STALE)
                .asyncCredentialUpdateEnabled(false)
                .build();
    }

    private void release(AwsCredentialsProvider provider) {
        if (provider == operatorIdentity) {
            return;
        }
        clients.forget(provider);
        if (provider instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    @PreDestroy
    void close() {
        byAccount.values().forEach(entry -> release(entry.provider()));
        byAccount.clear();
    }
}
