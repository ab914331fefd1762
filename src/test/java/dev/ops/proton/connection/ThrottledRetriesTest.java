package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.localaws.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottledRetriesTest {

    private static final Duration FALLBACK = Duration.ofSeconds(3);
    private final MutableClock clock = new MutableClock();
    private final ThrottledRetries retries = new ThrottledRetries(clock);

    @Test
    void shouldFallBackWhenNothingWentThroughRecently() {
        assertThat(retries.retryAfter("111111111111", FALLBACK)).isEqualTo(FALLBACK);

        retries.succeeded("111111111111");
        clock.advance(ThrottledRetries.WINDOW.plusMillis(1));
        assertThat(retries.retryAfter("111111111111", FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void shouldQueueThrottledStepsAtTheMeasuredPaceWithAMargin() {
        for (int i = 0; i < 100; i++) { // 20 calls per second over the 5 s window
            retries.succeeded("111111111111");
        }
        // 20/s with a 25% margin: one slot every 40 ms, each caller behind the previous one
        assertThat(retries.retryAfter("111111111111", FALLBACK)).isEqualTo(Duration.ofMillis(40));
        assertThat(retries.retryAfter("111111111111", FALLBACK)).isEqualTo(Duration.ofMillis(80));
        assertThat(retries.retryAfter("111111111111", FALLBACK)).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void shouldKeepAccountsApart() {
        for (int i = 0; i < 100; i++) {
            retries.succeeded("111111111111");
        }

        assertThat(retries.retryAfter("222222222222", FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void shouldNotQueueBehindSlotsThatHavePassed() {
        for (int i = 0; i < 100; i++) {
            retries.succeeded("111111111111");
        }
        retries.retryAfter("111111111111", FALLBACK);
        clock.advance(Duration.ofSeconds(1));

        assertThat(retries.retryAfter("111111111111", FALLBACK)).isEqualTo(Duration.ofMillis(40));
    }
}
