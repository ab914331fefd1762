package dev.ops.proton.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.localaws.faults.FaultPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The server's own duties: acting as the account of the access key, faults, rate limits. Hostile and malformed
 * requests (authentication, routing, bodies, parameter constraints) are the table in {@link HostileRequestTest}.
 */
class LocalAwsServerTest {

    static LocalAws localAws;

    @BeforeAll
    static void start() {
        localAws = LocalAws.startEmbedded();
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    @Test
    void shouldActAsTheAccountNamedByTheAccessKeyId() {
        GetCallerIdentityResponse identity =
                LocalAwsClients.root(localAws, "222222222222").sts().getCallerIdentity();

        assertThat(identity.account()).isEqualTo("222222222222");
        assertThat(identity.arn()).isEqualTo("arn:aws:iam::222222222222:root");
    }

    @Test
    void shouldActAsTheDefaultAccountForOtherLongTermKeys() {
        var clients = LocalAwsClients.withCredentials(localAws, AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

        assertThat(clients.sts().getCallerIdentity().account()).isEqualTo("000000000000");
    }

    @Test
    void shouldThrottleTheWayAwsDoesWhenFaultsAreInjected() {
        var sts =
                LocalAwsClients.root(localAws, "333333333333").withoutRetries().sts();
        localAws.faults(new FaultPlan(1.0, 0, 0, 0, java.util.Set.of("sts")));
        try {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.isThrottlingException()).isTrue();
            });
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
    }

    @Test
    void shouldLetTheSdkRetryThrottlingOnItsOwnUnderARateLimit() {
        var sts = LocalAwsClients.root(localAws, "444444444444").sts();
        localAws.rateLimits(java.util.Map.of("sts", 5.0));
        try {
            for (int i = 0; i < 12; i++) {
                assertThat(sts.getCallerIdentity().account()).isEqualTo("444444444444");
            }
            assertThat(localAws.calls()
                            .count(k -> k.account().equals("444444444444")
                                    && k.outcome().equals("Throttling")))
                    .isPositive();
        } finally {
            localAws.rateLimits(java.util.Map.of());
        }
    }

    @Test
    void shouldApplyTheChangeThenDropTheConnectionForLostResponses() {
        var sts =
                LocalAwsClients.root(localAws, "555555555555").withoutRetries().sts();
        localAws.faults(new FaultPlan(0, 0, 1.0, 0, java.util.Set.of("sts")));
        try {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
            assertThat(localAws.calls()
                            .count(k -> k.account().equals("555555555555")
                                    && k.outcome().equals("LostResponse")))
                    .isEqualTo(1);
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
    }

    @Test
    void shouldAnswerInjectedServerErrorsWith500() {
        var sts =
                LocalAwsClients.root(localAws, "666666666666").withoutRetries().sts();
        localAws.faults(FaultPlan.parse("error=1.0,services=sts"));
        try {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
            });
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
    }
}
