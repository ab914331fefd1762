package dev.ops.proton.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The SDK retry strategy of the rate-limited services: it retries what a second attempt can cure at once (a 5xx
 * answer, a network failure) and nothing else. Throttling is left to the rate limit: retrying it within the call
 * would spend the account's budget on attempts bound to be throttled again, and would sleep on a reconcile thread.
 */
final class TransientRetries {

    private TransientRetries() {}

    static RetryStrategy strategy(int maxAttempts) {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .maxAttempts(maxAttempts)
                .retryOnException(TransientRetries::isTransient)
                // else the client adds its own conditions, throttling among them
                .useClientDefaults(false)
                .build();
    }

    static boolean isTransient(Throwable failure) {
        if (failure instanceof RateLimited) {
            return false;
        }
        if (failure instanceof SdkServiceException service) {
            return !service.isThrottlingException() && service.statusCode() >= 500;
        }
        if (failure instanceof SdkClientException) {
            for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                    return true;
                }
            }
        }
        return false;
    }
}
