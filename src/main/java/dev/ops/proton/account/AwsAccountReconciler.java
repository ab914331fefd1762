package dev.ops.proton.account;

import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.AwsFailures;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.EventRecorder;
import dev.ops.proton.status.Progress;
import dev.ops.proton.status.ReconcileRequest;
import dev.ops.proton.status.ResyncJitter;
import dev.ops.proton.status.SpecOrPauseChanged;
import dev.ops.proton.status.StatusPatches;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurableReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Proves that the operator can act in an AwsAccount's account: assumes the role (if any) with the ExternalId from
 * its Secret, and checks with GetCallerIdentity that the credentials really are the declared account.
 *
 * <p>Conditions: Ready (Verified), InUse (while deleted but still used: it keeps its finalizer until the last
 * ConnectionRoles or EnvironmentAccountConnection naming it is gone), Reconciling (Throttled), Stalled (InvalidNamespaceSelector, RoleInOtherAccount, ExternalIdSecretNotFound,
 * InvalidExternalId, AccessDenied, InvalidCredentials, AccountMismatch). Missing or wrong credentials are conditions, never a crash loop; a stalled
 * account is re-checked every {@code proton-operator.stalled-recheck}, since what fixes it (a trust policy, a Secret) lives
 * outside this resource (configurable). Throttling is checked again after about a poll interval (Reconciling/Throttled
 * unless the identity is already proven); AWS outages are rethrown for JOSDK's retry with backoff.
 */
