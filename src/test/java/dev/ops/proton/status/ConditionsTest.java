package dev.ops.proton.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:05:00Z");

    @Test
    void shouldKeepTransitionTimeWhenStatusDoesNotChange() {
        List<Condition> first = at(T0).set(List.of(), "Ready", false, "StackCreating", "creating", 1);
        List<Condition> second = at(T1).set(first, "Ready", false, "StackCreating", "still creating", 2);

        Condition ready = Conditions.find(second, "Ready");
        assertThat(ready.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(ready.getMessage()).isEqualTo("still creating");
        assertThat(ready.getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void shouldMoveTransitionTimeWhenStatusChanges() {
        List<Condition> first = at(T0).set(List.of(), "Ready", false, "StackCreating", "creating", 1);
        List<Condition> second = at(T1).set(first, "Ready", true, "StackReady", "ready", 1);

        assertThat(Conditions.find(second, "Ready").getLastTransitionTime()).isEqualTo("2026-01-01T00:05:00Z");
    }

    @Test
    void shouldWriteKstatusSummaryWithAbnormalConditionsOnlyWhileTrue() {
        Conditions conditions = at(T0);
        List<Condition> reconciling =
                conditions.summarize(List.of(), Progress.reconciling("StackCreating", "creating"), 1);
        assertThat(reconciling).extracting(Condition::getType).containsExactly("Ready", "Reconciling");
        assertThat(Conditions.isTrue(reconciling, "Ready")).isFalse();

        List<Condition> stalled = conditions.summarize(reconciling, Progress.stalled("AccessDenied", "denied"), 1);
        assertThat(stalled).extracting(Condition::getType).containsExactly("Ready", "Stalled");

        List<Condition> ready = conditions.summarize(stalled, Progress.ready("StackReady", "ready"), 1);
        assertThat(ready).extracting(Condition::getType).containsExactly("Ready");
        assertThat(Conditions.isTrue(ready, "Ready")).isTrue();
    }

    @Test
    void shouldProduceEqualListsWhenNothingChanged() {
        Conditions conditions = at(T0);
        List<Condition> once = conditions.summarize(List.of(), Progress.ready("StackReady", "ready"), 3);
        List<Condition> twice = at(T1).summarize(once, Progress.ready("StackReady", "ready"), 3);

        assertThat(twice).isEqualTo(once);
    }

    private static Conditions at(Instant instant) {
        return new Conditions(Clock.fixed(instant, ZoneOffset.UTC));
    }
}
