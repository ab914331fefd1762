package dev.ops.proton.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountDependentsTest {

    private static final List<Condition> READY = List.of(condition("True"));
    private static final List<Condition> NOT_READY = List.of(condition("False"));

    @Test
    void shouldWakeEveryDependentWhenTheAccountSpecChangedAndIsNotYetVerified() {
        assertThat(AccountDependents.wakes(account(3L, 2L), READY)).isTrue();
        assertThat(AccountDependents.wakes(account(1L, null), READY)).isTrue();
    }

    @Test
    void shouldWakeOnlyDependentsThatAreNotReadyWhenTheAccountStatusChanged() {
        assertThat(AccountDependents.wakes(account(3L, 3L), READY)).isFalse();
        assertThat(AccountDependents.wakes(account(3L, 3L), NOT_READY)).isTrue();
        assertThat(AccountDependents.wakes(account(3L, 3L), null)).isTrue();
    }

    private static AwsAccount account(Long generation, Long observedGeneration) {
        AwsAccount account = new AwsAccount();
        account.setMetadata(new ObjectMetaBuilder()
                .withName("prod")
                .withGeneration(generation)
                .build());
        if (observedGeneration != null) {
            account.setStatus(new AwsAccountStatus(observedGeneration, "222222222222", null, null, READY));
        }
        return account;
    }

    private static Condition condition(String status) {
        return new ConditionBuilder().withType("Ready").withStatus(status).build();
    }
}
