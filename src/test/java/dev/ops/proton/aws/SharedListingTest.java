package dev.ops.proton.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.localaws.MutableClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedListingTest {

    private final MutableClock clock = new MutableClock();
    private final SharedListing<String, Integer> listing = new SharedListing<>(Duration.ofSeconds(10), clock);
    private final AtomicInteger lists = new AtomicInteger();

    @Test
    void shouldReuseAListingUntilItAgesCountedFromItsStart() {
        assertThat(listing.get("a", false, lists::incrementAndGet)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(9));
        assertThat(listing.get("a", false, lists::incrementAndGet)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(listing.get("a", false, lists::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void shouldListPerKey() {
        listing.get("a", false, lists::incrementAndGet);
        assertThat(listing.get("b", false, lists::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void shouldListAnewWhenAskedForAFreshListingAndKeepItForTheOthers() {
        listing.get("a", false, lists::incrementAndGet);
        assertThat(listing.get("a", true, lists::incrementAndGet)).isEqualTo(2);
        assertThat(listing.get("a", false, lists::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void shouldShareOneListingInFlightWithEveryCallerOfTheKey() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> listing.get("a", false, () -> {
            started.countDown();
            await(release);
            return lists.incrementAndGet();
        }));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> second =
                CompletableFuture.supplyAsync(() -> listing.get("a", false, lists::incrementAndGet));
        Thread.sleep(100); // the second caller is waiting on the first's listing, not listing itself
        assertThat(second).isNotDone();
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(lists).hasValue(1);
    }

    @Test
    void shouldForgetAFailedListingSoTheNextCallerListsAgain() {
        assertThatThrownBy(() -> listing.get("a", false, () -> {
                    throw new IllegalStateException("throttled");
                }))
                .hasMessage("throttled");
        assertThat(listing.get("a", false, lists::incrementAndGet)).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
