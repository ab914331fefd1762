package dev.ops.proton.roles;

import dev.ops.proton.account.AccountInformers;
import dev.ops.proton.account.AccountResolver;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.RateLimitCaller;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.EventRecorder;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a ConnectionRoles stack as its spec says: resolves the AwsAccount (namespace allowed, credentials verified)
 * and the template, observes the stack, lets {@link StackDecision} pick one next action, has {@link StackSteps}
 * perform it and reschedules while CloudFormation works (never blocking a reconcile thread). managementPolicy
 * ObserveOnly resolves no template and makes no AWS write; its deletion lets go like Retain.
 *
 * <p>Conditions: Ready (StackReady, Observed), Reconciling (StackCreating, ChangeSetCreating, StackUpdating, StackDeleting,
 * WaitingForAccount, AwaitingObject, Paused, Throttled ...), Stalled (AccountNotFound, NamespaceNotAllowed, AccountNotReady, TemplateNotFound,
 * OwnedByAnother, AdoptionRefused, ObservedFailure, StackCreateFailed, StackUpdateFailed, AccessDenied, InvalidRequest ...). Wakes when its AwsAccount
 * or its template ConfigMap changes.
 */
@ControllerConfiguration(
        name = "connectionroles",
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrPauseChanged.class))
public class ConnectionRolesReconciler implements Reconciler<ConnectionRoles>, Cleaner<ConnectionRoles> {

    static final String BY_CONFIG_MAP = "byConfigMap";

