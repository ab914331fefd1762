package dev.ops.proton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitBoundTest {

    @Test
    void shouldBeSetByTheBusiestAccountAfterItsInitialBurst() {
        double bound = RateLimitBound.seconds(Map.of("management", 1000L, "env-1", 500L, "env-2", 500L), 10);

        assertThat(bound).isCloseTo(99.0, within(1e-9));
    }

    @Test
    void shouldBeZeroWithoutARateLimitOrWithinTheBurst() {
        assertThat(RateLimitBound.seconds(Map.of("management", 1000L), 0)).isZero();
        assertThat(RateLimitBound.seconds(Map.of("management", 5L), 10)).isZero();
    }
}
