package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.localaws.MutableClock;
import dev.ops.proton.status.ResyncJitter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Connections at rest behind one listing resync together, once a period, whenever each was last reconciled. */
class ResyncWavesTest {

    private static final Duration PERIOD = Duration.ofMinutes(10);
    private static final ConnectionObservation.ListingKey ENV_1 =
            new ConnectionObservation.ListingKey("env-1", "200000000001", "us-east-1");
    private static final ConnectionObservation.ListingKey ENV_2 =
            new ConnectionObservation.ListingKey("env-2", "200000000002", "us-east-1");

    private final MutableClock clock = new MutableClock();

    @ParameterizedTest(name = "{0} after the beat's anchor, jitter {1}: next in {2}")
    @CsvSource({
        // at the anchor: the next beat, one period on
        "PT0S, 0.5, PT10M",
        // before half a period: the beat nearest now is the anchor's, so the next one
        "PT4M, 0.5, PT6M",
        "PT4M59S, 0.5, PT5M1S",
        // from half a period on, the nearest beat is the coming one, so the one after it
        "PT5M, 0.5, PT15M",
        "PT9M, 0.5, PT11M",
        // a wave's members, a little before or after their beat, all go to the next beat
        "PT11M, 0.5, PT9M",
        "PT19M, 0.5, PT11M",
        // the jitter moves the beat by at most a tenth of the period either way
        "PT10M, 0.0, PT9M",
        "PT10M, 0.999999, PT11M",
    })
    void shouldResyncAtTheBeatAfterTheNearestOne(Duration sinceAnchor, double random, Duration expected) {
        ResyncWaves waves = new ResyncWaves(PERIOD, clock, new ResyncJitter(() -> random));
        waves.untilNextResync(ENV_1);
        clock.advance(sinceAnchor);

        assertThat(waves.untilNextResync(ENV_1)).isEqualTo(expected);
    }

    @Test
    void shouldKeepOneBeatPerListing() {
        ResyncWaves waves = new ResyncWaves(PERIOD, clock, new ResyncJitter(() -> 0.5));
        waves.untilNextResync(ENV_1);
        clock.advance(Duration.ofMinutes(3));

        assertThat(waves.untilNextResync(ENV_2)).isEqualTo(PERIOD);
        assertThat(waves.untilNextResync(ENV_1)).isEqualTo(Duration.ofMinutes(7));
    }

    @Test
    void shouldGatherConnectionsReconciledAtScatteredTimesIntoOneWaveAPeriod() {
        ResyncWaves waves = new ResyncWaves(PERIOD, clock, new ResyncJitter(new Random(7)::nextDouble));
        Instant anchor = clock.instant();
        waves.untilNextResync(ENV_1);
        // 500 connections reconciled every 3 s over 25 minutes (a slow sync, or a restart), then at rest for an hour
        PriorityQueue<Look> looks = new PriorityQueue<>(Comparator.comparing(Look::at));
        for (int i = 0; i < 500; i++) {
            looks.add(new Look(i, anchor.plusSeconds(3L * i), 0));
        }
        Instant end = anchor.plus(Duration.ofHours(1));
        Map<Integer, Instant> previous = new HashMap<>();
        while (looks.peek().at().isBefore(end)) {
            Look look = looks.poll();
            clock.advance(Duration.between(clock.instant(), look.at()));
            Instant last = previous.put(look.connection(), look.at());
            if (look.count() >= 1) {
                long sinceAnchor = Duration.between(anchor, look.at()).toMillis();
                long fromNearestBeat = Math.abs(
                        sinceAnchor - Math.round(sinceAnchor / (double) PERIOD.toMillis()) * PERIOD.toMillis());
                assertThat(fromNearestBeat)
                        .as("look %s of %s", look.count(), look.connection())
                        .isLessThanOrEqualTo(PERIOD.toMillis() / 10);
            }
            if (look.count() >= 2) {
                assertThat(Duration.between(last, look.at()))
                        .isBetween(
                                PERIOD.multipliedBy(8).dividedBy(10),
                                PERIOD.multipliedBy(12).dividedBy(10));
            } else if (look.count() == 1) {
                assertThat(Duration.between(last, look.at()))
                        .isLessThanOrEqualTo(PERIOD.multipliedBy(16).dividedBy(10));
            }
            looks.add(new Look(look.connection(), look.at().plus(waves.untilNextResync(ENV_1)), look.count() + 1));
        }
    }

    private record Look(int connection, Instant at, int count) {}
}
