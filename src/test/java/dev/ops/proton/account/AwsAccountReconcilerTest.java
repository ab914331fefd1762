package dev.ops.proton.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class AwsAccountReconcilerTest {

    static final String TARGET = "222222222222";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @BeforeEach
    void bootstrapTargetAccount() {
        OperatorFixtures.bootstrapAccount(localAws, TARGET, "correct-external-id");
    }

    @Test
    void shouldVerifyAnAccountReachedThroughAnAssumedRoleWithExternalId() {
        OperatorFixtures.externalIdSecret(client, "ext-ok", "correct-external-id");
        apply(account("verified", TARGET, "arn:aws:iam::" + TARGET + ":role/ProtonConnectionOperator", "ext-ok"));

        AwsAccount ready = awaitCondition("verified", ConditionTypes.READY, "True");

        assertThat(ready.getStatus().identityArn())
                .isEqualTo(
                        "arn:aws:sts::" + TARGET + ":assumed-role/ProtonConnectionOperator/proton-connection-operator");
        assertThat(ready.getStatus().observedGeneration())
                .isEqualTo(ready.getMetadata().getGeneration());
    }

    @Test
    void shouldStallWithAccessDeniedOnAWrongExternalIdAndShowNoSecret() {
        OperatorFixtures.externalIdSecret(client, "ext-wrong", "wrong-external-id");
        apply(account("denied", TARGET, "arn:aws:iam::" + TARGET + ":role/ProtonConnectionOperator", "ext-wrong"));

        AwsAccount stalled = awaitCondition("denied", ConditionTypes.STALLED, "True");

        Condition condition = Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED);
        assertThat(condition.getReason()).isEqualTo("AccessDenied");
        assertThat(condition.getMessage())
                .contains("ProtonConnectionOperator", "not authorized")
                .doesNotContain("wrong-external-id");
        assertThat(Conditions.isTrue(stalled.getStatus().conditions(), ConditionTypes.READY))
                .isFalse();
        assertThat(client.v1().events().inAnyNamespace().list().getItems())
                .as("events")
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getMessage()).doesNotContain("wrong-external-id"));
    }

    @Test
    void shouldRetryAStalledAccountOnItsTimerNotInAHotLoop() {
        OperatorFixtures.externalIdSecret(client, "ext-loop", "another-wrong-id");
        apply(account("looping", TARGET, "arn:aws:iam::" + TARGET + ":role/ProtonConnectionOperator", "ext-loop"));
        awaitCondition("looping", ConditionTypes.STALLED, "True");
        long before = assumeRoleDenials();

        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);

        // stalled-recheck is 2s in tests: each stalled account of this class (at most two at once) rechecks about
        // three times in 6s, one AssumeRole each (the SDK does not retry AccessDenied); a hot loop makes hundreds
        assertThat(assumeRoleDenials() - before).isBetween(1L, 15L);
    }

    /** Successful ones only: stalled accounts of other tests keep retrying (and failing) in the background. */
    private long successfulAssumeRoles() {
        return localAws.calls()
                .count(k -> k.account().equals(LocalAwsTestResource.OPERATOR_ACCOUNT)
                        && k.operation().equals("AssumeRole")
                        && k.outcome().equals("ok"));
    }

    private long assumeRoleDenials() {
        return localAws.calls()
                .count(k -> k.service().equals("sts")
                        && k.operation().equals("AssumeRole")
                        && k.outcome().equals("AccessDenied"));
    }

    @Test
    void shouldRecoverOnceTheMissingExternalIdSecretAppears() {
        apply(account("late-secret", TARGET, "arn:aws:iam::" + TARGET + ":role/ProtonConnectionOperator", "ext-late"));
        AwsAccount stalled = awaitCondition("late-secret", ConditionTypes.STALLED, "True");
        assertThat(Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED)
                        .getReason())
                .isEqualTo("ExternalIdSecretNotFound");

        OperatorFixtures.externalIdSecret(client, "ext-late", "correct-external-id");

        awaitCondition("late-secret", ConditionTypes.READY, "True");
    }

    @Test
    void shouldRefuseARoleInAnotherAccountWithoutCallingAws() {
        apply(account(
                "mismatched-role", "333333333333", "arn:aws:iam::" + TARGET + ":role/ProtonConnectionOperator", null));

        AwsAccount stalled = awaitCondition("mismatched-role", ConditionTypes.STALLED, "True");

        assertThat(Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED)
                        .getReason())
                .isEqualTo("RoleInOtherAccount");
        assertThat(localAws.calls()
                        .count(k -> k.service().equals("sts") && k.account().equals("333333333333")))
                .isZero();
    }

    @Test
    void shouldUseTheOperatorsOwnIdentityWithoutAssumeRoleAndCheckTheAccountId() {
        apply(account("own-identity", LocalAwsTestResource.OPERATOR_ACCOUNT, null, null));
        apply(account("other-account", "444444444444", null, null));

        awaitCondition("own-identity", ConditionTypes.READY, "True");
        AwsAccount mismatch = awaitCondition("other-account", ConditionTypes.STALLED, "True");
        assertThat(Conditions.find(mismatch.getStatus().conditions(), ConditionTypes.STALLED)
                        .getMessage())
                .contains("act in account " + LocalAwsTestResource.OPERATOR_ACCOUNT, "444444444444");
    }

    @Test
    void shouldAssumeTheRoleOncePerAccountNotOncePerReconcile() {
        OperatorFixtures.externalIdSecret(client, "ext-cache", "correct-external-id");
        apply(account("cached", TARGET, "arn:aws:iam::" + TARGET + ":role/ProtonConnectionOperator", "ext-cache"));
        awaitCondition("cached", ConditionTypes.READY, "True");
        long assumeRolesAfterReady = successfulAssumeRoles();

        for (int i = 0; i < 3; i++) {
            String namespace = "team-" + i;
            OperatorFixtures.edit(client.resources(AwsAccount.class).withName("cached"), current -> {
                AwsAccountSpec spec = current.getSpec();
                current.setSpec(new AwsAccountSpec(
                        spec.accountId(), spec.region(), spec.assumeRole(), List.of("platform", namespace), null));
                return current;
            });
        }
        long identityCalls = localAws.calls().count(TARGET, "sts", "GetCallerIdentity");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> localAws.calls().count(TARGET, "sts", "GetCallerIdentity") > identityCalls);

        assertThat(successfulAssumeRoles()).isEqualTo(assumeRolesAfterReady);
    }

    private AwsAccount awaitCondition(String name, String type, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            AwsAccount current =
                    client.resources(AwsAccount.class).withName(name).get();
            if (current == null || current.getStatus() == null) {
                return false;
            }
            Condition condition = Conditions.find(current.getStatus().conditions(), type);
            return condition != null && status.equals(condition.getStatus());
        });
        return client.resources(AwsAccount.class).withName(name).get();
    }

    private void apply(AwsAccount account) {
        client.resources(AwsAccount.class).resource(account).create();
    }

    static AwsAccount account(String name, String accountId, String roleArn, String secretName) {
        AwsAccount account = new AwsAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        AssumeRole assumeRole = roleArn == null
                ? null
                : new AssumeRole(
                        roleArn,
                        secretName == null ? null : new ExternalIdSource(new SecretKeyRef(secretName, "externalId")),
                        null);
        account.setSpec(new AwsAccountSpec(accountId, "us-east-1", assumeRole, List.of("platform"), null));
        return account;
    }
}
