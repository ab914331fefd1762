package dev.ops.proton.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.metrics.ConditionCounts.Key;
import dev.ops.proton.status.ConditionedStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConditionCountsTest {

    @Test
    void shouldCountEachConditionOfEachResourceByKindTypeStatusAndReason() {
        Map<Key, Long> counts = ConditionCounts.of(Stream.of(
                account(condition("Ready", "True", "Verified")),
                account(condition("Ready", "False", "AccessDenied"), condition("Stalled", "True", "AccessDenied")),
                account(condition("Ready", "False", "AccessDenied"), condition("Stalled", "True", "AccessDenied")),
                connection(condition("Ready", "False", "Throttled"), condition("Reconciling", "True", "Throttled"))));

        assertThat(counts)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        new Key("AwsAccount", "Ready", "True", "Verified"), 1L,
                        new Key("AwsAccount", "Ready", "False", "AccessDenied"), 2L,
                        new Key("AwsAccount", "Stalled", "True", "AccessDenied"), 2L,
                        new Key("EnvironmentAccountConnection", "Ready", "False", "Throttled"), 1L,
                        new Key("EnvironmentAccountConnection", "Reconciling", "True", "Throttled"), 1L));
    }

    @Test
    void shouldSkipResourcesWithoutStatusAndCountAMissingReasonAsEmpty() {
        Account noStatus = new Account();
        Condition noReason =
                new ConditionBuilder().withType("Ready").withStatus("Unknown").build();

        assertThat(ConditionCounts.of(Stream.of(noStatus, account(noReason))))
                .containsExactlyEntriesOf(Map.of(new Key("AwsAccount", "Ready", "Unknown", ""), 1L));
    }

    private static Condition condition(String type, String status, String reason) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .build();
    }

    private static Account account(Condition... conditions) {
        Account account = new Account();
        account.setStatus(new Status(List.of(conditions)));
        return account;
    }

    private static Connection connection(Condition... conditions) {
        Connection connection = new Connection();
        connection.setStatus(new Status(List.of(conditions)));
        return connection;
    }

    /** Stand-ins for the operator's kinds: only the kind and the conditions matter here. */
    record Status(List<Condition> conditions) implements ConditionedStatus {}

    @Group("proton.ops.dev")
    @Version("v1alpha1")
    @Kind("AwsAccount")
    static class Account extends CustomResource<Void, Status> {}

    @Group("proton.ops.dev")
    @Version("v1alpha1")
    @Kind("EnvironmentAccountConnection")
    static class Connection extends CustomResource<Void, Status> {}
}
