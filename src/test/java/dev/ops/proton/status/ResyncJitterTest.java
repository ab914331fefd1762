package dev.ops.proton.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Resyncs spread over ±10% of the period, with the random source injected. */
class ResyncJitterTest {

    @ParameterizedTest(name = "random {0} over {1}: {2}")
    @CsvSource({
        "0.0, PT10M, PT9M",
        "0.5, PT10M, PT10M",
        "0.75, PT10M, PT10M30S",
        "0.999999, PT10M, PT11M",
        "0.25, PT3S, PT2.85S",
    })
    void shouldMoveTheResyncByAtMostTenPercent(double random, Duration period, Duration expected) {
        assertThat(new ResyncJitter(() -> random).spread(period)).isEqualTo(expected);
    }

    @Test
    void shouldSpreadResourcesCreatedTogetherOverTheWholeWindow() {
        Random seeded = new Random(42);
        ResyncJitter jitter = new ResyncJitter(seeded::nextDouble);
        int[] perPercent = new int[20];

        for (int i = 0; i < 1000; i++) {
            long millis = jitter.spread(Duration.ofMinutes(10)).toMillis();
            assertThat(millis).isBetween(540_000L, 660_000L);
            perPercent[(int) Math.min(19, (millis - 540_000) / 6_000)]++;
        }

        // every 1% slice of the period gets some of them: none resync together
        for (int count : perPercent) {
            assertThat(count).isBetween(20, 80);
        }
    }
}
