package dev.ops.proton.localaws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Real AWS SDK v2 clients pointed at a local AWS endpoint, for tests. {@link #root(String)} acts as an account's
 * root (LocalStack's convention: the access key id is the account id).
 */
public final class LocalAwsClients {

    public static final Region REGION = Region.US_EAST_1;

    private final URI endpoint;
    private final AwsCredentials credentials;
    private final Region region;
    private final RetryMode retryMode;
    private final int maxAttempts;

    private LocalAwsClients(URI endpoint, AwsCredentials credentials, Region region, RetryMode retryMode) {
        this(endpoint, credentials, region, retryMode, 0);
    }

    private LocalAwsClients(
            URI endpoint, AwsCredentials credentials, Region region, RetryMode retryMode, int maxAttempts) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.region = region;
        this.retryMode = retryMode;
        this.maxAttempts = maxAttempts;
    }

    /** Clients acting as the root of the given 12-digit account. */
    public static LocalAwsClients root(LocalAws localAws, String accountId) {
        return new LocalAwsClients(
                localAws.endpoint(), AwsBasicCredentials.create(accountId, "test"), REGION, RetryMode.STANDARD);
    }

    /** Clients acting as the root of the given account at an endpoint known by URL (e.g. one in another process). */
    public static LocalAwsClients root(URI endpoint, String accountId) {
        return new LocalAwsClients(endpoint, AwsBasicCredentials.create(accountId, "test"), REGION, RetryMode.STANDARD);
    }

    /** Clients with the given credentials at an endpoint known by URL. */
    public static LocalAwsClients withCredentials(URI endpoint, AwsCredentials credentials) {
        return new LocalAwsClients(endpoint, credentials, REGION, RetryMode.STANDARD);
    }

    /** Clients using temporary credentials returned by STS. */
    public static LocalAwsClients session(LocalAws localAws, Credentials sts) {
        return new LocalAwsClients(
                localAws.endpoint(),
                AwsSessionCredentials.create(sts.accessKeyId(), sts.secretAccessKey(), sts.sessionToken()),
                REGION,
                RetryMode.STANDARD);
    }

    /** Clients with arbitrary credentials, e.g. forged ones. */
    public static LocalAwsClients withCredentials(LocalAws localAws, AwsCredentials credentials) {
        return new LocalAwsClients(localAws.endpoint(), credentials, REGION, RetryMode.STANDARD);
    }

    public LocalAwsClients inRegion(Region other) {
        return new LocalAwsClients(endpoint, credentials, other, retryMode, maxAttempts);
    }

    /**
     * The same clients retrying throttling, 5xx and dropped connections up to {@value #PATIENT_ATTEMPTS} times: an
     * admin bootstrapping accounts re-runs a command that failed, so set-up against an endpoint injecting faults
     * (three attempts fail together about once in a hundred calls there) never ends a run before the operator starts.
     */
    public LocalAwsClients patiently() {
        return new LocalAwsClients(endpoint, credentials, region, RetryMode.STANDARD, PATIENT_ATTEMPTS);
    }

    private static final int PATIENT_ATTEMPTS = 10;

    /** The same clients without SDK retries, to observe a single response (throttling, faults). */
    public LocalAwsClients withoutRetries() {
        return new LocalAwsClients(endpoint, credentials, region, null);
    }

    public StsClient sts() {
        return StsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override())
                .build();
    }

    public IamClient iam() {
        return IamClient.builder()
                .endpointOverride(endpoint)
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override())
                .build();
    }

    public CloudFormationClient cloudFormation() {
        return CloudFormationClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override())
                .build();
    }

    public ProtonClient proton() {
        return ProtonClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(override())
                .build();
    }

    private ClientOverrideConfiguration override() {
        ClientOverrideConfiguration.Builder builder = ClientOverrideConfiguration.builder();
        if (retryMode == null) {
            builder.retryStrategy(DefaultRetryStrategy.doNotRetry());
        } else if (maxAttempts > 0) {
            builder.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(maxAttempts)
                    .build());
        } else {
            builder.retryStrategy(retryMode);
        }
        return builder.build();
    }
}
