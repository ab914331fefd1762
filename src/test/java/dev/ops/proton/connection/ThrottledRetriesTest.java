package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.localaws.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottledRetriesTest {

    private static final String MANAGEMENT = "111111111111";
    private static final Duration FALLBACK = Duration.ofSeconds(3);
    private final MutableClock clock = new MutableClock();
    private final ThrottledRetries retries = new ThrottledRetries(clock);

    @Test
    void shouldLetCallsGoAheadWhileNothingIsThrottled() {
        succeed(100);

        assertThat(retries.admit("a", MANAGEMENT)).isZero();
        assertThat(retries.admit("b", MANAGEMENT)).isZero();
    }

    @Test
    void shouldFallBackWhenNothingWentThroughRecently() {
        assertThat(retries.retryAfter("a", MANAGEMENT, FALLBACK)).isEqualTo(FALLBACK);

        retries.succeeded(MANAGEMENT);
        clock.advance(ThrottledRetries.WINDOW.plusMillis(1));
        assertThat(retries.retryAfter("a", MANAGEMENT, FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void shouldGiveThrottledResourcesTurnsAtTheMeasuredPaceWithAMargin() {
        succeed(100); // 20 calls per second over the 5 s window: with a 25% margin, a turn every 40 ms

        assertThat(retries.retryAfter("a", MANAGEMENT, FALLBACK)).isEqualTo(Duration.ofMillis(40));
        assertThat(retries.retryAfter("b", MANAGEMENT, FALLBACK)).isEqualTo(Duration.ofMillis(80));
        assertThat(retries.admit("c", MANAGEMENT)).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void shouldAdmitAResourceOnceItsTurnHasCome() {
        succeed(100);
        retries.retryAfter("a", MANAGEMENT, FALLBACK);

        assertThat(retries.admit("a", MANAGEMENT)).isEqualTo(Duration.ofMillis(40));
        assertThat(retries.retryAfter("a", MANAGEMENT, FALLBACK))
                .as("not admitted yet: the same turn, not a new one")
                .isEqualTo(Duration.ofMillis(40));
        clock.advance(Duration.ofMillis(40));
        assertThat(retries.admit("a", MANAGEMENT)).isZero();
    }

    @Test
    void shouldStopTakingTurnsOnceThrottlingIsNoLongerRecent() {
        succeed(100);
        retries.retryAfter("a", MANAGEMENT, FALLBACK);
        clock.advance(ThrottledRetries.WINDOW.plusMillis(1));
        succeed(1);

        assertThat(retries.admit("b", MANAGEMENT)).isZero();
    }

    @Test
    void shouldKeepAccountsApart() {
        succeed(100);
        retries.retryAfter("a", MANAGEMENT, FALLBACK);

        assertThat(retries.admit("a", "222222222222")).isZero();
        assertThat(retries.retryAfter("b", "222222222222", FALLBACK)).isEqualTo(FALLBACK);
    }

    @Test
    void shouldForgetTheTurnsOfADeletedResource() {
        succeed(100);
        retries.retryAfter("a", MANAGEMENT, FALLBACK);
        retries.forget("a");
        clock.advance(ThrottledRetries.WINDOW.plusMillis(1));

        assertThat(retries.admit("a", MANAGEMENT)).isZero();
    }

    private void succeed(int calls) {
        for (int i = 0; i < calls; i++) {
            retries.succeeded(MANAGEMENT);
        }
    }
}
