package dev.ops.proton.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReconcileRequestTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // annotation value, last handled, observe afresh?, what status then records
                Arguments.of(null, null, false, null),
                Arguments.of(null, "t1", false, "t1"),
                Arguments.of("t1", null, true, "t1"),
                Arguments.of("t1", "t1", false, "t1"),
                Arguments.of("t2", "t1", true, "t2"));
    }

    @ParameterizedTest(name = "requested {0}, handled {1}")
    @MethodSource("table")
    void shouldObserveAfreshOnlyForAValueNotYetHandled(
            String requested, String lastHandled, boolean afresh, String recorded) {
        ConfigMap resource = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("x")
                .withAnnotations(requested == null ? Map.of() : Map.of(ReconcileRequest.ANNOTATION, requested))
                .endMetadata()
                .build();

        assertThat(ReconcileRequest.isNew(resource, lastHandled)).isEqualTo(afresh);
        assertThat(ReconcileRequest.handled(resource, lastHandled)).isEqualTo(recorded);
    }
}
