package dev.ops.proton.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pace of one rate limit and the turns it keeps, with the time given: no clock, no sleep, no thread. */
class AdaptiveRateTest {

    private static final double NO_CEILING = Double.POSITIVE_INFINITY;

    @ParameterizedTest(name = "ceiling {0}: {1} callers at once, {2} go now")
    @CsvSource({
        // a fresh limit allows one second of its initial (low) rate at once
        "Infinity, 3, 3",
        "Infinity, 4, 4",
        "Infinity, 30, 4",
        // a ceiling below the initial rate caps the burst
        "4, 30, 4",
        "1, 30, 1",
    })
    void shouldLetOneSecondOfRequestsGoAtOnceAndGiveTheRestTurns(double ceiling, int callers, int goNow) {
        AdaptiveRate rate = new AdaptiveRate(ceiling, 0);

        long going = 0;
        for (int i = 0; i < callers; i++) {
            if (rate.permit("caller-" + i, 0) == 0) {
                going++;
            }
        }

        assertThat(going).isEqualTo(goNow);
        assertThat(rate.waiting()).isEqualTo(callers - goNow);
    }

    @Test
    void shouldGiveWaitingCallersTurnsOneIntervalApartInTheOrderTheyCame() {
        AdaptiveRate rate = new AdaptiveRate(NO_CEILING, 0);
        for (int i = 0; i < 4; i++) {
            assertThat(rate.permit("burst-" + i, 0)).isZero();
        }

        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waits.add(rate.permit("late-" + i, 0));
        }