@ControllerConfiguration(
        name = "awsaccount",
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrPauseChanged.class))
public class AwsAccountReconciler
        implements Reconciler<AwsAccount>, ConfigurableReconciler<AwsAccount>, Cleaner<AwsAccount> {

    /** Resources created together don't resync together. */
    private static final ResyncJitter RESYNC = ResyncJitter.random();

    private final AwsAccountSettings settings;
    private final AccountCredentials credentials;
    private final AwsClients clients;
    private final EventRecorder events;
    private final OperatorConfig config;
    private final AccountUsage usage;
    private final Conditions conditions = new Conditions(Clock.systemUTC());
    private volatile AccountUsers users;

    public AwsAccountReconciler(
            AwsAccountSettings settings,
            AccountCredentials credentials,
            AwsClients clients,
            EventRecorder events,
            OperatorConfig config,
            AccountUsage usage) {
        this.settings = settings;
        this.credentials = credentials;
        this.clients = clients;
        this.events = events;
        this.config = config;
        this.usage = usage;
    }

    @Override
    public List<EventSource<?, AwsAccount>> prepareEventSources(EventSourceContext<AwsAccount> context) {
        users = AccountUsers.watching(usage.kinds(), usage.watchedNamespaces(), context);
        return users.eventSources();
    }

    /**
     * Lets the AwsAccount go only once no ConnectionRoles or EnvironmentAccountConnection names it; until then it
     * stays usable (their deletions act through it) and says who uses it. Then its credentials are forgotten.
     */
    @Override
    public DeleteControl cleanup(AwsAccount account, Context<AwsAccount> context) {
        String name = account.getMetadata().getName();
        List<String> using = users.of(name);
        if (using.isEmpty()) {
            credentials.forget(name);
            events.normal(account, "Released", "No resource uses AwsAccount " + name + " any more");
            return DeleteControl.defaultDelete();
        }
        String message = AccountUsers.describe(name, using);
        AwsAccountStatus old = account.getStatus();
        List<Condition> current = old == null ? null : old.conditions();
        List<Condition> updated = conditions.set(
                current,
                ConditionTypes.IN_USE,
                true,
                "InUse",
                message,
                account.getMetadata().getGeneration());
        if (!Objects.equals(current, updated)) {
            if (Conditions.find(current, ConditionTypes.IN_USE) == null) {
                events.warning(account, "InUse", message);
            }
            account.setStatus(
                    old == null
                            ? new AwsAccountStatus(null, null, null, null, updated)
                            : new AwsAccountStatus(
                                    old.observedGeneration(),
                                    old.accountId(),
                                    old.identityArn(),
                                    old.verifiedIdentity(),
                                    updated));
            StatusPatches.patchStatus(context.getClient(), account, account.getStatus());
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(config.stalledRecheck());
    }

    @Override
    public void updateConfigurationFrom(ControllerConfigurationOverrider<AwsAccount> configuration) {
        AccountInformers.scope(configuration, config);
    }

    @Override
    public UpdateControl<AwsAccount> reconcile(AwsAccount account, Context<AwsAccount> context) {
        String name = account.getMetadata().getName();
        String selectorProblem = NamespaceAccess.problemWith(account.getSpec().allowedNamespaceSelector());
        if (selectorProblem != null) {
            return write(
                    account,
                    Progress.stalled(
                            "InvalidNamespaceSelector",
                            selectorProblem + "; no namespace can use this account until the selector is fixed"),
                    null);
        }
        AssumeRoleSettings assume;
        try {
            assume = settings.of(account);
        } catch (AwsAccountSettings.SettingsException e) {
            return write(account, Progress.stalled(e.reason(), e.getMessage()), null);
        }
        GetCallerIdentityResponse identity;
        try {
            identity = credentials.callerIdentity(name, assume);
        } catch (SdkException e) {
            AwsFailure failure = AwsFailures.classify("GetCallerIdentity", e);
            if (failure.kind() == AwsFailure.Kind.THROTTLED) {
                return throttled(account);
            }
            if (failure.isRetryable()) {
                throw failure;
            }
            String via = assume.assumesRole() ? "assuming " + assume.roleArn() : "with the operator's own identity";
            return write(
                    account,
                    Progress.stalled(
                            failure.conditionReason(),
                            "Cannot act in account " + account.getSpec().accountId() + " " + via + ": "
                                    + failure.getMessage()),
                    null);
        }
        if (!identity.account().equals(account.getSpec().accountId())) {
            return write(
                    account,
                    Progress.stalled(
                            "AccountMismatch",
                            "The credentials act in account "
                                    + identity.account() + " as " + identity.arn() + ", not in the declared account "
                                    + account.getSpec().accountId()),
                    identity);
        }
        return write(
                account,
                Progress.ready("Verified", "Acting in account " + identity.account() + " as " + identity.arn()),
                identity);
    }

    /**
     * STS throttled GetCallerIdentity even after the SDK's retries (STS has no client-side rate limit: its calls grow
     * with accounts, not resources). An account whose identity is already proven stays as it is, Ready, and its
     * dependents keep using it: a check that could not run disproves nothing. Otherwise it shows Throttled. Either way
     * it checks again after about a poll interval, not after JOSDK's growing backoff.
     */
    private UpdateControl<AwsAccount> throttled(AwsAccount account) {
        Duration next = Duration.ofMillis(Math.round(config.pollInterval().toMillis()
                * (0.5 + ThreadLocalRandom.current().nextDouble())));
        if (AccountIdentity.isProven(account)) {
            return UpdateControl.<AwsAccount>noUpdate().rescheduleAfter(next);
        }
        UpdateControl<AwsAccount> control = write(
                account,
                Progress.reconciling(
                        "Throttled",
                        "STS throttles GetCallerIdentity for account "
                                + account.getSpec().accountId() + "; verifying it again shortly"),
                null);
        return control.rescheduleAfter(next);
    }

    private UpdateControl<AwsAccount> write(AwsAccount account, Progress progress, GetCallerIdentityResponse identity) {
        AwsAccountStatus old = account.getStatus();
        long generation = account.getMetadata().getGeneration();
        List<Condition> updated = conditions.summarize(old == null ? null : old.conditions(), progress, generation);
        AwsAccountStatus status = new AwsAccountStatus(
                        generation,
                        identity == null ? null : identity.account(),
                        identity == null ? null : identity.arn(),
                        progress.isReady() ? AccountIdentity.of(account.getSpec()) : null,
                        updated)
                .withLastHandledReconcileAt(
                        ReconcileRequest.handled(account, old == null ? null : old.lastHandledReconcileAt()));
        Duration next = progress.isStalled() ? config.stalledRecheck() : RESYNC.spread(config.resyncPeriod());
        if (Objects.equals(old, status)) {
            return UpdateControl.<AwsAccount>noUpdate().rescheduleAfter(next);
        }
        events.progressChanged(account, old == null ? null : old.conditions(), progress);
        account.setStatus(status);
        return UpdateControl.patchStatus(account).rescheduleAfter(next);
    }
}
