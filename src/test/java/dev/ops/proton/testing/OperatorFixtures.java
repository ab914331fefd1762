package dev.ops.proton.testing;

import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AssumeRole;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.account.AwsAccountSpec;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Sets accounts up the way docs/installing.md does ({@link AccountBootstrap}): each account's root creates the role
 * the operator assumes, trusting the operator's role, with the shipped policies; an AwsAccount then points at it.
 * Plus editing resources as a person does, and waiting on conditions.
 */
public final class OperatorFixtures {

    public static final String OPERATOR_ROLE = AccountBootstrap.ACCOUNT_ROLE;
    /** Where the operator reads ExternalId Secrets in tests ({@code %test.proton-operator.operator-namespace}). */
    public static final String OPERATOR_NAMESPACE = "proton-operator";

    private OperatorFixtures() {}

    /** Creates the operator's role in the account with the shipped policies (idempotent). */
    public static void bootstrapAccount(LocalAws localAws, String accountId) {
        LocalAwsTestResource.bootstrap(localAws).account(accountId);
    }

    /** The same, with a trust policy that requires the ExternalId. */
    public static void bootstrapAccount(LocalAws localAws, String accountId, String externalId) {
        LocalAwsTestResource.bootstrap(localAws).account(accountId, externalId);
    }

    /** The Secret holding an AwsAccount's ExternalId, in the operator's namespace (the test profile's). */
    public static void externalIdSecret(KubernetesClient client, String name, String externalId) {
        client.secrets()
                .inNamespace(OPERATOR_NAMESPACE)
                .resource(new SecretBuilder()
                        .withMetadata(new ObjectMetaBuilder()
                                .withName(name)
                                .withNamespace(OPERATOR_NAMESPACE)
                                .build())
                        .withStringData(Map.of("externalId", externalId))
                        .build())
                .create();
    }

    /** An AwsAccount assuming the operator role in the account, allowed for the given namespaces. */
    public static AwsAccount awsAccount(String name, String accountId, List<String> namespaces) {
        AwsAccount account = new AwsAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(new AwsAccountSpec(
                accountId,
                "us-east-1",
                new AssumeRole("arn:aws:iam::" + accountId + ":role/" + OPERATOR_ROLE, null, null),
                namespaces,
                null));
        return account;
    }

    /** Bootstraps the account, creates the AwsAccount and waits until it is Ready. */
    public static void readyAccount(
            KubernetesClient client, LocalAws localAws, String name, String accountId, List<String> namespaces) {
        bootstrapAccount(localAws, accountId);
        if (client.resources(AwsAccount.class).withName(name).get() == null) {
            client.resources(AwsAccount.class)
                    .resource(awsAccount(name, accountId, namespaces))
                    .create();
        }
        awaitCondition(
                () -> {
                    AwsAccount current =
                            client.resources(AwsAccount.class).withName(name).get();
                    return Conditions.of(current);
                },
                "Ready",
                "True");
    }

    /**
     * Edits a resource the way a person or Argo CD would: on a conflict with the operator's own status write
     * (HTTP 409), read again and retry.
     */
    public static <T extends HasMetadata> void edit(Resource<T> resource, UnaryOperator<T> change) {
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptionsMatching(e -> e instanceof KubernetesClientException k && k.getCode() == 409)
                .until(() -> {
                    resource.edit(change);
                    return true;
                });
    }

    /** Sets an annotation on a resource, or removes it when {@code value} is null, as {@link #edit} does. */
    public static <T extends HasMetadata> void annotate(Resource<T> resource, String key, String value) {
        edit(resource, current -> {
            Map<String, String> annotations = new HashMap<>(
                    current.getMetadata().getAnnotations() == null
                            ? Map.of()
                            : current.getMetadata().getAnnotations());
            if (value == null) {
                annotations.remove(key);
            } else {
                annotations.put(key, value);
            }
            current.getMetadata().setAnnotations(annotations);
            return current;
        });
    }

    /** Waits until the conditions supplied hold the given type with the given status. */
    public static void awaitCondition(Supplier<List<Condition>> conditions, String type, String status) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Condition condition = Conditions.find(conditions.get(), type);
            return condition != null && status.equals(condition.getStatus());
        });
    }
}
