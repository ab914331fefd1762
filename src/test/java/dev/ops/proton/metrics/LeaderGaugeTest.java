package dev.ops.proton.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The leader gauge's reading of JOSDK; the exported gauge itself is checked in ResourceConditionMetricsTest. */
class LeaderGaugeTest {

    static List<Arguments> cases() {
        return List.of(
                Arguments.of("every controller processing events: this replica leads", List.of(true, true, true), 1.0),
                Arguments.of("standby: no controller processes events", List.of(false, false, false), 0.0),
                Arguments.of("taking over, one controller not started yet", List.of(true, false, true), 0.0),
                Arguments.of("no controller registered yet", List.of(), 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldLeadOnlyWhenEveryControllerProcessesEvents(String when, List<Boolean> running, double expected) {
        assertThat(LeaderGauge.leading(running)).isEqualTo(expected);
    }
}
