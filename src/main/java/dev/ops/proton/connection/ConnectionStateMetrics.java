package dev.ops.proton.connection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many EnvironmentAccountConnections stand in each Proton state, as {@code proton_operator_connections{state}}:
 * the number a dashboard or an alert on "REJECTED > 0" wants.
 */
@ApplicationScoped
public class ConnectionStateMetrics {

    private final Map<String, ConnectionState> stateByResource = new ConcurrentHashMap<>();

    public ConnectionStateMetrics(MeterRegistry registry) {
        for (ConnectionState state : ConnectionState.values()) {
            Gauge.builder("proton.operator.connections", () -> count(state))
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
