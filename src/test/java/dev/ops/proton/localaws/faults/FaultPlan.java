package dev.ops.proton.localaws.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Faults injected into requests, each a per-request probability, parsed from {@code LOCAL_AWS_FAULTS}, e.g.
 * {@code throttle=0.2,error=0.05,lost-response=0.05,latency-ms=20}. {@code services=proton+cloudformation}
 * restricts the faults to some services and {@code operations=CreateStack+AcceptEnvironmentAccountConnection} to
 * some operations (default: all).
 *
 * @param throttle probability of answering with the service's throttling error (before any change)
 * @param error probability of answering with a 500 internal error (before any change)
 * @param lostResponse probability of applying the change, then dropping the connection unanswered
 * @param deny probability of answering AccessDenied, as AWS does when the caller's policies lack the action
 *     (the endpoint does not evaluate permission policies otherwise)
 * @param latencyMillis added to every affected request
 * @param services signing names the faults apply to; empty means every service
 * @param operations operation names the faults apply to; empty means every operation
 */
public record FaultPlan(
        double throttle,
        double error,
        double lostResponse,
        double deny,
        long latencyMillis,
        Set<String> services,
        Set<String> operations) {

    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, 0, 0, Set.of(), Set.of());

    public FaultPlan(double throttle, double error, double lostResponse, long latencyMillis, Set<String> services) {
        this(throttle, error, lostResponse, 0, latencyMillis, services, Set.of());
    }

    public FaultPlan {
        requireProbability("throttle", throttle);
        requireProbability("error", error);
        requireProbability("lost-response", lostResponse);
        requireProbability("deny", deny);
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency-ms must not be negative: " + latencyMillis);
        }
        services = Set.copyOf(services);
        operations = Set.copyOf(operations);
    }

    /** The fault to inject into one request. */
    public enum Fault {
        NONE,
        THROTTLE,
        ERROR,
        LOST_RESPONSE,
        DENY
    }

    public static FaultPlan parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        double throttle = 0;
        double error = 0;
        double lost = 0;
        double deny = 0;
        long latency = 0;
        Set<String> services = Set.of();
        Set<String> operations = Set.of();
        for (String entry : spec.split(",")) {
            String[] pair = entry.trim().split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("LOCAL_AWS_FAULTS entry '" + entry + "' is not key=value");
            }
            String value = pair[1].trim();
            try {
                switch (pair[0].trim().toLowerCase(Locale.ROOT)) {
                    case "throttle" -> throttle = Double.parseDouble(value);
                    case "error" -> error = Double.parseDouble(value);
                    case "lost-response" -> lost = Double.parseDouble(value);
                    case "deny" -> deny = Double.parseDouble(value);
                    case "latency-ms" -> latency = Long.parseLong(value);
                    case "services" ->
                        services = Arrays.stream(value.split("\\+"))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .collect(Collectors.toSet());
                    case "operations" ->
                        operations = Arrays.stream(value.split("\\+"))
                                .map(String::trim)
                                .filter(s -> !s.isEmpty())
                                .collect(Collectors.toSet());
                    default ->
                        throw new IllegalArgumentException("unknown LOCAL_AWS_FAULTS key '" + pair[0]
                                + "' (known: throttle, error, lost-response, deny, latency-ms, services, operations)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "LOCAL_AWS_FAULTS value '" + value + "' of '" + pair[0] + "' is not a number");
            }
        }
        return new FaultPlan(throttle, error, lost, deny, latency, services, operations);
    }

    public boolean appliesTo(String service) {
        return services.isEmpty() || services.contains(service);
    }

    /** Draws the fault for one request. */
    public Fault draw(String service, String operation) {
        if (!appliesTo(service) || (!operations.isEmpty() && !operations.contains(operation))) {
            return Fault.NONE;
        }
        double roll = ThreadLocalRandom.current().nextDouble();
        if (roll < throttle) {
            return Fault.THROTTLE;
        }
        if (roll < throttle + error) {
            return Fault.ERROR;
        }
        if (roll < throttle + error + lostResponse) {
            return Fault.LOST_RESPONSE;
        }
        if (roll < throttle + error + lostResponse + deny) {
            return Fault.DENY;
        }
        return Fault.NONE;
    }

    public long latencyFor(String service) {
        return appliesTo(service) ? latencyMillis : 0;
    }

    private static void requireProbability(String name, double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException(name + " must be a probability between 0 and 1: " + p);
        }
    }
}
