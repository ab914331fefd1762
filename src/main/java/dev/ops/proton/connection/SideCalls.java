package dev.ops.proton.connection;

import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.AwsFailures;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Makes the Proton calls of one reconcile on either side of the handshake and classifies what fails: throttling
 * becomes a {@link ThrottledCall} (retried in turn with the account's other throttled steps), other retryable
 * failures (outages, conflicts) are rethrown for JOSDK's backoff, the rest become a {@link SideFailure} that stalls
 * the resource naming the side.
 */
final class SideCalls {

    private final ThrottledRetries throttledRetries;
    private final HandshakeSides sides;

    SideCalls(ThrottledRetries throttledRetries, HandshakeSides sides) {
        this.throttledRetries = throttledRetries;
        this.sides = sides;
    }

    HandshakeSides sides() {
        return sides;
    }

    <T> T environment(String operation, Supplier<T> call) {
        return call(sides.environment().accountId(), operation, call, true);
    }

    <T> T management(String operation, Supplier<T> call) {
        return call(sides.managementAccountId(), operation, call, false);
    }

    private <T> T call(String account, String operation, Supplier<T> call, boolean environmentSide) {
        try {
            T result = call.get();
            throttledRetries.succeeded(account);
            return result;
        } catch (SdkException e) {
            AwsFailure failure = AwsFailures.classify(operation, e);
            if (failure.kind() == AwsFailure.Kind.THROTTLED) {
                throw new ThrottledCall(failure, environmentSide, account);
            }
            if (failure.isRetryable()) {
                throw failure;
            }
            throw new SideFailure(failure, environmentSide);
        }
    }

    /** An AWS call failed on one side of the handshake in a way retrying can't fix. */
    static final class SideFailure extends RuntimeException {
        final AwsFailure failure;
        final boolean environmentSide;

        SideFailure(AwsFailure failure, boolean environmentSide) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.environmentSide = environmentSide;
        }
    }

    /** A call AWS throttled, with the account it was made in. */
    static final class ThrottledCall extends RuntimeException {
        final AwsFailure failure;
        final boolean environmentSide;
        final String account;

        ThrottledCall(AwsFailure failure, boolean environmentSide, String account) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.environmentSide = environmentSide;
            this.account = account;
        }
    }
}
