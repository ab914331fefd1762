package dev.ops.proton.localaws;

import dev.ops.proton.localaws.faults.FaultPlan;
import dev.ops.proton.localaws.faults.RateLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local AWS endpoint standalone, in the foreground, until stopped (Ctrl-C or SIGTERM).
 *
 * <p>Environment: {@code LOCAL_AWS_HOST} (default 127.0.0.1), {@code LOCAL_AWS_PORT} (default 4566),
 * {@code LOCAL_AWS_FAULTS}, {@code LOCAL_AWS_RATE_LIMITS}, {@code LOCAL_AWS_STACK_DELAY_MS}.
 */
public final class LocalAwsMain {

    private LocalAwsMain() {}

    public static void main(String[] args) throws InterruptedException {
        LocalAwsConfig config;
        try {
            config = fromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("local AWS endpoint: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalAws localAws = LocalAws.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            localAws.close();
                            stopped.countDown();
                        },
                        "local-aws-shutdown"));
        System.out.println("Local AWS endpoint listening on " + localAws.endpoint()
                + " (STS, IAM, CloudFormation, Proton). Stop with Ctrl-C.");
        System.out.println("  Try: AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=test " + "aws --endpoint-url "
                + localAws.endpoint() + " --region us-east-1 sts get-caller-identity");
        if (config.faults() != FaultPlan.NONE) {
            System.out.println("  Faults: " + config.faults());
        }
        if (!config.rateLimits().isEmpty()) {
            System.out.println("  Rate limits (requests/s per account): " + config.rateLimits());
        }
        stopped.await();
    }

    static LocalAwsConfig fromEnvironment() {
        LocalAwsConfig config = LocalAwsConfig.embedded()
                .withHost(env("LOCAL_AWS_HOST", "127.0.0.1"))
                .withPort(Integer.parseInt(env("LOCAL_AWS_PORT", String.valueOf(LocalAwsConfig.DEFAULT_PORT))))
                .withFaults(FaultPlan.parse(System.getenv("LOCAL_AWS_FAULTS")))
                .withRateLimits(RateLimits.parse(System.getenv("LOCAL_AWS_RATE_LIMITS"), Clock.systemUTC())
                        .limits());
        String delay = System.getenv("LOCAL_AWS_STACK_DELAY_MS");
        if (delay != null && !delay.isBlank()) {
            config = config.withStackOperationDelay(Duration.ofMillis(Long.parseLong(delay.trim())));
        }
        return config;
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }
}
