package dev.ops.proton.roles;

import dev.ops.proton.account.AccountDependents;
import dev.ops.proton.account.AccountInformers;
import dev.ops.proton.account.AccountResolver;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.EventRecorder;
import dev.ops.proton.status.Pause;
import dev.ops.proton.status.Progress;
import dev.ops.proton.status.ReconcileRequest;
import dev.ops.proton.status.SpecOrPauseChanged;
import dev.ops.proton.status.StatusPatches;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a ConnectionRoles stack as its spec says: resolves the AwsAccount (namespace allowed, credentials verified)
 * and the template, observes the stack, lets {@link StackDecision} pick one next action, performs it through
 * {@link StackGateway} and reschedules while CloudFormation works (never blocking a reconcile thread).
 *
 * <p>Conditions: Ready (StackReady), Reconciling (StackCreating, ChangeSetCreating, StackUpdating, StackDeleting,
 * WaitingForAccount, Paused ...), Stalled (AccountNotFound, NamespaceNotAllowed, AccountNotReady, TemplateNotFound,
 * OwnedByAnother, StackCreateFailed, StackUpdateFailed, AccessDenied, InvalidRequest ...). Wakes when its AwsAccount
 * or its template ConfigMap changes.
 */
@ControllerConfiguration(
        name = "connectionroles",
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrPauseChanged.class))
public class ConnectionRolesReconciler implements Reconciler<ConnectionRoles>, Cleaner<ConnectionRoles> {

    static final String BY_ACCOUNT = "byAccount";
    static final String BY_CONFIG_MAP = "byConfigMap";
    private static final int FAILURE_EVENTS = 5;

    private final AccountResolver accounts;
    private final AwsClients clients;
    private final TemplateBodies templates;
    private final EventRecorder events;
    private final OperatorConfig config;
    private final Conditions conditions = new Conditions(Clock.systemUTC());

    public ConnectionRolesReconciler(
            AccountResolver accounts,
            AwsClients clients,
            TemplateBodies templates,
            EventRecorder events,
            OperatorConfig config) {
        this.accounts = accounts;
        this.clients = clients;
        this.templates = templates;
        this.events = events;
        this.config = config;
    }

