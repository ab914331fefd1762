package dev.ops.proton.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecOrPauseChangedTest {

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("status written by the operator", (UnaryOperator<ConfigMap>) m -> m, false),
                Arguments.of("spec changed (generation bumped)", generation(3L), true),
                Arguments.of("paused", annotations(Map.of(Pause.ANNOTATION, "true")), true),
                Arguments.of(
                        "reconcile requested",
                        annotations(Map.of(ReconcileRequest.ANNOTATION, "2026-12-03T15:00:00Z")),
                        true),
                Arguments.of("other annotation added", annotations(Map.of("note", "x")), false),
                Arguments.of("finalizer added", finalizers(List.of("f")), true),
                Arguments.of("deletion started", deleting(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void shouldWakeOnSpecPauseFinalizerOrDeletionChangesOnly(
            String what, UnaryOperator<ConfigMap> change, boolean wakes) {
        ConfigMap old = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("x")
                .withGeneration(2L)
                .endMetadata()
                .build();
        ConfigMap updated = change.apply(new ConfigMapBuilder(old).build());

        assertThat(new SpecOrPauseChanged().accept(updated, old)).as(what).isEqualTo(wakes);
        if (what.equals("paused")) {
            assertThat(new SpecOrPauseChanged().accept(old, updated))
                    .as("unpaused")
                    .isTrue();
        }
    }

    private static UnaryOperator<ConfigMap> generation(long generation) {
        return m -> {
            m.getMetadata().setGeneration(generation);
            return m;
        };
    }

    private static UnaryOperator<ConfigMap> annotations(Map<String, String> annotations) {
        return m -> {
            m.getMetadata().setAnnotations(annotations);
            return m;
        };
    }

    private static UnaryOperator<ConfigMap> finalizers(List<String> finalizers) {
        return m -> {
            m.getMetadata().setFinalizers(finalizers);
            return m;
        };
    }

    private static UnaryOperator<ConfigMap> deleting() {
        return m -> {
            m.getMetadata().setDeletionTimestamp("2026-12-03T10:00:00Z");
            return m;
        };
    }
}
