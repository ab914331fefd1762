package dev.ops.proton.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call the operator makes, by service, operation and outcome ({@code ok}, the AWS error code,
 * {@code ClientRateLimited} when the client-side rate limit held it back unsent, or {@code ClientError} when no
 * response arrived), as {@code proton_operator_aws_calls_total}. An SDK execution interceptor sees each logical call
 * once, after the SDK's own retries.
 */
@ApplicationScoped
public class AwsCallMetrics implements ExecutionInterceptor {

    static final String METRIC = "proton.operator.aws.calls";

    private final MeterRegistry registry;

    public AwsCallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "ok");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        String outcome = failure instanceof RateLimited
                ? "ClientRateLimited"
                : failure instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                        ? aws.awsErrorDetails().errorCode()
                        : "ClientError";
        count(attributes, outcome);
    }

    private void count(ExecutionAttributes attributes, String outcome) {
        Counter.builder(METRIC)
                .description("AWS API calls made by the operator")
                .tag("service", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)))
                .tag("operation", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)))
                .tag("outcome", outcome == null ? "unknown" : outcome)
                .register(registry)
                .increment();
    }
}
