package dev.ops.proton.connection;

import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.AwsFailures;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Makes the Proton calls of one reconcile on either side of the handshake and classifies what fails: throttling (AWS's
 * or the client-side rate limit's) becomes a {@link ThrottledCall} carrying when the resource's turn comes, other
 * retryable failures (outages, conflicts) are rethrown for JOSDK's backoff, the rest become a {@link SideFailure}
 * that stalls the resource naming the side.
 */
final class SideCalls {

    private final HandshakeSides sides;

    SideCalls(HandshakeSides sides) {
        this.sides = sides;
    }

    HandshakeSides sides() {
        return sides;
    }

    <T> T environment(String operation, Supplier<T> call) {
        return call(operation, call, true);
    }

    <T> T management(String operation, Supplier<T> call) {
        return call(operation, call, false);
    }

    private <T> T call(String operation, Supplier<T> call, boolean environmentSide) {
        try {
            return call.get();
        } catch (SdkException e) {
            AwsFailure failure = AwsFailures.classify(operation, e);
            if (failure.kind() == AwsFailure.Kind.THROTTLED) {
                throw new ThrottledCall(failure, environmentSide);
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

    /** A call that must wait for its turn in the account's rate limit ({@link AwsFailure#retryAfter()}). */
    static final class ThrottledCall extends RuntimeException {
        final AwsFailure failure;
        final boolean environmentSide;

        ThrottledCall(AwsFailure failure, boolean environmentSide) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.environmentSide = environmentSide;
        }
    }
}
