package dev.ops.proton.metrics;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;

/**
 * {@code proton_operator_leader}: 1 while this replica reconciles, 0 while it stands by. Summed over the replicas it
 * must be 1; the "no leader" alert fires when it is 0. Read off JOSDK itself at each scrape: event processing starts
 * when the replica takes the Lease (at once without leader election), so no leader election callback is needed.
 * Created at start-up, so the gauge exists before anything asks for it.
 */
@Startup
@Singleton
public class LeaderGauge {

    static final String NAME = "proton.operator.leader";

    private final Operator operator;

    public LeaderGauge(Operator operator, MeterRegistry registry) {
        this.operator = operator;
        // As in ResourceConditionMetrics: a gauge left in the global registry by an earlier instance is replaced.
        registry.find(NAME).gauges().forEach(registry::remove);
        Gauge.builder(NAME, this, LeaderGauge::value)
                .description("1 while this replica is the one reconciling, 0 while it waits for the Lease")
                .strongReference(true)
                .register(registry);
    }

    /** 1 when every controller processes events (this replica leads), else 0; none registered yet counts as 0. */
    static double leading(Collection<Boolean> eventProcessingByController) {
        return !eventProcessingByController.isEmpty()
                        && eventProcessingByController.stream().allMatch(b -> b)
                ? 1
                : 0;
    }

    @SuppressWarnings("rawtypes")
    private double value() {
        List<Boolean> running = operator.getRegisteredControllers().stream()
                .filter(Controller.class::isInstance)
                .map(registered -> ((Controller) registered).getEventProcessor().isRunning())
                .toList();
        return leading(running);
    }
}
