package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.localaws.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentObservationsTest {

    private static final String UID = "uid-1";
    private final MutableClock clock = new MutableClock();
    private final RecentObservations recent = new RecentObservations(Duration.ofSeconds(5), clock);

    @Test
    void shouldRememberTheIdCreateReturned() {
        recent.requested(UID, "c-1");

        assertThat(recent.requestedId(UID)).contains("c-1");
        assertThat(recent.fresh(UID, 1L)).isEmpty();
    }

    @Test
    void shouldReuseAFreshObservationOfTheSameGenerationUntilItAges() {
        recent.observed(UID, 1L, connection("c-1"));
        clock.advance(Duration.ofSeconds(4));

        assertThat(recent.fresh(UID, 1L)).map(ObservedConnection::id).contains("c-1");
        assertThat(recent.fresh(UID, 1L)).map(ObservedConnection::id).contains("c-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(recent.fresh(UID, 1L)).isEmpty();
    }

    @Test
    void shouldDropTheObservationButKeepTheIdWhenACallFailed() {
        recent.observed(UID, 1L, connection("c-1"));
        recent.invalidate(UID);

        assertThat(recent.fresh(UID, 1L)).isEmpty();
        assertThat(recent.requestedId(UID)).contains("c-1");
    }

    @Test
    void shouldNotReuseAnObservationOfAnotherGenerationOrAnOldOne() {
        recent.observed(UID, 1L, connection("c-1"));
        assertThat(recent.fresh(UID, 2L)).isEmpty();

        recent.observed(UID, 1L, connection("c-1"));
        clock.advance(Duration.ofSeconds(5));
        assertThat(recent.fresh(UID, 1L)).isEmpty();
    }

    @Test
    void shouldForgetEverythingAboutADeletedResource() {
        recent.observed(UID, 1L, connection("c-1"));
        recent.forget(UID);

        assertThat(recent.requestedId(UID)).isEmpty();
        assertThat(recent.fresh(UID, 1L)).isEmpty();
    }

    private static ObservedConnection connection(String id) {
        return new ObservedConnection(
                id, null, ConnectionState.CONNECTED, "env", "222222222222", "111111111111", null, null, null, null);
    }
}
