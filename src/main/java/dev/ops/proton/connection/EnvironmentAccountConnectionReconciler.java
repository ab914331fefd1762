package dev.ops.proton.connection;

import dev.ops.proton.account.AccountDependents;
import dev.ops.proton.account.AccountInformers;
import dev.ops.proton.account.AccountResolver;
import dev.ops.proton.account.AccountSession;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.AwsFailures;
import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.EventRecorder;
import dev.ops.proton.status.Pause;
import dev.ops.proton.status.Progress;
import dev.ops.proton.status.SpecOrPauseChanged;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Drives one Proton environment account connection through the two-account handshake: resolves both accounts and
 * the role ARNs, observes the connection by the id in status, and performs the steps {@link HandshakeDecision}
 * picks, each with the account AWS requires (environment account: create, tag, update, delete; management account:
 * accept, list environments). Steps follow each other in one reconcile while each is quick (a new connection costs
 * Create plus Accept), then it reschedules; a steady-state resync costs one Get.
 *
 * <p>Conditions: Requested and Accepted (each naming the account, role and AWS error of its side), Ready
 * (Connected), Reconciling (WaitingForAccount, WaitingForRoles, AwaitingAcceptance, Paused), Stalled
 * (NamespaceNotAllowed, AccountNotReady, SameAccount, RoleInOtherAccount, InvalidRoleArn, RoleOutputNotFound,
 * RolesNotReady, Rejected, OwnedByAnother, InUse, AccessDenied ...); the spec's own mistakes stall it before any
 * Proton call. Wakes when its
 * AwsAccounts or ConnectionRoles change.
 */
