package dev.ops.proton.localaws;

import dev.ops.proton.localaws.faults.FaultPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * How to run the local AWS endpoint.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param faults the faults to inject (changeable later through {@link LocalAws#faults(FaultPlan)})
 * @param rateLimits requests per second per account and service (changeable later)
 * @param stackOperationDelay how long each CloudFormation resource operation stays IN_PROGRESS
 * @param maxBodyBytes larger request bodies are refused
 * @param clock time source for credentials, signatures and timestamps
 */
public record LocalAwsConfig(
        String host,
        int port,
        FaultPlan faults,
        Map<String, Double> rateLimits,
        Duration stackOperationDelay,
        int maxBodyBytes,
        Clock clock) {

    public static final int DEFAULT_PORT = 4566;
    public static final Duration DEFAULT_STACK_DELAY = Duration.ofMillis(50);

    public LocalAwsConfig {
        rateLimits = Map.copyOf(rateLimits);
    }

    /** In-process defaults: loopback, a free port, no faults, short stack delays. */
    public static LocalAwsConfig embedded() {
        return new LocalAwsConfig(
                "127.0.0.1", 0, FaultPlan.NONE, Map.of(), DEFAULT_STACK_DELAY, 2 * 1024 * 1024, Clock.systemUTC());
    }

    public LocalAwsConfig withPort(int newPort) {
        return new LocalAwsConfig(host, newPort, faults, rateLimits, stackOperationDelay, maxBodyBytes, clock);
    }

    public LocalAwsConfig withHost(String newHost) {
        return new LocalAwsConfig(newHost, port, faults, rateLimits, stackOperationDelay, maxBodyBytes, clock);
    }

    public LocalAwsConfig withFaults(FaultPlan newFaults) {
        return new LocalAwsConfig(host, port, newFaults, rateLimits, stackOperationDelay, maxBodyBytes, clock);
    }

    public LocalAwsConfig withRateLimits(Map<String, Double> newLimits) {
        return new LocalAwsConfig(host, port, faults, newLimits, stackOperationDelay, maxBodyBytes, clock);
    }

    public LocalAwsConfig withStackOperationDelay(Duration delay) {
        return new LocalAwsConfig(host, port, faults, rateLimits, delay, maxBodyBytes, clock);
    }

    public LocalAwsConfig withClock(Clock newClock) {
        return new LocalAwsConfig(host, port, faults, rateLimits, stackOperationDelay, maxBodyBytes, newClock);
    }
}
