package dev.ops.proton.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.localaws.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One limit per (account, service, region), each capped by its service's ceiling, and forgotten when idle. */
class AccountRateLimitsTest {

    private final MutableClock clock = new MutableClock();
    private final AccountRateLimits limits = new AccountRateLimits(Map.of(AwsService.PROTON, 2.0), clock);

    private static final AccountRateLimits.Key MANAGEMENT_PROTON =
            new AccountRateLimits.Key("111111111111", AwsService.PROTON, "us-east-1");

    @ParameterizedTest(name = "{0} {1} {2}: a separate limit from the management account's Proton")
    @CsvSource({
        "222222222222, PROTON, us-east-1",
        "111111111111, CLOUDFORMATION, us-east-1",
        "111111111111, PROTON, eu-west-1",
    })
    void shouldMeterEachAccountServiceAndRegionApart(String account, AwsService service, String region) {
        limits.permit(MANAGEMENT_PROTON, "a");
        limits.permit(MANAGEMENT_PROTON, "b");
        assertThat(limits.permit(MANAGEMENT_PROTON, "c"))
                .as("the ceiling of 2/s is spent")
                .isPositive();

        assertThat(limits.permit(new AccountRateLimits.Key(account, service, region), "c"))
                .isZero();
    }

    @Test
    void shouldForgetALimitNobodyUsedForTwoMinutes() {
        limits.permit(MANAGEMENT_PROTON, "a");
        limits.permit(new AccountRateLimits.Key("222222222222", AwsService.PROTON, "us-east-1"), "a");
        assertThat(limits.size()).isEqualTo(2);

        clock.advance(AccountRateLimits.IDLE.plusSeconds(1));
        limits.permit(MANAGEMENT_PROTON, "b");

        assertThat(limits.size()).as("only the limit just used").isEqualTo(1);
    }

    @Test
    void shouldKeepAnIdleLimitWhileTurnsItGaveOutLieAhead() {
        AccountRateLimits slow = new AccountRateLimits(Map.of(AwsService.PROTON, 0.5), clock);
        for (int i = 0; i < 100; i++) {
            slow.permit(MANAGEMENT_PROTON, "caller-" + i);
        }
        AccountRateLimits.Key other = new AccountRateLimits.Key("222222222222", AwsService.PROTON, "us-east-1");

        // nobody called the management account for longer than IDLE, but its last turn (about 200 s) is still ahead
        clock.advance(AccountRateLimits.IDLE.plusSeconds(5));
        slow.permit(other, "x");
        assertThat(slow.size()).isEqualTo(2);

        // once every turn is past and unclaimed beyond its grace, it goes
        clock.advance(Duration.ofSeconds(120));
        slow.permit(other, "y");
        assertThat(slow.size()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}={1}: refused")
    @CsvSource({"sts, 5", "iam, 5", "proton, 0", "cloudformation, -1", "s3, 5"})
    void shouldRefuseACeilingForAServiceWithoutALimitOrNotPositive(String service, double perSecond) {
        assertThatThrownBy(() -> AwsClients.ceilings(Map.of(service, perSecond)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("proton-operator.aws.rate-limit." + service);
    }

    @Test
    void shouldReadTheCeilingsOfProtonAndCloudFormation() {
        assertThat(AwsClients.ceilings(Map.of("proton", 20.0, "cloudformation", 5.0)))
                .containsExactlyInAnyOrderEntriesOf(Map.of(AwsService.PROTON, 20.0, AwsService.CLOUDFORMATION, 5.0));
    }
}
