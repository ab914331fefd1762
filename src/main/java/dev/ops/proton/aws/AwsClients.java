package dev.ops.proton.aws;

import dev.ops.proton.config.OperatorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * Builds AWS SDK clients and keeps one per (service, credentials, region), so connections and credential caches
 * are reused across reconciles. Every client shares one HTTP client, the configured endpoints, the SDK's retry
 * strategy for throttling and 5xx, and the call metrics.
 */
@ApplicationScoped
public class AwsClients {

    private record Key(AwsService service, AwsCredentialsProvider credentials, String region) {}

    private final OperatorConfig.Aws config;
    private final AwsCallMetrics metrics;
    private final SdkHttpClient httpClient = UrlConnectionHttpClient.create();
    private final Map<Key, SdkClient> clients = new ConcurrentHashMap<>();

    public AwsClients(OperatorConfig config, AwsCallMetrics metrics) {
        this.config = config.aws();
        this.metrics = metrics;
    }

    public StsClient sts(AwsCredentialsProvider credentials, String region) {
        return client(
                AwsService.STS,
                credentials,
                region,
                () -> configure(
                                StsClient.builder().httpClient(httpClient),
                                AwsService.STS,
                                credentials,
                                Region.of(region))
                        .build());
    }

    public IamClient iam(AwsCredentialsProvider credentials) {
        return client(
                AwsService.IAM,
                credentials,
                "aws-global",
                () -> configure(
                                IamClient.builder().httpClient(httpClient),
                                AwsService.IAM,
                                credentials,
                                Region.AWS_GLOBAL)
                        .build());
    }

    public CloudFormationClient cloudFormation(AwsCredentialsProvider credentials, String region) {
        return client(
                AwsService.CLOUDFORMATION,
                credentials,
                region,
                () -> configure(
                                CloudFormationClient.builder().httpClient(httpClient),
                                AwsService.CLOUDFORMATION,
                                credentials,
                                Region.of(region))
                        .build());
    }

    public ProtonClient proton(AwsCredentialsProvider credentials, String region) {
        return client(
                AwsService.PROTON,
                credentials,
                region,
                () -> configure(
                                ProtonClient.builder().httpClient(httpClient),
                                AwsService.PROTON,
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
            AwsService service, AwsCredentialsProvider credentials, String region, Supplier<C> build) {
        return (C) clients.computeIfAbsent(new Key(service, credentials, region), key -> build.get());
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(
            B builder, AwsService service, AwsCredentialsProvider credentials, Region region) {
        builder.credentialsProvider(credentials).region(region);
        endpointFor(service).ifPresent(builder::endpointOverride);
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy())
                .apiCallTimeout(config.apiCallTimeout())
                .addExecutionInterceptor(metrics)
                .build());
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