@ControllerConfiguration(
        name = "environmentaccountconnection",
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrPauseChanged.class))
public class EnvironmentAccountConnectionReconciler
        implements Reconciler<EnvironmentAccountConnection>, Cleaner<EnvironmentAccountConnection> {

    static final String BY_ACCOUNT = "byAccount";
    static final String BY_ROLES = "byConnectionRoles";
    private static final int MAX_STEPS = 5;

    private final AccountResolver accounts;
    private final AwsClients clients;
    private final EventRecorder events;
    private final OperatorConfig config;
    private final Conditions conditions = new Conditions(Clock.systemUTC());
    private final RecentObservations recent;
    private final ThrottledRetries throttledRetries = new ThrottledRetries(Clock.systemUTC());
    private final ConnectionStateMetrics metrics;

    public EnvironmentAccountConnectionReconciler(
            AccountResolver accounts,
            AwsClients clients,
            EventRecorder events,
            OperatorConfig config,
            ConnectionStateMetrics metrics) {
        this.metrics = metrics;
        this.accounts = accounts;
        this.clients = clients;
        this.events = events;
        this.config = config;
        // Shorter than every scheduled recheck (stalled-recheck polls a connection awaiting a person's acceptance), so
        // a reconcile the operator scheduled itself always reads AWS; only wake-ups in between reuse.
        this.recent = new RecentObservations(config.stalledRecheck().dividedBy(2), Clock.systemUTC());
    }

    @Override
    public List<EventSource<?, EnvironmentAccountConnection>> prepareEventSources(
            EventSourceContext<EnvironmentAccountConnection> context) {
        context.getPrimaryCache().addIndexer(BY_ACCOUNT, c -> List.copyOf(accountNames(c)));
        context.getPrimaryCache()
                .addIndexer(
                        BY_ROLES,
                        c -> rolesNames(c).stream()
                                .map(name -> c.getMetadata().getNamespace() + "/" + name)
                                .toList());
        var accountSource = new InformerEventSource<>(
                AccountInformers.forDependents(EnvironmentAccountConnection.class, config)
                        .withPrimaryToSecondaryMapper((EnvironmentAccountConnection c) -> ids(accountNames(c), null))
                        .withSecondaryToPrimaryMapper(account -> AccountDependents.toWake(
                                account,
                                context.getPrimaryCache()
                                        .byIndex(
                                                BY_ACCOUNT,
                                                account.getMetadata().getName())))
                        .build(),
                context);
        var rolesSource = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(ConnectionRoles.class, EnvironmentAccountConnection.class)
                        .withNamespacesInheritedFromController()
                        .withPrimaryToSecondaryMapper((EnvironmentAccountConnection c) ->
                                ids(rolesNames(c), c.getMetadata().getNamespace()))
                        .withSecondaryToPrimaryMapper(roles -> primaries(context.getPrimaryCache()
                                .byIndex(
                                        BY_ROLES,
                                        roles.getMetadata().getNamespace() + "/"
                                                + roles.getMetadata().getName())))
                        .build(),
                context);
        return List.of(accountSource, rolesSource);
    }

    @Override
    public UpdateControl<EnvironmentAccountConnection> reconcile(
            EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context) {
        return write(connection, step(connection, context, false));
    }

    @Override
    public DeleteControl cleanup(
            EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context) {
        Outcome outcome = step(connection, context, true);
        if (outcome.released) {
            recent.forget(connection.getMetadata().getUid());
            metrics.forget(connection.getMetadata().getUid());
            events.normal(connection, "Released", outcome.progress.message());
            return DeleteControl.defaultDelete();
        }
        if (write(connection, outcome).isPatchStatus()) {
            context.getClient().resource(connection).patchStatus();
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(outcome.next);
    }

    /** What one reconcile found and did. */
    private record Outcome(
            Progress progress,
            Duration next,
            ObservedConnection observed,
            HandshakeStatus.Side requested,
            HandshakeStatus.Side accepted,
            boolean released) {

        static Outcome blocked(Progress progress, Duration next) {
            return new Outcome(progress, next, null, null, null, false);
        }
    }

    private Outcome step(
            EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context, boolean deleting) {
        EnvironmentAccountConnectionSpec spec = connection.getSpec();
        String namespace = connection.getMetadata().getNamespace();
        boolean deletePolicy = spec.deletionPolicy() == DeletionPolicy.Delete;
        if (deleting && !deletePolicy) {
            return released("Connection retained (deletionPolicy Retain)");
        }
        AccountResolver.Resolution environment = accounts.resolve(
                account(context, spec.environmentAccountRef()), spec.environmentAccountRef(), namespace);
        if (!environment.isResolved()) {
            return Outcome.blocked(environment.blocked(), nextFor(environment.blocked()));
        }
        AccountSession management = null;
        if (spec.managementAccountRef() != null) {
            AccountResolver.Resolution resolved = accounts.resolve(
                    account(context, spec.managementAccountRef()), spec.managementAccountRef(), namespace);
            if (!resolved.isResolved()) {
                return Outcome.blocked(resolved.blocked(), nextFor(resolved.blocked()));
            }
            management = resolved.session();
        }
        String managementAccountId = management != null ? management.accountId() : spec.managementAccountId();
        if (!deleting && managementAccountId.equals(environment.session().accountId())) {
            Progress same = Progress.stalled(
                    "SameAccount",
                    "The management account " + managementAccountId + " ("
                            + (management != null
                                    ? "managementAccountRef " + spec.managementAccountRef()
                                    : "managementAccountId")
                            + ") is the environment account of environmentAccountRef " + spec.environmentAccountRef()
                            + "; a connection links an environment account to a different management account");
            return Outcome.blocked(same, nextFor(same));
        }
        RoleResolution.Result roles = RoleResolution.resolve(
                spec,
                environment.session().accountId(),
                name -> context.getSecondaryResources(ConnectionRoles.class).stream()
                        .filter(r -> r.getMetadata().getName().equals(name))
                        .findFirst());
        if (roles.roles() == null) {
            return Outcome.blocked(roles.waiting(), nextFor(roles.waiting()));
        }
        String owner = OwnershipTag.value(namespace, connection.getMetadata().getName());
        boolean automatic = spec.acceptance() != Acceptance.Manual;
        DesiredConnection desired = new DesiredConnection(
                owner,
                spec.environmentName(),
                environment.session().accountId(),
                managementAccountId,
                roles.roles(),
                automatic,
                Pause.isPaused(connection),
                deleting,
                deletePolicy);
        ConnectionGateway gateway = new ConnectionGateway(
                clients.proton(
                        environment.session().credentials(),
                        environment.session().region()),
                management == null
                        ? null
                        : clients.proton(
                                management.credentials(), environment.session().region()));
        Sides sides = new Sides(environment.session(), management, managementAccountId, roles.roles());
        return handshake(connection, desired, gateway, sides);
    }

    /** The two accounts, for messages naming who failed. */
    private record Sides(
            AccountSession environment,
            AccountSession management,
            String managementAccountId,
            ConnectionRoleArns roles) {

        String environmentSide() {
            return "environment account " + environment.accountId() + " (AwsAccount " + environment.accountName()
                    + ", role " + roles.roleArn() + ")";
        }

        String managementSide() {
            return "management account " + managementAccountId
                    + (management == null ? "" : " (AwsAccount " + management.accountName() + ")");
        }
    }

    private Outcome handshake(
            EnvironmentAccountConnection connection,
            DesiredConnection desired,
            ConnectionGateway gateway,
            Sides sides) {
        EnvironmentAccountConnectionStatus status = connection.getStatus();
        String uid = connection.getMetadata().getUid();
        Long generation = connection.getMetadata().getGeneration();
        String knownId = status != null && status.connectionId() != null
                ? status.connectionId()
                : recent.requestedId(uid).orElse(null);
        Optional<ObservedConnection> fresh = recent.fresh(uid, generation);
        boolean reused = fresh.isPresent() && fresh.get().id().equals(knownId);
        Optional<ObservedConnection> observed;
        try {
            if (reused) {
                observed = fresh;
            } else {
                observed = knownId == null
                        ? Optional.empty()
                        : envCall(
                                sides, "GetEnvironmentAccountConnection", () -> gateway.get(knownId, desired.owner()));
            }
        } catch (SideFailure failure) {
            recent.invalidate(uid);
            return failed(failure, sides, null);
        } catch (ThrottledCall throttled) {
            return throttled(throttled, sides, Optional.empty());
        } catch (AwsFailure retryable) {
            recent.invalidate(uid);
            throw retryable;
        }
        for (int i = 0; i < MAX_STEPS; i++) {
            List<String> usedBy = List.of();
            if (desired.deleting()
                    && desired.deleteOnRemoval()
                    && observed.isPresent()
                    && !observed.get().isOwnedByAnother(desired.owner())) {
                if (!gateway.canActInManagementAccount()) {
                    return stalled(
                            "CannotCheckEnvironments",
                            "deletionPolicy Delete needs managementAccountRef to "
                                    + "check that no Proton environment uses the connection; set it, or use Retain",
                            observed.get());
                }
                String id = observed.get().id();
                try {
                    usedBy = mgmtCall(sides, "ListEnvironments", () -> gateway.environmentsUsing(id));
                } catch (SideFailure failure) {
                    return failed(failure, sides, observed.get());
                } catch (ThrottledCall throttled) {
                    return throttled(throttled, sides, observed);
                }
            }
            HandshakeAction action = HandshakeDecision.decide(desired, observed, usedBy);
            try {
                Optional<ObservedConnection> next = perform(connection, action, desired, gateway, knownId, sides);
                if (next == null) {
                    if (!reused) {
                        observed.ifPresent(o -> recent.observed(uid, generation, o));
                    }
                    return settle(action, observed.orElse(null), desired, sides);
                }
                observed = next;
                reused = false;
            } catch (SideFailure failure) {
                recent.invalidate(uid);
                return failed(failure, sides, observed.orElse(null));
            } catch (ThrottledCall throttled) {
                if (!reused) {
                    observed.ifPresent(o -> recent.observed(uid, generation, o));
                }
                return throttled(throttled, sides, observed);
            } catch (AwsFailure retryable) {
                recent.invalidate(uid);
                throw retryable;
            }
        }
        return settle(
                new HandshakeAction.AwaitAcceptance(observed.orElse(null)), observed.orElse(null), desired, sides);
    }

    /** Performs a write; returns the new observation to decide on, or null when the action ends this reconcile. */
    private Optional<ObservedConnection> perform(
            EnvironmentAccountConnection connection,
            HandshakeAction action,
            DesiredConnection desired,
            ConnectionGateway gateway,
            String knownId,
            Sides sides) {
        if (action instanceof HandshakeAction.Create) {
            Map<String, String> tags = new LinkedHashMap<>(
                    connection.getSpec().tags() == null
                            ? Map.of()
                            : connection.getSpec().tags());
            tags.put(OwnershipTag.KEY, desired.owner());
            String token =
                    ConnectionGateway.clientToken(connection.getMetadata().getUid(), knownId);
            ObservedConnection created =
                    envCall(sides, "CreateEnvironmentAccountConnection", () -> gateway.create(desired, token, tags));
            recent.requested(connection.getMetadata().getUid(), created.id());
            events.normal(
                    connection,
                    "Requested",
                    "Requested connection " + created.id() + " from " + sides.environmentSide()
                            + " to management account " + desired.managementAccountId());
            return Optional.of(created);
        }
        if (action instanceof HandshakeAction.Adopt adopt) {
            envCall(sides, "TagResource", () -> {
                gateway.tagOwner(adopt.connection(), desired.owner());
                return null;
            });
            events.normal(
                    connection,
                    "Adopted",
                    "Adopted existing connection " + adopt.connection().id());
            ObservedConnection c = adopt.connection();
            return Optional.of(new ObservedConnection(
                    c.id(),
                    c.arn(),
                    c.state(),
                    c.environmentName(),
                    c.environmentAccountId(),
                    c.managementAccountId(),
                    c.roles(),
                    desired.owner(),
                    c.requestedAt(),
                    c.lastModifiedAt()));
        }
        if (action instanceof HandshakeAction.UpdateRoles update) {
            ObservedConnection updated = envCall(
                    sides,
                    "UpdateEnvironmentAccountConnection",
                    () -> gateway.updateRoles(update.connection(), desired.roles(), desired.owner()));
            events.normal(
                    connection,
                    "RolesUpdated",
                    "Set the roles of connection " + updated.id() + " to "
                            + desired.roles().roleArn());
            return Optional.of(updated);
        }
        if (action instanceof HandshakeAction.Accept accept) {
            if (!gateway.canActInManagementAccount()) {
                return null;
            }
            ObservedConnection accepted = mgmtCall(
                    sides,
                    "AcceptEnvironmentAccountConnection",
                    () -> gateway.accept(accept.connection(), desired.owner()));
            events.normal(
                    connection, "Accepted", "Accepted connection " + accepted.id() + " from " + sides.managementSide());
            return Optional.of(accepted);
        }
        if (action instanceof HandshakeAction.Delete delete) {
            envCall(sides, "DeleteEnvironmentAccountConnection", () -> {
                gateway.delete(delete.connection());
                return null;
            });
            events.normal(
                    connection,
                    "Deleted",
                    "Deleted connection " + delete.connection().id() + " from " + sides.environmentSide());
            return Optional.empty();
        }
        return null;
    }

    private Outcome settle(
            HandshakeAction action, ObservedConnection observed, DesiredConnection desired, Sides sides) {
        if (action instanceof HandshakeAction.Release || action instanceof HandshakeAction.Delete) {
            return released("Connection released");
        }
        HandshakeStatus.Side requested = observed == null
                ? null
                : new HandshakeStatus.Side(
                        true, "Requested", "Connection " + observed.id() + " requested by " + sides.environmentSide());
        if (action instanceof HandshakeAction.InSync) {
            return new Outcome(
                    Progress.ready(
                            "Connected", "Connection " + observed.id() + " is CONNECTED to " + sides.managementSide()),
                    config.resyncPeriod(),
                    observed,
                    requested,
                    new HandshakeStatus.Side(true, "Accepted", "Accepted by " + sides.managementSide()),
                    false);
        }
        if (action instanceof HandshakeAction.AwaitAcceptance || action instanceof HandshakeAction.Accept) {
            String message = "Connection " + (observed == null ? "" : observed.id() + " ") + "is PENDING: waiting for "
                    + "a person in " + sides.managementSide() + " to accept it";
            return new Outcome(
                    Progress.reconciling("AwaitingAcceptance", message),
                    config.stalledRecheck(),
                    observed,
                    requested,
                    new HandshakeStatus.Side(false, "AwaitingAcceptance", message),
                    false);
        }
        if (action instanceof HandshakeAction.Paused) {
            return new Outcome(
                    Progress.reconciling(
                            "Paused",
                            "AWS writes are paused by the annotation " + Pause.ANNOTATION + "; remove it to resume"),
                    config.resyncPeriod(),
                    observed,
                    requested,
                    null,
                    false);
        }
        if (action instanceof HandshakeAction.BlockedByEnvironment blocked) {
            return stalled(
                    "InUse",
                    "Proton environment " + blocked.environmentName() + " in "
                            + sides.managementSide() + " still uses connection " + observed.id()
                            + "; deleting it would leave the environment unmanaged. Delete or move the environment first",
                    observed);
        }
        HandshakeAction.Stall stall = (HandshakeAction.Stall) action;
        HandshakeStatus.Side accepted =
                "Rejected".equals(stall.reason()) ? new HandshakeStatus.Side(false, "Rejected", stall.message()) : null;
        return new Outcome(
                Progress.stalled(stall.reason(), stall.message()),
                config.stalledRecheck(),
                observed,
                requested,
                accepted,
                false);
    }

    private Outcome stalled(String reason, String message, ObservedConnection observed) {
        return new Outcome(Progress.stalled(reason, message), config.stalledRecheck(), observed, null, null, false);
    }

    /** An AWS call failed on one side of the handshake. */
    private static final class SideFailure extends RuntimeException {
        private final AwsFailure failure;
        private final boolean environmentSide;

        SideFailure(AwsFailure failure, boolean environmentSide) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.environmentSide = environmentSide;
        }
    }

    /** A call AWS throttled, with the account it was made in. */
    private static final class ThrottledCall extends RuntimeException {
        private final AwsFailure failure;
        private final boolean environmentSide;
        private final String account;

        ThrottledCall(AwsFailure failure, boolean environmentSide, String account) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
            this.environmentSide = environmentSide;
            this.account = account;
        }
    }

    private <T> T envCall(Sides sides, String operation, Supplier<T> call) {
        return call(sides.environment().accountId(), operation, call, true);
    }

    private <T> T mgmtCall(Sides sides, String operation, Supplier<T> call) {
        return call(sides.managementAccountId(), operation, call, false);
    }

    /**
     * Throttling becomes a {@link ThrottledCall}; other retryable failures (outages, conflicts) are rethrown for
     * JOSDK's backoff; the rest become a {@link SideFailure} that stalls the resource.
     */
    private <T> T call(String account, String operation, Supplier<T> call, boolean environmentSide) {
        try {
            T result = call.get();
            throttledRetries.succeeded(account);
            return result;
        } catch (SdkException e) {
            AwsFailure failure = AwsFailures.classify(operation, e);
            if (failure.kind() == AwsFailure.Kind.THROTTLED) {
                throw new ThrottledCall(failure, environmentSide, account);
            }
            if (failure.isRetryable()) {
                throw failure;
            }
            throw new SideFailure(failure, environmentSide);
        }
    }

    /**
     * Throttling is back-pressure from the account's rate limit, not an outage: the step is retried in turn with the
     * account's other throttled steps ({@link ThrottledRetries}), never with the growing backoff that would leave
     * some of them idle for minutes once the limit frees up. The status keeps what was achieved (the
     * connection id once requested).
     */
    private Outcome throttled(ThrottledCall call, Sides sides, Optional<ObservedConnection> observed) {
        String message = "AWS throttles " + call.failure.operation() + " in "
                + (call.environmentSide ? sides.environmentSide() : sides.managementSide())
                + "; retrying in turn with the account's other throttled steps";
        HandshakeStatus.Side requested = observed.map(o -> new HandshakeStatus.Side(
                        true, "Requested", "Connection " + o.id() + " requested by " + sides.environmentSide()))
                .orElse(null);
        Duration jittered = Duration.ofMillis((long) (config.pollInterval().toMillis()
                * (0.5 + ThreadLocalRandom.current().nextDouble())));
        Duration next = throttledRetries.retryAfter(call.account, jittered);
        return new Outcome(
                Progress.reconciling("Throttled", message), next, observed.orElse(null), requested, null, false);
    }

    private Outcome failed(SideFailure failure, Sides sides, ObservedConnection observed) {
        String reason = failure.failure.conditionReason();
        if (failure.environmentSide) {
            String message = sides.environmentSide() + ": " + failure.getMessage();
            return new Outcome(
                    Progress.stalled(reason, message),
                    config.stalledRecheck(),
                    observed,
                    new HandshakeStatus.Side(false, reason, message),
                    null,
                    false);
        }
        String message = sides.managementSide() + ": " + failure.getMessage();
        HandshakeStatus.Side requested = observed == null
                ? null
                : new HandshakeStatus.Side(
                        true, "Requested", "Connection " + observed.id() + " requested by " + sides.environmentSide());
        return new Outcome(
                Progress.stalled(reason, message),
                config.stalledRecheck(),
                observed,
                requested,
                new HandshakeStatus.Side(false, reason, message),
                false);
    }

    private Outcome released(String message) {
        return new Outcome(Progress.ready("Released", message), Duration.ZERO, null, null, null, true);
    }

    private Duration nextFor(Progress progress) {
        return progress.isStalled() ? config.stalledRecheck() : config.pollInterval();
    }

    private UpdateControl<EnvironmentAccountConnection> write(
            EnvironmentAccountConnection connection, Outcome outcome) {
        EnvironmentAccountConnectionStatus old = connection.getStatus();
        EnvironmentAccountConnectionStatus status = HandshakeStatus.build(
                conditions,
                old,
                connection.getMetadata().getGeneration(),
                outcome.observed,
                outcome.requested,
                outcome.accepted,
                outcome.progress);
        metrics.record(connection.getMetadata().getUid(), status.state());
        if (Objects.equals(old, status)) {
            return UpdateControl.<EnvironmentAccountConnection>noUpdate().rescheduleAfter(outcome.next);
        }
        events.progressChanged(connection, old == null ? null : old.conditions(), outcome.progress);
        connection.setStatus(status);
        return UpdateControl.patchStatus(connection).rescheduleAfter(outcome.next);
    }

    private static Optional<AwsAccount> account(Context<EnvironmentAccountConnection> context, String name) {
        return context.getSecondaryResources(AwsAccount.class).stream()
                .filter(a -> a.getMetadata().getName().equals(name))
                .findFirst();
    }

    private static Set<String> accountNames(EnvironmentAccountConnection c) {
        Set<String> names = new LinkedHashSet<>();
        names.add(c.getSpec().environmentAccountRef());
        if (c.getSpec().managementAccountRef() != null) {
            names.add(c.getSpec().managementAccountRef());
        }
        return names;
    }

    private static Set<String> rolesNames(EnvironmentAccountConnection c) {
        Set<String> names = new HashSet<>();
        for (RoleReference reference : new RoleReference[] {
            c.getSpec().role(), c.getSpec().codebuildRole(), c.getSpec().componentRole()
        }) {
            if (reference != null && reference.fromConnectionRoles() != null) {
                names.add(reference.fromConnectionRoles().name());
            }
        }
        return names;
    }

    private static Set<ResourceID> ids(Set<String> names, String namespace) {
        Set<ResourceID> ids = new LinkedHashSet<>();
        names.forEach(name -> ids.add(new ResourceID(name, namespace)));
        return ids;
    }

    private static Set<ResourceID> primaries(List<EnvironmentAccountConnection> connections) {
        Set<ResourceID> ids = new LinkedHashSet<>();
        connections.forEach(c -> ids.add(ResourceID.fromResource(c)));
        return ids;
    }
}
