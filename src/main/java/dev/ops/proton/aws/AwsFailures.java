package dev.ops.proton.aws;

import dev.ops.proton.aws.AwsFailure.Kind;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Classifies AWS SDK exceptions into {@link AwsFailure} kinds, for every gateway (CloudFormation, Proton, IAM, STS).
 * AWS names one failure differently per protocol (query {@code ExpiredToken}, JSON {@code ExpiredTokenException}),
 * so the codes of both are listed. CloudFormation reports a missing stack as a {@code ValidationError} whose
 * message is "Stack with id NAME does not exist", and a busy stack as a {@code ValidationError} naming its
 * {@code *_IN_PROGRESS} state; both are recognised by message, as the AWS CLI does.
 */
public final class AwsFailures {

    private static final Set<String> CREDENTIAL_CODES = Set.of(
            "ExpiredToken", "ExpiredTokenException",
            "InvalidClientTokenId", "UnrecognizedClientException",
            "SignatureDoesNotMatch", "InvalidSignatureException",
            "IncompleteSignature", "IncompleteSignatureException",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException");
    private static final Set<String> ACCESS_DENIED_CODES =
            Set.of("AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError");
    private static final Set<String> NOT_FOUND_CODES =
            Set.of("ChangeSetNotFound", "StackNotFoundException", "NoSuchEntity", "ResourceNotFoundException");
    private static final Set<String> ALREADY_EXISTS_CODES = Set.of(
            "AlreadyExistsException",
            "EntityAlreadyExists",
            "NameAlreadyExistsException",
            "TokenAlreadyExistsException");
    private static final Set<String> CONFLICT_CODES = Set.of(
            "ConflictException",
            "InvalidChangeSetStatus",
            "OperationInProgressException",
            "StaleRequestException",
            "ConcurrentModification",
            "ConcurrentModificationException");
    private static final String VALIDATION_ERROR = "ValidationError";
    private static final Pattern STACK_DOES_NOT_EXIST = Pattern.compile("Stack (with id \\S+|\\[\\S+]) does not exist");
    private static final Pattern STACK_BUSY = Pattern.compile("is in [A-Z_]+_IN_PROGRESS state");
    /** The AWS SDK's wording when no credentials provider could supply credentials. */
    private static final String NO_CREDENTIALS = "Unable to load credentials";

    private AwsFailures() {}

    /** The failure of {@code operation} (an AWS API name such as {@code CreateStack}) that {@code e} reports. */
    public static AwsFailure classify(String operation, SdkException e) {
        RateLimited limited = rateLimited(e);
        if (limited != null) {
            return AwsFailure.heldBack(operation, limited.getMessage(), limited.retryAfter(), e);
        }
        if (e instanceof AwsServiceException aws
                && aws.awsErrorDetails() != null
                && aws.awsErrorDetails().errorCode() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails().errorMessage();
            Kind kind = kindOf(aws, code, message);
            Duration turn = kind == Kind.THROTTLED ? RateLimitCaller.takeAssignedTurn() : null;
            return new AwsFailure(kind, operation, code, message, turn, e);
        }
        if (e instanceof SdkServiceException service) {
            return new AwsFailure(kindOfStatus(service.statusCode()), operation, null, e.getMessage(), e);
        }
        if (e instanceof SdkClientException
                && e.getMessage() != null
                && e.getMessage().startsWith(NO_CREDENTIALS)) {
            return new AwsFailure(Kind.CREDENTIALS, operation, null, e.getMessage(), e);
        }
        return new AwsFailure(Kind.TRANSIENT, operation, null, e.getMessage(), e);
    }

    private static RateLimited rateLimited(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RateLimited limited) {
                return limited;
            }
        }
        return null;
    }

    private static Kind kindOf(AwsServiceException e, String code, String message) {
        if (e.isThrottlingException()) {
            return Kind.THROTTLED;
        }
        if (CREDENTIAL_CODES.contains(code)) {
            return Kind.CREDENTIALS;
        }
        if (ACCESS_DENIED_CODES.contains(code)) {
            return Kind.ACCESS_DENIED;
        }
        if (NOT_FOUND_CODES.contains(code)) {
            return Kind.NOT_FOUND;
        }
        if (ALREADY_EXISTS_CODES.contains(code)) {
            return Kind.ALREADY_EXISTS;
        }
        if (CONFLICT_CODES.contains(code)) {
            return Kind.CONFLICT;
        }
        if (VALIDATION_ERROR.equals(code)) {
            return validationKind(message);
        }
        if (e.isClockSkewException()) {
            return Kind.TRANSIENT;
        }
        return kindOfStatus(e.statusCode());
    }

    private static Kind validationKind(String message) {
        String text = message == null ? "" : message;
        if (STACK_DOES_NOT_EXIST.matcher(text).find()) {
            return Kind.NOT_FOUND;
        }
        if (STACK_BUSY.matcher(text).find()) {
            return Kind.CONFLICT;
        }
        return Kind.INVALID;
    }

    private static Kind kindOfStatus(int status) {
        if (status >= 500 || status == 0) {
            return Kind.TRANSIENT;
        }
        return switch (status) {
            case 401 -> Kind.CREDENTIALS;
            case 403 -> Kind.ACCESS_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            default -> Kind.INVALID;
        };
    }
}
