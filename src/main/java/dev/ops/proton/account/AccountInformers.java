package dev.ops.proton.account;

import dev.ops.proton.config.OperatorConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;

/**
 * How a namespaced kind's controller watches the AwsAccounts its resources name. AwsAccounts are cluster-scoped, so
 * the informer is cluster-wide whatever namespaces the controller itself watches (an informer inheriting
 * WATCH_NAMESPACES would look for AwsAccounts inside those namespaces and find none); and it sees only the accounts
 * this installation's {@code proton-operator.account-selector} picks, the same ones the AwsAccount controller
 * verifies. The AwsAccount controller's own informer is scoped the same way at registration ({@link #scope}): a
 * {@code quarkus.operator-sdk.controllers.awsaccount.namespaces} of all namespaces would not do, since the Quarkus
 * extension lets the global WATCH_NAMESPACES win over a per-controller value equal to its default.
 */
public final class AccountInformers {

    private AccountInformers() {}

    /** Scopes the AwsAccount controller: cluster-wide, the selected accounts only. */
    public static void scope(ControllerConfigurationOverrider<AwsAccount> controller, OperatorConfig config) {
        controller.watchingAllNamespaces();
        config.accountSelector().ifPresent(controller::withLabelSelector);
    }

    /** The AwsAccount informer configuration for resources of {@code dependentType}; add the mappers and build. */
    public static <P extends HasMetadata> InformerEventSourceConfiguration.Builder<AwsAccount> forDependents(
            Class<P> dependentType, OperatorConfig config) {
        var builder = InformerEventSourceConfiguration.from(AwsAccount.class, dependentType)
                .withWatchAllNamespaces();
        config.accountSelector().ifPresent(builder::withLabelSelector);
        return builder;
    }
}
