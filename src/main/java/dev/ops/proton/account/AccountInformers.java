package dev.ops.proton.account;

import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.status.ConditionedStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    private static final String BY_ACCOUNT = "byAccount";

    private AccountInformers() {}

    /** Scopes the AwsAccount controller: cluster-wide, the selected accounts only. */
    public static void scope(ControllerConfigurationOverrider<AwsAccount> controller, OperatorConfig config) {
        controller.watchingAllNamespaces();
        config.accountSelector().ifPresent(controller::withLabelSelector);
    }

    /**
     * The AwsAccount event source of a namespaced kind whose resources name accounts: the kind's cache is indexed by
     * the account names each resource gives, and a change to an account wakes the resources {@link
     * AccountDependents} picks among those naming it.
     */
    public static <P extends CustomResource<?, ? extends ConditionedStatus>>
            InformerEventSource<AwsAccount, P> dependentsSource(
                    Class<P> dependentType,
                    EventSourceContext<P> context,
                    OperatorConfig config,
                    Function<P, Set<String>> accountNames) {
        context.getPrimaryCache().addIndexer(BY_ACCOUNT, dependent -> List.copyOf(accountNames.apply(dependent)));
        var builder = InformerEventSourceConfiguration.from(AwsAccount.class, dependentType)
                .withWatchAllNamespaces()
                .withPrimaryToSecondaryMapper((P dependent) -> accountNames.apply(dependent).stream()
                        .map(ResourceID::new)
                        .collect(Collectors.toSet()))
                .withSecondaryToPrimaryMapper(account -> AccountDependents.toWake(
                        account,
                        context.getPrimaryCache()
                                .byIndex(BY_ACCOUNT, account.getMetadata().getName())));
        config.accountSelector().ifPresent(builder::withLabelSelector);
        return new InformerEventSource<>(builder.build(), context);
    }
}
