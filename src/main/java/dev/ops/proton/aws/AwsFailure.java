package dev.ops.proton.aws;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS error reduced to what a reconciler must decide: retry with backoff (throttled, transient), or stall until a
 * person acts (access denied, invalid, credentials), or treat as a fact (not found, conflict). Carries the AWS error
 * code and message, which never contain secrets, for conditions and events.
 */
public record AwsFailure(Kind kind, String code, String message) {

    /** What kind of failure it is. */
    public enum Kind { ACCESS_DENIED, CREDENTIALS, NOT_FOUND, CONFLICT, INVALID, THROTTLED, TRANSIENT }

    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "AuthorizationError");
    private static final Set<String> CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException",
            "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException",
            "MissingAuthenticationToken", "MissingAuthenticationTokenException");
    private static final Set<String> NOT_FOUND = Set.of("NoSuchEntity", "ResourceNotFoundException",
            "ChangeSetNotFound");
    private static final Set<String> CONFLICT = Set.of("ConflictException", "AlreadyExistsException",
            "EntityAlreadyExists");

    public static AwsFailure of(SdkException exception) {
        if (exception instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? "Unknown" : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().errorMessage();
            return new AwsFailure(kindOf(service, code), code, message);
        }
        String message = String.valueOf(exception.getMessage());
        if (exception instanceof SdkClientException && message.contains("Unable to load credentials")) {
            return new AwsFailure(Kind.CREDENTIALS, "NoCredentials",
                    "No AWS credentials found for the operator (IRSA, EKS Pod Identity, environment or profile)");
        }
        return new AwsFailure(Kind.TRANSIENT, "ClientError", message);
    }

    private static Kind kindOf(AwsServiceException service, String code) {
        if (service.isThrottlingException()) {
            return Kind.THROTTLED;
        }
        if (service.statusCode() >= 500) {
            return Kind.TRANSIENT;
        }
        if (ACCESS_DENIED.contains(code)) {
            return Kind.ACCESS_DENIED;
        }
        if (CREDENTIALS.contains(code)) {
            return Kind.CREDENTIALS;
        }
        if (NOT_FOUND.contains(code)) {
            return Kind.NOT_FOUND;
        }
        if (CONFLICT.contains(code)) {
            return Kind.CONFLICT;
        }
        return Kind.INVALID;
    }

    /** Throttling and server or network errors: JOSDK's retry backs off and tries again. */
    public boolean isRetryable() {
        return kind == Kind.THROTTLED || kind == Kind.TRANSIENT;
    }

    /** The condition reason for a failure that needs a person. */
    public String reason() {
        return switch (kind) {
            case ACCESS_DENIED -> "AccessDenied";
            case CREDENTIALS -> "InvalidCredentials";
            case NOT_FOUND -> "NotFound";
            case CONFLICT -> "Conflict";
            case INVALID -> "Invalid";
            case THROTTLED -> "Throttled";
            case TRANSIENT -> "AwsUnavailable";
        };
    }

    /** "code: message", for condition messages and events. */
    public String describe() {
        return code + ": " + message;
    }
}
