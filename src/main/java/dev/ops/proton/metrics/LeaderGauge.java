package dev.ops.proton.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code proton_operator_leader}: 1 while this replica reconciles (it holds the Lease, or runs without leader
 * election), 0 while it stands by. Summed over the replicas it must be 1; the "no leader" alert fires when it is 0.
 * Created at start-up, so the gauge exists before anything asks for it.
 */
@Startup
@Singleton
public class LeaderGauge {

    static final String NAME = "proton.operator.leader";

    private final AtomicInteger leading = new AtomicInteger(1);

    public LeaderGauge(MeterRegistry registry) {
        // As in ResourceConditionMetrics: a gauge left in the global registry by an earlier instance is replaced.
        registry.find(NAME).gauges().forEach(registry::remove);
        Gauge.builder(NAME, leading, AtomicInteger::get)
                .description("1 while this replica is the one reconciling, 0 while it waits for the Lease")
                .strongReference(true)
                .register(registry);
    }

    /** Leader election is on: this replica reconciles only once it holds the Lease. */
    public void awaitingLease() {
        leading.set(0);
    }

    public void startedLeading() {
        leading.set(1);
    }

    public void stoppedLeading() {
        leading.set(0);
    }

    int value() {
        return leading.get();
    }
}
