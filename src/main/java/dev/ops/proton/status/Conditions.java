package dev.ops.proton.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes conditions the way Kubernetes API conventions ask: one entry per type, {@code lastTransitionTime} moved
 * only when the status really changes, {@code observedGeneration} on each. Returns new lists and never mutates its
 * input, so a caller can compare before and after and skip a status write when nothing changed.
 */
public final class Conditions {

    private final Clock clock;

    public Conditions(Clock clock) {
        this.clock = clock;
    }

    /** Sets one condition, keeping its transition time when the status is unchanged. */
    public List<Condition> set(
            List<Condition> current, String type, boolean status, String reason, String message, long generation) {
        String statusValue = status ? "True" : "False";
        Condition existing = find(current, type);
        String transition =
                existing != null && statusValue.equals(existing.getStatus()) ? existing.getLastTransitionTime() : now();
        Condition updated = new ConditionBuilder()
                .withType(type)
                .withStatus(statusValue)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(transition)
                .build();
        List<Condition> result = new ArrayList<>();
        boolean placed = false;
        for (Condition condition : safe(current)) {
            if (condition.getType().equals(type)) {
                result.add(updated);
                placed = true;
            } else {
                result.add(condition);
            }
        }
        if (!placed) {
            result.add(updated);
        }
        return result;
    }

    /** Removes a condition type (kstatus abnormal-true conditions are absent when false). */
    public List<Condition> remove(List<Condition> current, String type) {
        List<Condition> result = new ArrayList<>(safe(current));
        result.removeIf(c -> c.getType().equals(type));
        return result;
    }

    /** Applies the kstatus summary: Ready always, Reconciling and Stalled only while true. */
    public List<Condition> summarize(List<Condition> current, Progress progress, long generation) {
        List<Condition> result = set(
                current, ConditionTypes.READY, progress.isReady(), progress.reason(), progress.message(), generation);
        result = progress.state() == Progress.State.RECONCILING
                ? set(result, ConditionTypes.RECONCILING, true, progress.reason(), progress.message(), generation)
                : remove(result, ConditionTypes.RECONCILING);
        result = progress.isStalled()
                ? set(result, ConditionTypes.STALLED, true, progress.reason(), progress.message(), generation)
                : remove(result, ConditionTypes.STALLED);
        return result;
    }

    /** The resource's conditions; null while it is absent or has no status yet. */
    public static List<Condition> of(CustomResource<?, ? extends ConditionedStatus> resource) {
        return resource == null || resource.getStatus() == null
                ? null
                : resource.getStatus().conditions();
    }

    public static Condition find(List<Condition> conditions, String type) {
        for (Condition condition : safe(conditions)) {
            if (Objects.equals(condition.getType(), type)) {
                return condition;
            }
        }
        return null;
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        Condition condition = find(conditions, type);
        return condition != null && "True".equals(condition.getStatus());
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    private static List<Condition> safe(List<Condition> conditions) {
        return conditions == null ? List.of() : conditions;
    }
}
