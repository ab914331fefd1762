package dev.ops.proton.aws;

import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A call the client-side rate limit held back unsent: it must wait for its turn. Never retried by the SDK: the
 * reconcile ends and is rescheduled after {@link #retryAfter()}, when the caller's turn, kept for it, has come.
 */
public final class RateLimited extends SdkClientException {

    private final Duration retryAfter;

    RateLimited(String message, Duration retryAfter) {
        super(SdkClientException.builder().message(message).writableStackTrace(false));
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
