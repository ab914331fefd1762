package dev.ops.proton.aws;

import dev.ops.proton.config.OperatorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds AWS SDK clients and keeps one per (service, account, credentials, region), so connections and credential
 * caches are reused across reconciles. Every client shares one HTTP client, the configured endpoints and the call
 * metrics.
 *
 * <p>Proton and CloudFormation, the services called per resource, go through the client-side rate limit of their
 * (account, service, region) ({@link AccountRateLimits}), and their SDK retries cover 5xx and network errors only:
 * a throttled call is not retried by the SDK, which would spend the account's budget on attempts bound to be
 * throttled again, but surfaced as {@link RateLimited} with the caller's turn, and the reconcile comes back then. STS
 * and IAM keep the SDK's retry mode ({@code proton-operator.aws.retry-mode}) for throttling too and no client-side
 * limit: their calls grow with accounts, not resources (AssumeRole once per credentials refresh, GetCallerIdentity
 * once per account resync; the operator makes no IAM call of its own), and AssumeRole runs inside the credentials
 * provider while another call is being signed, where "come back later" can't be told to a reconcile.
 */
@ApplicationScoped
public class AwsClients {

    private record Key(AwsService service, String accountId, AwsCredentialsProvider credentials, String region) {}

    private static final Set<AwsService> RATE_LIMITED = EnumSet.of(AwsService.PROTON, AwsService.CLOUDFORMATION);

    private final OperatorConfig.Aws config;
    private final AwsCallMetrics metrics;
    private final AccountRateLimits rateLimits;
    private final SdkHttpClient httpClient = UrlConnectionHttpClient.create();
    private final Map<Key, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(OperatorConfig config, AwsCallMetrics metrics) {
        this.config = config.aws();
        this.metrics = metrics;
        this.rateLimits = new AccountRateLimits(ceilings(this.config.rateLimit()), Clock.systemUTC());
    }

    /** The configured ceilings ({@code proton-operator.aws.rate-limit.<service>}), checked. */
    static Map<AwsService, Double> ceilings(Map<String, Double> configured) {
        Map<AwsService, Double> ceilings = new EnumMap<>(AwsService.class);
        configured.forEach((id, perSecond) -> {
            AwsService service = RATE_LIMITED.stream()
                    .filter(s -> s.id().equals(id))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("proton-operator.aws.rate-limit." + id
                            + ": only proton and cloudformation have a client-side rate limit"));
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException(
                        "proton-operator.aws.rate-limit." + id + " must be a positive number of requests per second");
            }
            ceilings.put(service, perSecond);
        });
        return ceilings;
    }

    public StsClient sts(AwsCredentialsProvider credentials, String region) {
        return client(
                AwsService.STS,
                null,
                credentials,
                region,
                () -> configure(
                                StsClient.builder().httpClient(httpClient),
                                AwsService.STS,
                                null,
                                credentials,
                                Region.of(region))
                        .build());
    }

    public IamClient iam(AwsCredentialsProvider credentials) {
        return client(
                AwsService.IAM,
                null,
                credentials,
                "aws-global",
                () -> configure(
                                IamClient.builder().httpClient(httpClient),
                                AwsService.IAM,
                                null,
                                credentials,
                                Region.AWS_GLOBAL)
                        .build());
    }

    /** A CloudFormation client acting in {@code accountId}, paced by that account's CloudFormation rate limit. */
    public CloudFormationClient cloudFormation(String accountId, AwsCredentialsProvider credentials, String region) {
        return client(
                AwsService.CLOUDFORMATION,
                accountId,
                credentials,
                region,
                () -> configure(
                                CloudFormationClient.builder().httpClient(httpClient),
                                AwsService.CLOUDFORMATION,
                                accountId,
                                credentials,
                                Region.of(region))
                        .build());
    }

    /** A Proton client acting in {@code accountId}, paced by that account's Proton rate limit. */
    public ProtonClient proton(String accountId, AwsCredentialsProvider credentials, String region) {
        return client(
                AwsService.PROTON,
                accountId,
                credentials,
                region,
                () -> configure(
                                ProtonClient.builder().httpClient(httpClient),
                                AwsService.PROTON,
                                accountId,
                                credentials,
                                Region.of(region))
                        .build());
    }

    /** Closes and forgets the clients built for credentials that are no longer used. */
    public void forget(AwsCredentialsProvider credentials) {
        clients.entrySet().removeIf(entry -> {
            if (entry.getKey().credentials() == credentials) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient> C client(
            AwsService service,
            String accountId,
            AwsCredentialsProvider credentials,
            String region,
            Supplier<C> build) {
        return (C) clients.computeIfAbsent(new Key(service, accountId, credentials, region), key -> build.get());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, AwsService service, String accountId, AwsCredentialsProvider credentials, Region region) {
        builder.credentialsProvider(credentials).region(region);
        endpointFor(service).ifPresent(builder::endpointOverride);
        ClientOverrideConfiguration.Builder override =
                ClientOverrideConfiguration.builder().apiCallTimeout(config.apiCallTimeout());
        if (RATE_LIMITED.contains(service)) {
            // the limit first: the metrics then count a call held back or throttled as RateLimited
            override.retryStrategy(TransientRetries.strategy(config.maxAttempts()))
                    .addExecutionInterceptor(new RateLimitInterceptor(
                            rateLimits, new AccountRateLimits.Key(accountId, service, region.id())));
        } else {
            override.retryStrategy(retryStrategy());
        }
        builder.overrideConfiguration(override.addExecutionInterceptor(metrics).build());
        return builder;
    }

    private RetryStrategy retryStrategy() {
        RetryMode mode = switch (config.retryMode().toLowerCase(Locale.ROOT)) {
            case "standard" -> RetryMode.STANDARD;
            // The SDK's current adaptive strategy; RetryMode.ADAPTIVE is the legacy one.
            case "adaptive" -> RetryMode.ADAPTIVE_V2;
            default ->
                throw new IllegalArgumentException(
                        "proton-operator.aws.retry-mode must be standard or" + " adaptive, not " + config.retryMode());
        };
        return AwsRetryStrategy.forRetryMode(mode).toBuilder()
                .maxAttempts(config.maxAttempts())
                .build();
    }

    Optional<URI> endpointFor(AwsService service) {
        URI specific = config.serviceEndpointUrls().get(service.id());
        return specific != null ? Optional.of(specific) : config.endpointUrl();
    }

    @PreDestroy
    void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        httpClient.close();
    }
}
