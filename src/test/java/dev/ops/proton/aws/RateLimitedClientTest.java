package dev.ops.proton.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.faults.FaultPlan;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;

/**
 * The operator's Proton client, built by {@link AwsClients}, against the local AWS endpoint through the real SDK: a
 * request the rate limit holds back is never sent ({@link RateLimited}), a throttled one is never retried by the SDK,
 * and both come back at once with the caller's turn; 5xx answers are still retried within the call.
 */
class RateLimitedClientTest {

    private static final String ACCOUNT = "262626262626";

    private final LocalAws localAws = LocalAws.startEmbedded();
    private AwsClients clients;

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        localAws.close();
    }

    @Test
    void shouldHoldBackARequestBeyondTheCeilingWithoutSendingIt() {
        ProtonClient proton = proton(Map.of("proton", 1.0));
        try (var first = RateLimitCaller.enter("first")) {
            list(proton);
        }

        RateLimited limited;
        try (var second = RateLimitCaller.enter("second")) {
            limited = catchThrowableOfType(RateLimited.class, () -> list(proton));
        }

        assertThat(limited.retryAfter()).isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertThat(localAws.calls().total("proton")).as("requests AWS received").isEqualTo(1);
    }

    @Test
    void shouldEndAThrottledCallAtOnceWithTheCallersTurnInsteadOfRetryingIt() {
        ProtonClient proton = proton(Map.of());
        localAws.rateLimits(Map.of("proton", 1.0));
        try (var first = RateLimitCaller.enter("first")) {
            list(proton);
        }

        AwsFailure throttled;
        try (var second = RateLimitCaller.enter("second")) {
            throttled = AwsFailures.classify(
                    "ListEnvironmentAccountConnections",
                    catchThrowableOfType(AwsServiceException.class, () -> list(proton)));
        }

        assertThat(throttled.kind()).isEqualTo(AwsFailure.Kind.THROTTLED);
        assertThat(throttled.errorCode()).isEqualTo("ThrottlingException");
        assertThat(throttled.retryAfter())
                .hasValueSatisfying(turn -> assertThat(turn).isPositive());
        assertThat(localAws.calls().count(k -> k.outcome().equals("ThrottlingException")))
                .as("throttled requests: one, not retried by the SDK")
                .isEqualTo(1);
    }

    @Test
    void shouldStillRetryServerErrorsWithinTheCall() {
        ProtonClient proton = proton(Map.of());
        localAws.faults(FaultPlan.parse("error=1.0,services=proton"));

        try (var caller = RateLimitCaller.enter("caller")) {
            catchThrowableOfType(AwsServiceException.class, () -> list(proton));
        }

        assertThat(localAws.calls().total("proton")).as("attempts of one call").isEqualTo(3);
    }

    private static void list(ProtonClient proton) {
        proton.listEnvironmentAccountConnections(
                r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT));
    }

    private ProtonClient proton(Map<String, Double> ceilings) {
        clients = new AwsClients(config(localAws.endpoint(), ceilings), new AwsCallMetrics(new SimpleMeterRegistry()));
        return clients.proton(
                ACCOUNT, StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "test")), "us-east-1");
    }

    private static OperatorConfig config(URI endpoint, Map<String, Double> ceilings) {
        OperatorConfig.Aws aws = new OperatorConfig.Aws() {
            @Override
            public Optional<URI> endpointUrl() {
                return Optional.of(endpoint);
            }

            @Override
            public Map<String, URI> serviceEndpointUrls() {
                return Map.of();
            }

            @Override
            public Map<String, Double> rateLimit() {
                return ceilings;
            }

            @Override
            public String retryMode() {
                return "standard";
            }

            @Override
            public int maxAttempts() {
                return 3;
            }

            @Override
            public Duration apiCallTimeout() {
                return Duration.ofSeconds(30);
            }
        };
        return new OperatorConfig() {
            @Override
            public Duration resyncPeriod() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration stalledRecheck() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public String defaultRegion() {
                return "us-east-1";
            }

            @Override
            public String operatorNamespace() {
                return "proton-operator";
            }

            @Override
            public Optional<String> accountSelector() {
                return Optional.empty();
            }

            @Override
            public Aws aws() {
                return aws;
            }
        };
    }
}
