package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.localaws.faults.FaultPlan;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Failures the local AWS endpoint produces before any CloudFormation logic runs (authentication, injected
 * throttling and 5xx), read by the real SDK and leaving the gateway as classified {@link AwsFailure}s.
 */
class StackGatewayFailureTest {

    static LocalAws localAws;

    @BeforeAll
    static void start() {
        localAws = LocalAws.startEmbedded();
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    @AfterEach
    void endFaults() {
        localAws.faults(FaultPlan.NONE);
    }

    @Test
    void shouldReportRefusedCredentialsAsCredentialsFailure() {
        StackGateway gateway = new StackGateway(
                LocalAwsClients.withCredentials(localAws, AwsSessionCredentials.create("ASIAFORGED", "secret", "token"))
                        .withoutRetries()
                        .cloudFormation());

        assertThatThrownBy(() -> gateway.observe("roles")).isInstanceOfSatisfying(AwsFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(AwsFailure.Kind.CREDENTIALS);
            assertThat(failure.operation()).isEqualTo("DescribeStacks");
            assertThat(failure.errorCode()).isEqualTo("InvalidClientTokenId");
        });
    }

    @Test
    void shouldReportThrottlingAsRetryable() {
        localAws.faults(new FaultPlan(1.0, 0, 0, 0, Set.of("cloudformation")));
        StackGateway gateway = gateway();

        assertThatThrownBy(() -> gateway.deleteStack("roles")).isInstanceOfSatisfying(AwsFailure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(AwsFailure.Kind.THROTTLED);
            assertThat(failure.isRetryable()).isTrue();
        });
    }

    @Test
    void shouldReportInternalErrorsAsTransient() {
        localAws.faults(new FaultPlan(0, 1.0, 0, 0, Set.of("cloudformation")));
        StackGateway gateway = gateway();

        assertThatThrownBy(() -> gateway.recentFailureEvents("roles", 5))
                .isInstanceOfSatisfying(AwsFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(AwsFailure.Kind.TRANSIENT);
                    assertThat(failure.operation()).isEqualTo("DescribeStackEvents");
                });
    }

    private static StackGateway gateway() {
        return new StackGateway(
                LocalAwsClients.root(localAws, "222222222222").withoutRetries().cloudFormation());
    }
}