    private final AccountResolver accounts;
    private final AwsClients clients;
    private final TemplateBodies templates;
    private final EventRecorder events;
    private final OperatorConfig config;
    private final StackSteps steps;
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
        this.steps = new StackSteps(events, config);
    }

    @Override
    public List<EventSource<?, ConnectionRoles>> prepareEventSources(EventSourceContext<ConnectionRoles> context) {
        var accountSource = AccountInformers.dependentsSource(
                ConnectionRoles.class,
                context,
                config,
                roles -> Set.of(roles.getSpec().accountRef()));
        context.getPrimaryCache().addIndexer(BY_CONFIG_MAP, roles -> {
            TemplateSource source = roles.getSpec().templateOrDefault();
            return source.configMapRef() == null
                    ? List.of()
                    : List.of(roles.getMetadata().getNamespace() + "/"
                            + source.configMapRef().name());
        });
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
        try (var caller = RateLimitCaller.enter(roles.getMetadata().getUid())) {
            return write(roles, step(roles, context, false));
        }
    }

    @Override
    public DeleteControl cleanup(ConnectionRoles roles, Context<ConnectionRoles> context) {
        StackOutcome outcome;
        try (var caller = RateLimitCaller.enter(roles.getMetadata().getUid())) {
            outcome = step(roles, context, true);
        }
        if (outcome.released()) {
            RetainedStack.announce(roles, context, events, outcome.progress().message());
            return DeleteControl.defaultDelete();
        }
        if (write(roles, outcome).isPatchStatus()) {
            StatusPatches.patchStatus(context.getClient(), roles, roles.getStatus());
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(outcome.next());
    }

    /** Resolves the account and what the spec asks for; then observes, decides and acts. */
    private StackOutcome step(ConnectionRoles roles, Context<ConnectionRoles> context, boolean deleting) {
        ConnectionRolesSpec spec = roles.getSpec();
        StackMemory memory = DesiredStacks.memoryOf(roles);
        boolean observeOnly = DesiredStacks.observeOnly(roles);
        if (deleting && (spec.deletionPolicy() != DeletionPolicy.Delete || observeOnly)) {
            return StackOutcome.released(RetainedStack.message(roles, context), memory);
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
        if (observeOnly) {
            desired = DesiredStacks.forObservation(roles, deleting);
        } else if (deleting) {
            desired = DesiredStacks.forDeletion(roles);
        } else {
            TemplateResolution template =
                    TemplateResolution.of(roles, templates, templateConfigMap(roles, context), context.getClient());
            if (!template.isResolved()) {
                return blocked(template.blocked(), memory);
            }
            desired = DesiredStacks.of(roles, template.body());
        }
        StackGateway gateway = new StackGateway(clients.cloudFormation(
                resolution.session().accountId(),
                resolution.session().credentials(),
                resolution.session().region()));
        String where = " in account " + resolution.session().accountId() + " ("
                + resolution.session().region() + ")";
        try {
            Optional<ObservedStack> observed = gateway.observe(desired.stackName());
            if (observed.isPresent() && StackDecision.needsChangeSet(desired, memory)) {
                observed = Optional.of(observed.get()
                        .withChangeSet(gateway.describeChangeSet(desired.stackName(), desired.changeSetName())));
            }
            StackAction action = StackDecision.decide(desired, observed, memory);
            return steps.perform(action, new StackSteps.Step(roles, desired, observed, memory, gateway, where));
        } catch (AwsFailure failure) {
            if (failure.kind() == AwsFailure.Kind.THROTTLED) {
                return throttled(roles, failure, "stack " + desired.stackName() + where, memory);
            }
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

    private static Optional<ConfigMap> templateConfigMap(ConnectionRoles roles, Context<ConnectionRoles> context) {
        ConfigMapKeyRef ref = roles.getSpec().templateOrDefault().configMapRef();
        return ref == null
                ? Optional.empty()
                : context.getSecondaryResources(ConfigMap.class).stream()
                        .filter(m -> m.getMetadata().getName().equals(ref.name()))
                        .findFirst();
    }

    /**
     * Back-pressure from the account's CloudFormation rate limit: come back when the turn kept for this resource
     * comes, keeping what status shows. The message is the same each time, so waiting writes status once.
     */
    private StackOutcome throttled(ConnectionRoles roles, AwsFailure failure, String stack, StackMemory memory) {
        Duration next = failure.retryAfter().orElse(config.pollInterval());
        ConnectionRolesStatus status = roles.getStatus();
        Condition ready = status == null
                        || !Objects.equals(
                                status.observedGeneration(), roles.getMetadata().getGeneration())
                ? null
                : Conditions.find(status.conditions(), ConditionTypes.READY);
        if (ready != null && "True".equals(ready.getStatus())) {
            // a resync read of a stack at rest had to wait: nothing new was learnt, it stays Ready
            return StackOutcome.blocked(Progress.ready(ready.getReason(), ready.getMessage()), next, memory);
        }
        return StackOutcome.blocked(
                Progress.reconciling(
                        "Throttled",
                        failure.operation() + " on " + stack + " waits for its turn in the account's CloudFormation "
                                + "rate limit, which the operator learns from AWS's throttling"),
                next,
                memory);
    }

    private StackOutcome blocked(Progress progress, StackMemory memory) {
        return StackOutcome.blocked(
                progress, progress.isStalled() ? config.stalledRecheck() : config.pollInterval(), memory);
    }

    private UpdateControl<ConnectionRoles> write(ConnectionRoles roles, StackOutcome outcome) {
        ConnectionRolesStatus old = roles.getStatus();
        ConnectionRolesStatus status = RolesStatus.build(
                        conditions, old, roles.getMetadata().getGeneration(), outcome)
                .withLastHandledReconcileAt(
                        ReconcileRequest.handled(roles, old == null ? null : old.lastHandledReconcileAt()));
        if (Objects.equals(old, status)) {
            return UpdateControl.<ConnectionRoles>noUpdate().rescheduleAfter(outcome.next());
        }
        events.progressChanged(roles, old == null ? null : old.conditions(), outcome.progress());
        roles.setStatus(status);
        return UpdateControl.patchStatus(roles).rescheduleAfter(outcome.next());
    }

    private static Set<ResourceID> ids(List<ConnectionRoles> roles) {
        Set<ResourceID> ids = new LinkedHashSet<>();
        roles.forEach(r -> ids.add(ResourceID.fromResource(r)));
        return ids;
    }
}
