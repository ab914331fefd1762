package dev.ops.proton.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Puts one AWS client's requests through the rate limit of its (account, service, region): asks for a turn before
 * each attempt is sent, and tells the limit how each went. A request that must wait is not sent and fails at once
 * with {@link RateLimited} (never slept on); a throttling answer from AWS lowers the rate and books the caller's next
 * turn, which {@link AwsFailures#classify} reads back into the failure's {@code retryAfter}.
 */
final class RateLimitInterceptor implements ExecutionInterceptor {

    /**
     * The failure of a request held back on this thread: the SDK rebuilds an exception thrown in an attempt as a plain
     * {@code SdkClientException} (to add the attempt count), so {@link #modifyException} puts this one back.
     */
    private static final ThreadLocal<RateLimited> HELD_BACK = new ThreadLocal<>();

    private final AccountRateLimits limits;
    private final AccountRateLimits.Key key;

    RateLimitInterceptor(AccountRateLimits limits, AccountRateLimits.Key key) {
        this.limits = limits;
        this.key = key;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        HELD_BACK.remove();
    }

    /** Called before every attempt, retries included (it runs inside the SDK's retry loop). */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        RateLimitCaller caller = RateLimitCaller.current();
        if (caller != null && caller.hadTurn(key)) {
            limits.charge(key);
        } else {
            long wait = limits.permit(key, caller == null ? null : caller.holder());
            if (wait > 0) {
                RateLimited heldBack = new RateLimited(
                        "Waiting " + wait + " ms for a turn in the client-side rate limit of " + key,
                        Duration.ofMillis(wait));
                HELD_BACK.set(heldBack);
                throw heldBack;
            }
            if (caller != null) {
                caller.hadTurnAt(key);
            }
        }
        // kept on the caller, not in an ExecutionAttribute: the SDK allows one attribute per name per JVM, and
        // Quarkus's restarts load this class again
        if (caller != null) {
            caller.sent(limits.now());
        }
    }

    /** Called after every attempt that got an answer, retries included. */
    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        if (context.httpResponse().statusCode() >= 500) {
            limits.refund(key);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        limits.succeeded(key);
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        RateLimited heldBack = HELD_BACK.get();
        if (heldBack != null) {
            HELD_BACK.remove();
            return heldBack;
        }
        if (!(failure instanceof AwsServiceException aws)) {
            // no answer (a network failure, a timeout): AWS may never have seen it
            limits.refund(key);
            return failure;
        }
        if (!aws.isThrottlingException()) {
            if (aws.statusCode() < 500) {
                // refused on its merits: it passed AWS's rate limit
                limits.succeeded(key);
            }
            return failure;
        }
        RateLimitCaller caller = RateLimitCaller.current();
        long wait = limits.throttled(
                key, caller == null ? null : caller.holder(), caller == null ? limits.now() : caller.lastSent());
        // the SDK insists on the exception's own class here, so the turn travels on the caller to AwsFailures
        if (caller != null) {
            caller.assignTurnIn(Duration.ofMillis(wait));
        }
        return failure;
    }
}
