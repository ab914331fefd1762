package dev.ops.proton.aws;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed AWS call, reduced to what a reconciler decides on: its {@link Kind}, the operation, and AWS's own error
 * code and message (which a person can act on: "Requires capabilities : [CAPABILITY_NAMED_IAM]"). Gateways throw it
 * instead of SDK exceptions, so reconcilers never look at SDK types. {@link #isRetryable()} failures are meant to be
 * rethrown so the Java Operator SDK's retry backs off; the others make the resource Stalled until its inputs change.
 */
public final class AwsFailure extends RuntimeException {

    /** What kind of failure it is, independent of the service that reported it. */
    public enum Kind {
        /** The identity lacks an IAM permission (or a resource policy refuses it). */
        ACCESS_DENIED(false),
        /** The object named in the call does not exist. */
        NOT_FOUND(false),
        /** The request is wrong as written: validation errors, missing capabilities, quotas. */
        INVALID(false),
        /** An object with that name or token already exists. */
        ALREADY_EXISTS(false),
        /** The object is busy with another operation, or changed under the call; observe again and decide anew. */
        CONFLICT(true),
        /** AWS throttled the call, or the client-side rate limit held it back: {@link #retryAfter()} says when to come back. */
        THROTTLED(true),
        /** A 5xx answer, a timeout or a network failure. */
        TRANSIENT(true),
        /** No credentials could be loaded, or AWS refused them (unknown key, expired token, bad signature). */
        CREDENTIALS(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean isRetryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final String operation;
    private final String errorCode;
    private final String awsMessage;
    private final Duration retryAfter;
    private final boolean heldBack;

    public AwsFailure(Kind kind, String operation, String errorCode, String awsMessage, Throwable cause) {
        this(kind, operation, errorCode, awsMessage, null, cause);
    }

    public AwsFailure(
            Kind kind, String operation, String errorCode, String awsMessage, Duration retryAfter, Throwable cause) {
        this(kind, operation, errorCode, awsMessage, retryAfter, false, cause);
    }

    private AwsFailure(
            Kind kind,
            String operation,
            String errorCode,
            String awsMessage,
            Duration retryAfter,
            boolean heldBack,
            Throwable cause) {
        super(describe(operation, errorCode, awsMessage), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.errorCode = errorCode;
        this.awsMessage = awsMessage == null ? "" : awsMessage;
        this.retryAfter = retryAfter;
        this.heldBack = heldBack;
    }

    /** A call the client-side rate limit held back unsent (AWS never saw it): its turn comes after {@code turn}. */
    public static AwsFailure heldBack(String operation, String message, Duration turn, Throwable cause) {
        return new AwsFailure(Kind.THROTTLED, operation, null, message, turn, true, cause);
    }

    /** Whether the client-side rate limit held the call back unsent, rather than AWS throttling it. */
    public boolean isHeldBack() {
        return heldBack;
    }

    /** When the caller's turn in the account's rate limit comes (throttling only), if known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRetryable() {
        return kind.isRetryable();
    }

    /** The AWS API operation that failed, e.g. {@code CreateStack}. */
    public String operation() {
        return operation;
    }

    /** AWS's error code, e.g. {@code ValidationError}; null when no AWS response arrived. */
    public String errorCode() {
        return errorCode;
    }

    /** AWS's message (or the SDK's, when no response arrived), never null. */
    public String awsMessage() {
        return awsMessage;
    }

    /** The CamelCase condition reason for a failure that stalls a resource. */
    public String conditionReason() {
        return switch (kind) {
            case ACCESS_DENIED -> "AccessDenied";
            case NOT_FOUND -> "NotFound";
            case INVALID -> "InvalidRequest";
            case ALREADY_EXISTS -> "AlreadyExists";
            case CONFLICT -> "Conflict";
            case THROTTLED -> "Throttled";
            case TRANSIENT -> "AwsUnavailable";
            case CREDENTIALS -> "InvalidCredentials";
        };
    }

    private static String describe(String operation, String errorCode, String awsMessage) {
        String text = awsMessage == null || awsMessage.isBlank() ? "no message" : awsMessage;
        return errorCode == null
                ? operation + " failed: " + text
                : operation + " failed: " + text + " (" + errorCode + ")";
    }
}
