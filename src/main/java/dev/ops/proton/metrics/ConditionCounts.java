package dev.ops.proton.metrics;

import dev.ops.proton.status.ConditionedStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Counts resources by kind and by each condition they carry (type, status, reason): the figures behind
 * {@code proton_operator_resource_conditions}. Pure, so the counting is tested as a table without an API server.
 */
public final class ConditionCounts {

    /** One series of the gauge. A condition without a reason counts under the empty reason. */
    public record Key(String kind, String condition, String status, String reason) {}

    private ConditionCounts() {}

    public static Map<Key, Long> of(Stream<? extends CustomResource<?, ?>> resources) {
        Map<Key, Long> counts = new TreeMap<>(java.util.Comparator.comparing(Key::toString));
        resources.forEach(resource -> {
            if (resource.getStatus() instanceof ConditionedStatus status && status.conditions() != null) {
                for (Condition condition : status.conditions()) {
                    Key key = new Key(
                            resource.getKind(),
                            condition.getType(),
                            condition.getStatus(),
                            condition.getReason() == null ? "" : condition.getReason());
                    counts.merge(key, 1L, Long::sum);
                }
            }
        });
        return counts;
    }
}