        // 4 requests/s: the bucket refills one token per 250 ms
        assertThat(waits).containsExactly(250L, 500L, 750L, 1000L);
    }

    @Test
    void shouldKeepAWaitingCallersTurnForItSoItNeitherLosesNorDoublesIt() {
        AdaptiveRate rate = new AdaptiveRate(NO_CEILING, 0);
        for (int i = 0; i < 4; i++) {
            rate.permit("burst-" + i, 0);
        }
        long turn = rate.permit("waiter", 0);

        // woken early by something else: the same turn, not a new one further back
        assertThat(rate.permit("waiter", 50)).isEqualTo(turn - 50);
        // many others come meanwhile: they queue behind it
        for (int i = 0; i < 20; i++) {
            assertThat(rate.permit("other-" + i, 60)).isGreaterThan(turn - 60);
        }
        // at its turn it goes, whatever queued behind it
        assertThat(rate.permit("waiter", turn)).isZero();
        assertThat(rate.waiting()).isEqualTo(20);
    }

    @ParameterizedTest(name = "{0} (ceiling {1}, initial rate 4): the rate becomes {2}")
    @CsvSource({
        "first throttle, 10, 2.8",
        "near the floor, 1.2, 1.0",
        "a ceiling below the floor, 0.5, 0.5",
    })
    void shouldLowerTheRateByBetaWhenAwsThrottles(String what, double ceiling, double after) {
        AdaptiveRate rate = new AdaptiveRate(ceiling, 0);

        rate.throttled("caller", 0, 10);

        assertThat(rate.rate()).isCloseTo(after, within(1e-9));
    }

    @Test
    void shouldLowerTheRateOnceForRequestsSentBeforeItWasLoweredAndAtMostOnceASecond() {
        AdaptiveRate rate = new AdaptiveRate(NO_CEILING, 0);

        rate.throttled("a", 0, 10);
        rate.throttled("b", 5, 12);
        rate.throttled("c", 9, 14);
        assertThat(rate.rate()).isCloseTo(2.8, within(1e-9));

        // sent after the decrease, but within its second: still in flight behind the faster requests before it
        rate.throttled("d", 20, 500);
        assertThat(rate.rate()).isCloseTo(2.8, within(1e-9));
    }

    @Test
    void shouldTakeTheLimitMeasuredBetweenTwoThrottlesThenHoldIt() {
        AdaptiveRate rate = new AdaptiveRate(10, 0);
        succeedAtTheRate(rate, 0, 3000);
        rate.throttled(null, 3000, 3000);
        // 70% of the 9 or 10 that went through in the last second of the slow start
        assertThat(rate.rate()).isBetween(6.2, 7.1);
        // AWS then lets 7 requests a second through until it throttles again
        for (int i = 0; i < 14; i++) {
            rate.succeeded(3000 + i * 2000L / 14);
        }

        double before = rate.rate();

        rate.throttled(null, 5000, 5000);

        assertThat(rate.rate()).isCloseTo(AdaptiveRate.MARGIN * Math.min(before, 7), within(0.05));
        double measured = rate.rate();
        succeedAtTheRate(rate, 5000, 5000 + AdaptiveRate.HOLD_MILLIS - 1000);
        assertThat(rate.rate()).as("held").isEqualTo(measured);
        succeedAtTheRate(rate, 5000 + AdaptiveRate.HOLD_MILLIS - 1000, 5000 + AdaptiveRate.HOLD_MILLIS + 10_000);
        assertThat(rate.rate() / measured).as("probing by 2%% a second").isBetween(1.1, 1.3);
    }

    @Test
    void shouldEmptyItsBucketWhenAwsThrottlesSinceAwssIsEmptyToo() {
        AdaptiveRate rate = new AdaptiveRate(NO_CEILING, 0);

        long turn = rate.throttled("throttled", 0, 0);

        assertThat(turn).isPositive();
        assertThat(rate.permit("newcomer", 0))
                .as("no burst left after a throttle")
                .isGreaterThan(turn);
    }

    @Test
    void shouldSpreadTurnsAlreadyGivenOutToTheLowerRate() {
        AdaptiveRate rate = new AdaptiveRate(10, 0);
        for (int i = 0; i < 4; i++) {
            rate.permit("burst-" + i, 0);
        }
        long before = rate.permit("waiter", 0);

        rate.throttled("other", 0, 0);

        // 4 requests/s down to 2.8: the turn 250 ms ahead is now about 357 ms ahead
        assertThat(rate.permit("waiter", 0))
                .isBetween(Math.round(before / AdaptiveRate.BETA), Math.round(before / AdaptiveRate.BETA) + 1);
    }

    @Test
    void shouldDoubleInASecondOfSuccessesBeforeAwsEverThrottled() {
        AdaptiveRate rate = new AdaptiveRate(NO_CEILING, 0);

        succeedAtTheRate(rate, 0, 1000);

        assertThat(rate.rate()).isBetween(7.5, 9.0);
    }

    @Test
    void shouldNeverGrowBeyondTwiceWhatWentThroughInTheLastSecond() {
        AdaptiveRate rate = new AdaptiveRate(NO_CEILING, 0);

        // one success a second for a minute: demand, not the limit, sets the pace
        for (long t = 0; t < 60_000; t += 1000) {
            rate.permit(null, t);
            rate.succeeded(t);
        }

        assertThat(rate.rate()).isLessThan(AdaptiveRate.INITIAL_RATE + 1);
    }

    @Test
    void shouldNeverGrowBeyondTheCeiling() {
        AdaptiveRate rate = new AdaptiveRate(12, 0);

        succeedAtTheRate(rate, 0, 10_000);

        assertThat(rate.rate()).isEqualTo(12.0);
    }

    @Test
    void shouldNotTakeAMeasureFarBelowTheRateForTheLimitSinceCallersMayHaveBeenFewMeanwhile() {
        AdaptiveRate rate = new AdaptiveRate(10, 0);
        succeedAtTheRate(rate, 0, 3000);
        rate.throttled(null, 3000, 3000);
        // two requests in two seconds: a quiet spell, not AWS's rate
        rate.succeeded(3500);
        rate.succeeded(4500);
        double before = rate.rate();

        rate.throttled(null, 5000, 5000);

        assertThat(rate.rate()).isCloseTo(AdaptiveRate.BETA * before, within(1e-9));
    }

    @Test
    void shouldGrowBackAfterADecreaseWithoutAMeasureSoTheNextThrottleMeasures() {
        AdaptiveRate rate = new AdaptiveRate(NO_CEILING, 0);
        succeedAtTheRate(rate, 0, 2000);
        rate.throttled(null, 2000, 2000);
        double lowered = rate.rate();

        succeedAtTheRate(rate, 2000, 4000);

        // 20% a second
        assertThat(rate.rate() / lowered).isBetween(1.3, 1.6);
    }

    @Test
    void shouldTellACallerWhoseTurnIsFarOffToComeBackHalfwayOnceTheRateIsLearnt() {
        AdaptiveRate rate = new AdaptiveRate(1, 0);
        rate.permit("first", 0);
        rate.permit("second", 0);

        long toldThird = rate.permit("third", 0);

        // its turn is 2 s off at 1/s: it comes back after 1 s, and is then told the rest
        assertThat(toldThird).isEqualTo(1000);
        assertThat(rate.permit("third", 1000)).isEqualTo(1000);
        assertThat(rate.permit("third", 2000)).isZero();
    }

    @ParameterizedTest(name = "a turn left {0} ms past, idle after {1} ms: dropped {2}, limit forgotten {3}")
    @CsvSource({
        "0, 120000, false, false",
        "29000, 120000, false, false",
        "31000, 120000, true, false",
        "31000, 30000, true, true",
    })
    void shouldDropUnclaimedTurnsAndForgetAnIdleLimit(long age, long idle, boolean dropped, boolean forgotten) {
        AdaptiveRate rate = new AdaptiveRate(1, 0);
        rate.permit("first", 0);
        long turn = rate.permit("gone", 0);

        boolean idleAndFree = rate.expire(turn + age, idle);

        assertThat(rate.waiting()).isEqualTo(dropped ? 0 : 1);
        assertThat(idleAndFree).isEqualTo(forgotten);
    }

    @Test
    void shouldChargeAFurtherCallOfACallerThatHadItsTurnToThoseBehindIt() {
        AdaptiveRate rate = new AdaptiveRate(1, 0);
        assertThat(rate.permit("caller", 0)).isZero();

        rate.charge(0);

        // its turn is 2 s off (told to come back halfway), not 1 s
        assertThat(rate.permit("next", 0)).isEqualTo(1000);
        assertThat(rate.permit("next", 1000)).isEqualTo(1000);
    }

    @Test
    void shouldGiveBackTheTokenOfARequestAwsFailedSoAnOutageIsPacedByBackoffNotByTheLimit() {
        AdaptiveRate rate = new AdaptiveRate(1, 0);
        assertThat(rate.permit("failed", 0)).isZero();

        rate.refund(10);

        assertThat(rate.permit("retry", 20)).isZero();
        assertThat(rate.permit("next", 20)).isPositive();
    }

    /** Sends at the current rate and succeeds, from {@code from} to {@code to} milliseconds. */
    private static void succeedAtTheRate(AdaptiveRate rate, long from, long to) {
        double t = from;
        while (t < to) {
            long now = (long) t;
            rate.permit(null, now);
            rate.succeeded(now);
            t += 1000.0 / rate.rate();
        }
    }
}
