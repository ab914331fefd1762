package dev.ops.proton.metrics;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.processing.Controller;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Exports {@code proton_operator_resource_conditions{kind,condition,status,reason}}: how many resources of each kind
 * carry each condition, e.g. {@code condition="Stalled",status="True",reason="AccessDenied"}, for the alerts in
 * deploy/monitoring. Read from the controllers' own informer caches every {@link #REFRESH_SECONDS} seconds: no API
 * call, no watch of its own and no hook in the reconcilers. A standby replica's caches are warm too, so every replica
 * exports the same figures; rules aggregate with {@code max}.
 */
@ApplicationScoped
public class ResourceConditionMetrics {

    static final String NAME = "proton.operator.resource.conditions";
    static final long REFRESH_SECONDS = 15;
    private static final Logger LOG = Logger.getLogger(ResourceConditionMetrics.class);

    private final Operator operator;
    private final MultiGauge gauge;
    private ScheduledExecutorService refresher;

    public ResourceConditionMetrics(Operator operator, MeterRegistry registry) {
        this.operator = operator;
        // Micrometer's global registry outlives an application restart in the same JVM (dev mode, test classes
        // with other test resources) and keeps gauges bound to the previous instance: drop them first.
        registry.find(NAME).gauges().forEach(registry::remove);
        this.gauge = MultiGauge.builder(NAME)
                .description("Resources by kind and by condition type, status and reason")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "resource-condition-metrics");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Recounts from the caches now; series whose count fell to nothing disappear. */
    void refresh() {
        Map<ConditionCounts.Key, Long> counts = ConditionCounts.of(cachedResources());
        List<MultiGauge.Row<?>> rows = counts.entrySet().stream()
                .<MultiGauge.Row<?>>map(entry -> MultiGauge.Row.of(
                        Tags.of(
                                "kind", entry.getKey().kind(),
                                "condition", entry.getKey().condition(),
                                "status", entry.getKey().status(),
                                "reason", entry.getKey().reason()),
                        entry.getValue()))
                .toList();
        gauge.register(rows, true);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // Caches not started yet, or stopping: the next refresh counts again.
            LOG.debugf("resource condition metrics not refreshed: %s", e.toString());
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Stream<? extends CustomResource<?, ?>> cachedResources() {
        Stream<CustomResource<?, ?>> all = Stream.empty();
        for (RegisteredController registered : operator.getRegisteredControllers()) {
            if (registered instanceof Controller controller) {
                Stream<CustomResource<?, ?>> cached = controller
                        .getEventSourceManager()
                        .getControllerEventSource()
                        .list();
                all = Stream.concat(all, cached);
            }
        }
        return all;
    }
}
