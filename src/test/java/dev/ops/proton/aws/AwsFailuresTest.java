package dev.ops.proton.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.aws.AwsFailure.Kind;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.proton.model.ProtonException;

class AwsFailuresTest {

    @ParameterizedTest(name = "{0} {1}: {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ValidationError | 400 | Stack with id roles does not exist | NOT_FOUND",
                "ValidationError | 400 | Stack [roles] does not exist | NOT_FOUND",
                "ChangeSetNotFound | 404 | ChangeSet [cs] does not exist | NOT_FOUND",
                "NoSuchEntity | 404 | The role with name r cannot be found. | NOT_FOUND",
                "ValidationError | 400 | Template format error: Unresolved resource dependencies [X] | INVALID",
                "ValidationError | 400 | Stack [roles] cannot be deleted while TerminationProtection is enabled | INVALID",
                "InsufficientCapabilitiesException | 400 | Requires capabilities : [CAPABILITY_NAMED_IAM] | INVALID",
                "LimitExceededException | 400 | Limit on the number of stacks exceeded | INVALID",
                "ValidationError | 400 | Stack:arn:aws:cloudformation:us-east-1:1:stack/roles/1 is in UPDATE_IN_PROGRESS state"
                        + " and can not be updated. | CONFLICT",
                "InvalidChangeSetStatus | 400 | ChangeSet [cs] cannot be executed in its current status | CONFLICT",
                "AlreadyExistsException | 400 | Stack [roles] already exists | ALREADY_EXISTS",
                "TokenAlreadyExistsException | 400 | Token already used | ALREADY_EXISTS",
                "EntityAlreadyExists | 409 | Role with name r already exists. | ALREADY_EXISTS",
                "AccessDenied | 403 | User is not authorized to perform: cloudformation:CreateStack | ACCESS_DENIED",
                "Throttling | 400 | Rate exceeded | THROTTLED",
                "ConcurrentResourcesLimitExceeded | 429 | Too many resources | THROTTLED",
                "ExpiredToken | 403 | The security token included in the request is expired | CREDENTIALS",
                "InvalidClientTokenId | 403 | The security token included in the request is invalid. | CREDENTIALS",
                "SignatureDoesNotMatch | 403 | The request signature we calculated does not match | CREDENTIALS",
                "MissingAuthenticationToken | 403 | Request is missing Authentication Token | CREDENTIALS",
                "InternalFailure | 500 | An internal error occurred. | TRANSIENT",
                "ServiceUnavailable | 503 | Service is unavailable | TRANSIENT",
                "SomethingNew | 400 | A code this operator has never seen | INVALID",
                "SomethingNew | 404 | A code this operator has never seen | NOT_FOUND"
            })
    void shouldClassifyQueryProtocolErrors(String code, int status, String message, Kind kind) {
        AwsFailure failure = AwsFailures.classify("CreateStack", cloudFormation(code, status, message));

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.errorCode()).isEqualTo(code);
        assertThat(failure.awsMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "ThrottlingException, 400, THROTTLED",
        "ExpiredTokenException, 403, CREDENTIALS",
        "UnrecognizedClientException, 403, CREDENTIALS",
        "InvalidSignatureException, 403, CREDENTIALS",
        "AccessDeniedException, 403, ACCESS_DENIED",
        "ResourceNotFoundException, 400, NOT_FOUND",
        "ConflictException, 400, CONFLICT",
        "ValidationException, 400, INVALID",
        "InternalServerException, 500, TRANSIENT"
    })
    void shouldClassifyJsonProtocolErrors(String code, int status, Kind kind) {
        ProtonException exception = (ProtonException) ProtonException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage("message")
                        .serviceName("Proton")
                        .build())
                .statusCode(status)
                .build();

        assertThat(AwsFailures.classify("AcceptEnvironmentAccountConnection", exception)
                        .kind())
                .isEqualTo(kind);
    }

    @Test
    void shouldKeepAwsMessageForAPersonToActOn() {
        InsufficientCapabilitiesException exception =
                (InsufficientCapabilitiesException) InsufficientCapabilitiesException.builder()
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("InsufficientCapabilitiesException")
                                .errorMessage("Requires capabilities : [CAPABILITY_NAMED_IAM]")
                                .build())
                        .statusCode(400)
                        .build();

        AwsFailure failure = AwsFailures.classify("CreateStack", exception);

        assertThat(failure.kind()).isEqualTo(Kind.INVALID);
        assertThat(failure.operation()).isEqualTo("CreateStack");
        assertThat(failure.getMessage())
                .isEqualTo("CreateStack failed: Requires capabilities : [CAPABILITY_NAMED_IAM]"
                        + " (InsufficientCapabilitiesException)");
        assertThat(failure.getCause()).isSameAs(exception);
    }

    @Test
    void shouldReportACallTheRateLimitHeldBackAsThrottledWithItsTurn() {
        AwsFailure failure = AwsFailures.classify(
                "AcceptEnvironmentAccountConnection", new RateLimited("held back", java.time.Duration.ofMillis(250)));

        assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(failure.errorCode()).isNull();
        assertThat(failure.retryAfter()).contains(java.time.Duration.ofMillis(250));
        assertThat(failure.isHeldBack()).isTrue();
    }

    @Test
    void shouldReportAThrottledCallWithAwssCodeAndTheTurnTheRateLimitBookedForItsCaller() {
        ProtonException throttling = (ProtonException) ProtonException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ThrottlingException")
                        .errorMessage("Rate exceeded")
                        .build())
                .build();

        AwsFailure failure;
        try (var caller = RateLimitCaller.enter("connection-uid")) {
            caller.assignTurnIn(java.time.Duration.ofMillis(400));
            failure = AwsFailures.classify("CreateEnvironmentAccountConnection", throttling);
        }
        AwsFailure outsideAReconcile = AwsFailures.classify("CreateEnvironmentAccountConnection", throttling);

        assertThat(failure.kind()).isEqualTo(Kind.THROTTLED);
        assertThat(failure.errorCode()).isEqualTo("ThrottlingException");
        assertThat(failure.retryAfter()).contains(java.time.Duration.ofMillis(400));
        assertThat(failure.isHeldBack()).isFalse();
        assertThat(outsideAReconcile.retryAfter()).isEmpty();
    }

    @Test
    void shouldTreatMissingCredentialsAsCredentialsFailure() {
        SdkClientException exception = SdkClientException.create("Unable to load credentials from any of the providers"
                + " in the chain AwsCredentialsProviderChain(credentialsProviders=[])");

        AwsFailure failure = AwsFailures.classify("DescribeStacks", exception);

        assertThat(failure.kind()).isEqualTo(Kind.CREDENTIALS);
        assertThat(failure.errorCode()).isNull();
        assertThat(failure.getMessage()).startsWith("DescribeStacks failed: Unable to load credentials");
    }

    @Test
    void shouldTreatNetworkFailuresAndTimeoutsAsTransient() {
        SdkClientException refused = SdkClientException.create(
                "Unable to execute HTTP request: Connection refused", new ConnectException("Connection refused"));

        assertThat(AwsFailures.classify("DescribeStacks", refused).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(AwsFailures.classify("DescribeStacks", ApiCallTimeoutException.create(30_000))
                        .kind())
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void shouldClassifyServiceErrorsWithoutErrorDetailsByStatus() {
        SdkServiceException unavailable =
                SdkServiceException.builder().message("busy").statusCode(503).build();
        AwsServiceException forbidden =
                AwsServiceException.builder().message("denied").statusCode(403).build();

        assertThat(AwsFailures.classify("DescribeStacks", unavailable).kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(AwsFailures.classify("DescribeStacks", forbidden).kind()).isEqualTo(Kind.ACCESS_DENIED);
    }

    @Test
    void shouldRetryOnlyThrottlingTransientFailuresAndConflicts() {
        assertThat(Kind.values())
                .filteredOn(Kind::isRetryable)
                .containsExactlyInAnyOrder(Kind.THROTTLED, Kind.TRANSIENT, Kind.CONFLICT);
    }

    private static CloudFormationException cloudFormation(String code, int status, String message) {
        return (CloudFormationException) CloudFormationException.builder()
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode(code)
                        .errorMessage(message)
                        .serviceName("CloudFormation")
                        .build())
                .statusCode(status)
                .build();
    }
}
