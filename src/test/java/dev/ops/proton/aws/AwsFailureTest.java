package dev.ops.proton.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsFailureTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "400, Throttling, THROTTLED, true",
        "400, ThrottlingException, THROTTLED, true",
        "500, InternalFailure, TRANSIENT, true",
        "503, ServiceUnavailable, TRANSIENT, true",
        "403, AccessDenied, ACCESS_DENIED, false",
        "400, AccessDeniedException, ACCESS_DENIED, false",
        "403, ExpiredToken, CREDENTIALS, false",
        "403, InvalidClientTokenId, CREDENTIALS, false",
        "404, NoSuchEntity, NOT_FOUND, false",
        "400, ResourceNotFoundException, NOT_FOUND, false",
        "400, ConflictException, CONFLICT, false",
        "400, ValidationError, INVALID, false",
        "400, InsufficientCapabilitiesException, INVALID, false",
    })
    void shouldClassifyServiceErrors(int status, String code, AwsFailure.Kind kind, boolean retryable) {
        AwsServiceException exception = AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("details").build()).build();

        AwsFailure failure = AwsFailure.of(exception);

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.isRetryable()).isEqualTo(retryable);
        assertThat(failure.describe()).isEqualTo(code + ": details");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "'Unable to load credentials from any of the providers', CREDENTIALS",
        "'Unable to execute HTTP request: Connection refused', TRANSIENT",
    })
    void shouldClassifyClientErrors(String message, AwsFailure.Kind kind) {
        assertThat(AwsFailure.of(SdkClientException.create(message)).kind()).isEqualTo(kind);
    }
}
