package dev.ops.proton.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many EnvironmentAccountConnections stand in each Proton state, as {@code proton_operator_connections{state}}:
 * the number a dashboard or an alert on "REJECTED > 0" wants. Created at start-up, so the gauges read 0 rather than
 * being absent until the first connection is reconciled.
 */
@Startup
@ApplicationScoped
public class ConnectionStateMetrics {

    private static final String NAME = "proton.operator.connections";

    private final Map<String, ConnectionState> stateByResource = new ConcurrentHashMap<>();

    public ConnectionStateMetrics(MeterRegistry registry) {
        // Micrometer keeps the first gauge registered under a name and tags, bound to its supplier: after an
        // application restart in the same JVM (dev mode, a test class with other test resources) that would be the
        // previous instance's map. Replace those gauges instead of reusing them.
        registry.find(NAME).gauges().forEach(registry::remove);
        for (ConnectionState state : ConnectionState.values()) {
            Gauge.builder(NAME, () -> count(state))
                    .description("EnvironmentAccountConnections by Proton connection state")
                    .tag("state", state.name())
                    .register(registry);
        }
    }

    /** Records the state a resource's status shows (null: no connection yet). */
    void record(String resourceUid, String state) {
        if (state == null) {
            stateByResource.remove(resourceUid);
        } else {
            stateByResource.put(resourceUid, ConnectionState.valueOf(state));
        }
    }

    void forget(String resourceUid) {
        stateByResource.remove(resourceUid);
    }

    private long count(ConnectionState state) {
        return stateByResource.values().stream().filter(state::equals).count();
    }
}
