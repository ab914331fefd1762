package dev.ops.proton.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.config.LeaderElection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class LeaderGaugeTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldReportLeadingWithoutLeaderElection() {
        new LeaderGauge(registry);

        assertThat(exported()).isEqualTo(1.0);
    }

    @Test
    void shouldFollowTheLeaseThroughLeaderElectionCallbacks() {
        LeaderGauge gauge = new LeaderGauge(registry);
        LeaderElection election = new LeaderElection(gauge);

        assertThat(exported()).as("waiting for the Lease").isEqualTo(0.0);
        election.getLeaderCallbacks().orElseThrow().onStartLeading();
        assertThat(exported()).as("holding the Lease").isEqualTo(1.0);
        election.getLeaderCallbacks().orElseThrow().onStopLeading();
        assertThat(exported()).as("lost the Lease").isEqualTo(0.0);
    }

    @Test
    void shouldReplaceAGaugeLeftByAnEarlierInstance() {
        LeaderGauge earlier = new LeaderGauge(registry);
        earlier.stoppedLeading();

        new LeaderGauge(registry);

        assertThat(registry.find(LeaderGauge.NAME).gauges()).hasSize(1);
        assertThat(exported()).isEqualTo(1.0);
    }

    private double exported() {
        return registry.get(LeaderGauge.NAME).gauge().value();
    }
}