    @Override
    public List<EventSource<?, ConnectionRoles>> prepareEventSources(EventSourceContext<ConnectionRoles> context) {
        context.getPrimaryCache()
                .addIndexer(BY_ACCOUNT, roles -> List.of(roles.getSpec().accountRef()));
        context.getPrimaryCache().addIndexer(BY_CONFIG_MAP, roles -> {
            TemplateSource source = roles.getSpec().templateOrDefault();
            return source.configMapRef() == null
                    ? List.of()
                    : List.of(roles.getMetadata().getNamespace() + "/"
                            + source.configMapRef().name());
        });
        var accountSource = new InformerEventSource<>(
                AccountInformers.forDependents(ConnectionRoles.class, config)
                        .withPrimaryToSecondaryMapper((ConnectionRoles roles) ->
                                Set.of(new ResourceID(roles.getSpec().accountRef())))
                        .withSecondaryToPrimaryMapper(account -> AccountDependents.toWake(
                                account,
                                context.getPrimaryCache()
                                        .byIndex(
                                                BY_ACCOUNT,
                                                account.getMetadata().getName())))
                        .build(),
                context);
        var configMapSource = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(ConfigMap.class, ConnectionRoles.class)
                        .withNamespacesInheritedFromController()
                        .withLabelSelector(TemplateResolution.labelSelector())
                        .withPrimaryToSecondaryMapper((ConnectionRoles roles) -> {
                            TemplateSource source = roles.getSpec().templateOrDefault();
                            return source.configMapRef() == null
                                    ? Set.<ResourceID>of()
                                    : Set.of(new ResourceID(
                                            source.configMapRef().name(),
                                            roles.getMetadata().getNamespace()));
                        })
                        .withSecondaryToPrimaryMapper(map -> ids(context.getPrimaryCache()
                                .byIndex(
                                        BY_CONFIG_MAP,
                                        map.getMetadata().getNamespace() + "/"
                                                + map.getMetadata().getName())))
                        .build(),
                context);
        return List.of(accountSource, configMapSource);
    }

    @Override
    public UpdateControl<ConnectionRoles> reconcile(ConnectionRoles roles, Context<ConnectionRoles> context) {
        Outcome outcome = step(roles, context, false);
        return write(roles, outcome);
    }

    @Override
    public DeleteControl cleanup(ConnectionRoles roles, Context<ConnectionRoles> context) {
        Outcome outcome = step(roles, context, true);
        if (outcome.released) {
            RetainedStack.announce(roles, context, events, outcome.progress.message());
            return DeleteControl.defaultDelete();
        }
        if (write(roles, outcome).isPatchStatus()) {
            StatusPatches.patchStatus(context.getClient(), roles, roles.getStatus());
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(outcome.next);
    }

    /** What one step found and did, for the status. */
    private record Outcome(
            Progress progress,
            Duration next,
            Optional<ObservedStack> stack,
            StackMemory memory,
            StackFailure failure,
            boolean released) {}

    private Outcome step(ConnectionRoles roles, Context<ConnectionRoles> context, boolean deleting) {
        ConnectionRolesSpec spec = roles.getSpec();
        StackMemory memory = memoryOf(roles);
        boolean retain = spec.deletionPolicy() != DeletionPolicy.Delete;
        if (deleting && retain) {
            return released(RetainedStack.message(roles, context), memory);
        }
        Optional<AwsAccount> account = context.getSecondaryResources(AwsAccount.class).stream()
                .filter(a -> a.getMetadata().getName().equals(spec.accountRef()))
                .findFirst();
        AccountResolver.Resolution resolution =
                accounts.resolve(account, spec.accountRef(), roles.getMetadata().getNamespace());
        if (!resolution.isResolved()) {
            return blocked(
                    deleting ? RetainedStack.deletionBlocked(roles, resolution.blocked()) : resolution.blocked(),
                    memory);
        }
        DesiredStack desired;
        if (deleting) {
            // deleting needs the account and the stack name only: no template, so a ConfigMap deleted first is fine
            desired = DesiredStack.forDeletion(roles.stackName(), ownerTags(roles), Pause.isPaused(roles));
        } else {
            TemplateResolution template =
                    TemplateResolution.of(roles, templates, templateConfigMap(roles, context), context.getClient());
            if (!template.isResolved()) {
                return blocked(template.blocked(), memory);
            }
            desired = desired(roles, template.body(), false);
        }
        StackGateway gateway = new StackGateway(clients.cloudFormation(
                resolution.session().credentials(), resolution.session().region()));
        String where = " in account " + resolution.session().accountId() + " ("
                + resolution.session().region() + ")";
        try {
            Optional<ObservedStack> observed = gateway.observe(desired.stackName());
            if (observed.isPresent() && StackDecision.needsChangeSet(desired, memory)) {
                observed = Optional.of(observed.get()
                        .withChangeSet(gateway.describeChangeSet(desired.stackName(), desired.changeSetName())));
            }
            StackAction action = StackDecision.decide(desired, observed, memory);
            return perform(roles, action, desired, observed, memory, gateway, where);
        } catch (AwsFailure failure) {
            if (failure.isRetryable()) {
                throw failure;
            }
            events.warning(roles, failure.conditionReason(), failure.getMessage());
            return blocked(
                    Progress.stalled(
                            failure.conditionReason(),
                            "Stack " + desired.stackName() + where + ": " + failure.getMessage()),
                    memory);
        }
    }

    private Outcome perform(
            ConnectionRoles roles,
            StackAction action,
            DesiredStack desired,
            Optional<ObservedStack> observed,
            StackMemory memory,
            StackGateway gateway,
            String where) {
        StackMemory next = memory.after(action, desired.desiredHash());
        String stack = "Stack " + desired.stackName() + where;
        Duration poll = config.pollInterval();
        if (action instanceof StackAction.CreateStack) {
            try {
                gateway.createStack(desired, roles.getMetadata().getUid());
            } catch (AwsFailure failure) {
                if (failure.kind() != AwsFailure.Kind.ALREADY_EXISTS) {
                    throw failure;
                }
                // another resource (or a person) created a stack of that name since the observation: observe it
                // again, and let its ownership tag decide
                return new Outcome(
                        Progress.reconciling("StackCreating", stack + " was created by someone else meanwhile"),
                        poll,
                        Optional.empty(),
                        memory,
                        null,
                        false);
            }
            events.normal(roles, "CreatingStack", "Creating stack " + desired.stackName() + where);
            return new Outcome(
                    Progress.reconciling("StackCreating", stack + " is being created"),
                    poll,
                    observed,
                    next,
                    null,
                    false);
        }
        if (action instanceof StackAction.CreateUpdateChangeSet) {
            gateway.createUpdateChangeSet(desired, roles.getMetadata().getUid());
            return new Outcome(
                    Progress.reconciling("ChangeSetCreating", "Computing the changes to " + stack),
                    poll,
                    observed,
                    next,
                    null,
                    false);
        }
        if (action instanceof StackAction.ExecuteChangeSet execute) {
            gateway.executeChangeSet(desired.stackName(), execute.changeSetName());
            events.normal(roles, "UpdatingStack", "Executing change set " + execute.changeSetName() + " on " + stack);
            return new Outcome(
                    Progress.reconciling("StackUpdating", stack + " is being updated"),
                    poll,
                    observed,
                    next,
                    null,
                    false);
        }
        if (action instanceof StackAction.DeleteChangeSet delete) {
            gateway.deleteChangeSet(desired.stackName(), delete.changeSetName());
            return new Outcome(
                    Progress.reconciling(
                            "ChangeSetCreating", "Replacing change set " + delete.changeSetName() + " of " + stack),
                    poll,
                    observed,
                    next,
                    null,
                    false);
        }
        if (action instanceof StackAction.RecordNoChange noChange) {
            gateway.deleteChangeSet(desired.stackName(), noChange.changeSetName());
            return new Outcome(
                    Progress.ready("StackReady", stack + " matches the spec"),
                    config.resyncPeriod(),
                    observed,
                    next,
                    null,
                    false);
        }
        if (action instanceof StackAction.SetTerminationProtection protection) {
            gateway.updateTerminationProtection(desired.stackName(), protection.enabled());
            events.normal(
                    roles,
                    "TerminationProtection",
                    (protection.enabled() ? "Enabled" : "Disabled") + " termination protection of " + stack);
            return new Outcome(
                    Progress.reconciling("StackUpdating", "Setting termination protection of " + stack),
                    poll,
                    observed,
                    next,
                    null,
                    false);
        }
        if (action instanceof StackAction.DeleteStack delete) {
            gateway.deleteStack(desired.stackName());
            String why = delete.purpose() == StackAction.DeleteStack.Purpose.RECREATE
                    ? "to create it again after a failed create"
                    : "(deletionPolicy Delete)";
            events.normal(roles, "DeletingStack", "Deleting " + stack + " " + why);
            return new Outcome(
                    Progress.reconciling("StackDeleting", stack + " is being deleted " + why),
                    poll,
                    observed,
                    next,
                    null,
                    false);
        }
        if (action instanceof StackAction.Wait wait) {
            return new Outcome(Progress.reconciling(wait.reason(), wait.message()), poll, observed, next, null, false);
        }
        if (action instanceof StackAction.Done) {
            return new Outcome(
                    Progress.ready("StackReady", stack + " matches the spec"),
                    config.resyncPeriod(),
                    observed,
                    next,
                    null,
                    false);
        }
        if (action instanceof StackAction.Release release) {
            return released(release.message(), next);
        }
        if (action instanceof StackAction.Paused) {
            return new Outcome(
                    Progress.reconciling(
                            "Paused",
                            "AWS writes are paused by the annotation " + Pause.ANNOTATION + "; remove it to resume"),
                    config.resyncPeriod(),
                    observed,
                    next,
                    null,
                    false);
        }
        StackAction.Stall stall = (StackAction.Stall) action;
        StackFailure failure = null;
        if (stall.explainWithStackEvents() && observed.isPresent()) {
            List<StackFailureEvent> failed =
                    gateway.recentFailureEvents(observed.get().stackId(), FAILURE_EVENTS);
            failure = new StackFailure(
                    observed.get().statusReason(),
                    failed.stream()
                            .map(e -> new StackFailure.FailureEvent(
                                    e.logicalResourceId(), e.resourceType(), e.resourceStatus(), e.reason()))
                            .toList());
        }
        String message = stall.message()
                + (failure == null || failure.events().isEmpty()
                        ? ""
                        : ": " + failure.events().get(0).logicalResourceId() + " "
                                + failure.events().get(0).resourceStatus() + ": "
                                + failure.events().get(0).resourceStatusReason());
        return new Outcome(
                Progress.stalled(stall.reason(), message), config.stalledRecheck(), observed, next, failure, false);
    }

    private static Optional<ConfigMap> templateConfigMap(ConnectionRoles roles, Context<ConnectionRoles> context) {
        ConfigMapKeyRef ref = roles.getSpec().templateOrDefault().configMapRef();
        return ref == null
                ? Optional.empty()
                : context.getSecondaryResources(ConfigMap.class).stream()
                        .filter(m -> m.getMetadata().getName().equals(ref.name()))
                        .findFirst();
    }

    private static Map<String, String> ownerTags(ConnectionRoles roles) {
        return Map.of(
                OwnershipTag.KEY,
                OwnershipTag.value(
                        roles.getMetadata().getNamespace(), roles.getMetadata().getName()));
    }

    private DesiredStack desired(ConnectionRoles roles, String body, boolean deleting) {
        ConnectionRolesSpec spec = roles.getSpec();
        Map<String, String> tags = new LinkedHashMap<>(spec.tags() == null ? Map.of() : spec.tags());
        tags.putAll(ownerTags(roles));
        Set<String> capabilities = new LinkedHashSet<>();
        if (spec.capabilities() != null) {
            spec.capabilities().forEach(c -> capabilities.add(c.name()));
        }
        return DesiredStack.of(
                roles.stackName(),
                body,
                spec.parameters() == null ? Map.of() : spec.parameters(),
                capabilities,
                tags,
                Boolean.TRUE.equals(spec.terminationProtection()),
                spec.deletionPolicy() == DeletionPolicy.Delete
                        ? DesiredStack.DeletionPolicy.DELETE
                        : DesiredStack.DeletionPolicy.RETAIN,
                deleting,
                Pause.isPaused(roles));
    }

    private Outcome blocked(Progress progress, StackMemory memory) {
        Duration next = progress.isStalled() ? config.stalledRecheck() : config.pollInterval();
        return new Outcome(progress, next, Optional.empty(), memory, null, false);
    }

    private static Outcome released(String message, StackMemory memory) {
        return new Outcome(Progress.ready("Released", message), Duration.ZERO, Optional.empty(), memory, null, true);
    }

    private static StackMemory memoryOf(ConnectionRoles roles) {
        ConnectionRolesStatus status = roles.getStatus();
        return status == null ? StackMemory.NONE : new StackMemory(status.appliedHash(), status.attemptedHash());
    }

    private UpdateControl<ConnectionRoles> write(ConnectionRoles roles, Outcome outcome) {
        ConnectionRolesStatus old = roles.getStatus();
        long generation = roles.getMetadata().getGeneration();
        List<Condition> updated =
                conditions.summarize(old == null ? null : old.conditions(), outcome.progress, generation);
        // another owner's stack is never recorded: its id, status and outputs are not this resource's
        boolean foreign = StackReasons.OWNED_BY_ANOTHER.equals(outcome.progress.reason());
        ConnectionRolesStatus status = new ConnectionRolesStatus(
                        generation,
                        foreign
                                ? null
                                : outcome.stack.map(ObservedStack::stackId).orElse(old == null ? null : old.stackId()),
                        foreign
                                ? null
                                : outcome.stack
                                        .map(ObservedStack::stackStatus)
                                        .orElse(old == null ? null : old.stackStatus()),
                        foreign ? null : outputs(outcome, old),
                        outcome.progress.isStalled()
                                ? (outcome.failure != null ? outcome.failure : old == null ? null : old.failure())
                                : null,
                        outcome.memory.lastAppliedHash(),
                        outcome.memory.lastAttemptedHash(),
                        updated)
                .withLastHandledReconcileAt(
                        ReconcileRequest.handled(roles, old == null ? null : old.lastHandledReconcileAt()));
        if (Objects.equals(old, status)) {
            return UpdateControl.<ConnectionRoles>noUpdate().rescheduleAfter(outcome.next);
        }
        events.progressChanged(roles, old == null ? null : old.conditions(), outcome.progress);
        roles.setStatus(status);
        return UpdateControl.patchStatus(roles).rescheduleAfter(outcome.next);
    }

    private static Map<String, String> outputs(Outcome outcome, ConnectionRolesStatus old) {
        Map<String, String> observed = outcome.stack.map(ObservedStack::outputs).orElse(Map.of());
        if (!observed.isEmpty()) {
            return observed;
        }
        return old == null ? null : old.outputs();
    }

    private static Set<ResourceID> ids(List<ConnectionRoles> roles) {
        Set<ResourceID> ids = new LinkedHashSet<>();
        roles.forEach(r -> ids.add(ResourceID.fromResource(r)));
        return ids;
    }
}
