package dev.ops.proton.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.proton.model.ProtonException;

/** What the SDK retries within a Proton or CloudFormation call: 5xx and network failures, never throttling. */
class TransientRetriesTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("500 InternalServerException", aws("InternalServerException", 500), true),
                Arguments.of("503 ServiceUnavailable", aws("ServiceUnavailable", 503), true),
                Arguments.of("connection reset", SdkClientException.create("reset", new IOException("reset")), true),
                Arguments.of("400 ThrottlingException", aws("ThrottlingException", 400), false),
                Arguments.of("400 Throttling (query)", aws("Throttling", 400), false),
                Arguments.of("429", aws("TooManyRequestsException", 429), false),
                Arguments.of("400 ValidationException", aws("ValidationException", 400), false),
                Arguments.of("no credentials", SdkClientException.create("Unable to load credentials"), false),
                Arguments.of("held back by the rate limit", new RateLimited("wait", Duration.ofMillis(5)), false));
    }

    @ParameterizedTest(name = "{0}: retried {2}")
    @MethodSource("failures")
    void shouldRetryOnlyWhatASecondAttemptCanCure(String what, Throwable failure, boolean retried) {
        assertThat(TransientRetries.isTransient(failure)).isEqualTo(retried);
    }

    private static ProtonException aws(String code, int status) {
        return (ProtonException) ProtonException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(code)
                        .build())
                .build();
    }
}
