package dev.ops.proton.connection;

import dev.ops.proton.account.AccountResolver;
import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.RateLimitCaller;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.EventRecorder;
import dev.ops.proton.status.Progress;
import dev.ops.proton.status.ReconcileRequest;
import dev.ops.proton.status.ResyncJitter;
import dev.ops.proton.status.SpecOrPauseChanged;
import dev.ops.proton.status.StatusPatches;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Drives one Proton environment account connection through the two-account handshake: resolves both accounts and
 * the role ARNs, observes the connection (by the id in status, its ownership tag checked: {@link
 * ConnectionOwnership}) and in batches ({@link ConnectionObservation}), and performs the steps {@link
 * HandshakeDecision} picks ({@link HandshakeSteps}: each with the account AWS requires, environment account: create,
 * tag, update; management account: accept). Steps follow each other in one reconcile while each is quick (a new connection costs
 * Create plus Accept), then it reschedules; a steady-state resync costs a share of one listing per account. Deletion
 * is {@link ConnectionDeletion}'s; status assembly {@link HandshakeOutcomes}'; the accept-only side
 * (environmentAccountId) is {@link AcceptOnlySide}'s. The {@link ReconcileRequest} annotation observes afresh.
 *
 * <p>Conditions: Requested and Accepted (each naming the account, role and AWS error of its side), Deleted (while
 * a deletion is held), Ready (Connected, Observed), Reconciling (WaitingForAccount, WaitingForRoles,
 * AwaitingAcceptance, AwaitingObject, Accepting, Paused, Throttled), Stalled (NamespaceNotAllowed, AccountNotReady,
 * SameAccount, RoleInOtherAccount, InvalidRoleArn, RoleOutputNotFound, RolesNotReady, Rejected, OwnedByAnother,
 * AdoptionRefused, ConnectionConflict, InUse, AccessDenied ...); the spec's own mistakes stall it before any Proton
 * call. Wakes when its AwsAccounts or ConnectionRoles change.
 */
@ControllerConfiguration(
        name = "environmentaccountconnection",
        generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = SpecOrPauseChanged.class))
public class EnvironmentAccountConnectionReconciler
        implements Reconciler<EnvironmentAccountConnection>, Cleaner<EnvironmentAccountConnection> {

    private static final int MAX_STEPS = 5;

    private final ConnectionAccounts accounts;
    private final EventRecorder events;
    private final OperatorConfig config;
    private final Conditions conditions = new Conditions(Clock.systemUTC());
    private final RecentObservations recent;
    private final ConnectionOwnership ownership = new ConnectionOwnership();
    private final ConnectionObservation observation;
    private final ResyncWaves waves;
    private final ConnectionStateMetrics metrics;
    private final ConnectionDeletion deletion;
    private final AcceptOnlySide acceptOnly;
    private final HandshakeSteps steps;

    public EnvironmentAccountConnectionReconciler(
            AccountResolver accounts,
            AwsClients clients,
            EventRecorder events,
            OperatorConfig config,
            ConnectionStateMetrics metrics) {
        this.metrics = metrics;
        this.accounts = new ConnectionAccounts(accounts, clients);
        this.events = events;
        this.config = config;
        // Shorter than every scheduled recheck (stalled-recheck polls a connection awaiting a person's acceptance), so
        // a reconcile the operator scheduled itself always reads AWS; only wake-ups in between reuse.
        this.recent = new RecentObservations(config.stalledRecheck().dividedBy(2), Clock.systemUTC());
        this.observation =
                new ConnectionObservation(ownership, ConnectionObservation.listingReuse(config), Clock.systemUTC());
        this.waves = new ResyncWaves(config.resyncPeriod(), Clock.systemUTC(), ResyncJitter.random());
        this.deletion = new ConnectionDeletion(this.accounts, ownership, recent, events, config);
        this.steps = new HandshakeSteps(recent, ownership, events);
        this.acceptOnly = new AcceptOnlySide(accounts, clients, events, config);
    }

    @Override
    public List<EventSource<?, EnvironmentAccountConnection>> prepareEventSources(
            EventSourceContext<EnvironmentAccountConnection> context) {
        return ConnectionEventSources.prepare(context, config, this::forget);
    }

    @Override
    public UpdateControl<EnvironmentAccountConnection> reconcile(
            EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context) {
        try (var caller = RateLimitCaller.enter(connection.getMetadata().getUid())) {
            if (connection.getSpec().isAcceptOnly()) {
                return write(connection, acceptOnly.reconcile(connection, context));
            }
            return write(connection, handshake(connection, context));
        }
    }

    @Override
    public DeleteControl cleanup(
            EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context) {
        HandshakeOutcome outcome;
        try (var caller = RateLimitCaller.enter(connection.getMetadata().getUid())) {
            outcome = connection.getSpec().isAcceptOnly()
                    ? acceptOnly.release(connection)
                    : deletion.delete(connection, context);
        }
        if (outcome.released()) {
            forget(connection.getMetadata().getUid());
            return DeleteControl.defaultDelete();
        }
        if (write(connection, outcome).isPatchStatus()) {
            StatusPatches.patchStatus(context.getClient(), connection, connection.getStatus());
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(outcome.next());
    }

    /** Resolves what the spec asks for; then observes, decides and acts. */
    private HandshakeOutcome handshake(
            EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context) {
        EnvironmentAccountConnectionSpec spec = connection.getSpec();
        ConnectionAccounts.Sessions sessions = accounts.resolve(connection, context);
        if (!sessions.isResolved()) {
            return HandshakeOutcome.blocked(sessions.blocked(), nextFor(sessions.blocked()));
        }
        String environmentAccountId = sessions.environment().accountId();
        if (sessions.managementAccountId().equals(environmentAccountId)) {
            Progress same = Progress.stalled(
                    "SameAccount",
                    "The management account " + sessions.managementAccountId() + " ("
                            + (sessions.management() != null
                                    ? "managementAccountRef " + spec.managementAccountRef()
                                    : "managementAccountId")
                            + ") is the environment account of environmentAccountRef " + spec.environmentAccountRef()
                            + "; a connection links an environment account to a different management account");
            return HandshakeOutcome.blocked(same, nextFor(same));
        }
        RoleResolution.Result roles = RoleResolution.resolve(
                spec,
                environmentAccountId,
                name -> context.getSecondaryResources(ConnectionRoles.class).stream()
                        .filter(r -> r.getMetadata().getName().equals(name))
                        .findFirst());
        if (roles.roles() == null) {
            return HandshakeOutcome.blocked(roles.waiting(), nextFor(roles.waiting()));
        }
        DesiredConnection desired = DesiredConnection.forHandshake(
                connection, environmentAccountId, sessions.managementAccountId(), roles.roles());
        HandshakeSides sides = sessions.sides(roles.roles());
        return converge(
                connection,
                desired,
                accounts.gateway(sessions),
                new SideCalls(sides),
                new HandshakeOutcomes(
                        config,
                        sides,
                        () -> waves.untilNextResync(ConnectionObservation.ListingKey.of(sides.environment()))),
                ReconcileRequest.isNew(
                        connection,
                        connection.getStatus() == null
                                ? null
                                : connection.getStatus().lastHandledReconcileAt()));
    }

    /**
     * Observes the connection (reusing a fresh observation, by the id known, or by its environment name while
     * another resource's connection holds it), then lets {@link HandshakeDecision} pick steps and performs them
     * while each is quick, up to {@value #MAX_STEPS}. {@code fresh}: observe AWS anew, reusing no listing or memory.
     */
    private HandshakeOutcome converge(
            EnvironmentAccountConnection connection,
            DesiredConnection desired,
            ConnectionGateway gateway,
            SideCalls calls,
            HandshakeOutcomes outcomes,
            boolean fresh) {
        EnvironmentAccountConnectionStatus status = connection.getStatus();
        String uid = connection.getMetadata().getUid();
        Long generation = connection.getMetadata().getGeneration();
        String knownId = status != null && status.connectionId() != null
                ? status.connectionId()
                : recent.requestedId(uid).orElse(null);
        if (fresh) {
            ownership.forget(uid);
        }
        Optional<ObservedConnection> recently = fresh ? Optional.empty() : recent.fresh(uid, generation);
        boolean reused = recently.isPresent() && recently.get().id().equals(knownId);
        Optional<ObservedConnection> observed = reused ? recently : Optional.empty();
        try {
            if (!reused && knownId != null) {
                observed = observation.read(
                        uid, knownId, vouching(status, generation, desired), desired.owner(), gateway, calls, fresh);
            } else if (!reused && (wasOwnedByAnother(status) || desired.findsBeforeCreating())) {
                // look, don't touch: a Create would be refused while another's lives, or is not this resource's to make
                observed = ownership.find(desired, gateway, calls);
            }
            for (int step = 0; step < MAX_STEPS; step++) {
                HandshakeAction action = HandshakeDecision.decide(desired, observed, List.of());
                if (action instanceof HandshakeAction.OwnedByAnother) {
                    forget(uid);
                    return outcomes.settle(action, null, false);
                }
                Optional<ObservedConnection> next = steps.perform(connection, action, desired, gateway, calls, knownId);
                if (next == null) {
                    if (!reused) {
                        observed.ifPresent(o -> recent.observed(uid, generation, o));
                    }
                    return outcomes.settle(action, observed.orElse(null), gateway.canActInManagementAccount());
                }
                observed = next;
                reused = false;
            }
            HandshakeAction pending = HandshakeDecision.decide(desired, observed, List.of());
            return outcomes.settle(pending, observed.orElse(null), gateway.canActInManagementAccount());
        } catch (SideCalls.SideFailure failure) {
            recent.invalidate(uid);
            return outcomes.failed(failure, observed.orElse(null));
        } catch (SideCalls.ThrottledCall throttled) {
            if (!reused) {
                observed.ifPresent(o -> recent.observed(uid, generation, o));
            }
            return outcomes.throttled(throttled, observed.orElse(null), readyNow(status, generation));
        } catch (ConnectionGateway.UnresolvedConflict conflict) {
            return outcomes.unresolvedConflict(desired, conflict.getMessage());
        } catch (AwsFailure retryable) {
            recent.invalidate(uid);
            throw retryable;
        }
    }

    /**
     * The status that may vouch for an unchanged connection after a restart: never one written under ObserveOnly,
     * which reports whatever it finds (another owner's connection too), nor one from an earlier generation (a switch
     * from ObserveOnly to FullControl must read the owner tag before its first write).
     */
    private static EnvironmentAccountConnectionStatus vouching(
            EnvironmentAccountConnectionStatus status, Long generation, DesiredConnection desired) {
        return status != null && !desired.observeOnly() && Objects.equals(status.observedGeneration(), generation)
                ? status
                : null;
    }

    /** The Ready condition when status shows the connection Ready for this generation; else null. */
    private static Condition readyNow(EnvironmentAccountConnectionStatus status, Long generation) {
        if (status == null || !Objects.equals(status.observedGeneration(), generation)) {
            return null;
        }
        Condition ready = Conditions.find(status.conditions(), ConditionTypes.READY);
        return ready != null && "True".equals(ready.getStatus()) ? ready : null;
    }

    private static boolean wasOwnedByAnother(EnvironmentAccountConnectionStatus status) {
        Condition stalled = status == null ? null : Conditions.find(status.conditions(), ConditionTypes.STALLED);
        return stalled != null && "OwnedByAnother".equals(stalled.getReason());
    }

    private void forget(String uid) {
        recent.forget(uid);
        ownership.forget(uid);
        metrics.forget(uid);
    }

    private Duration nextFor(Progress progress) {
        return progress.isStalled() ? config.stalledRecheck() : config.pollInterval();
    }

    private UpdateControl<EnvironmentAccountConnection> write(
            EnvironmentAccountConnection connection, HandshakeOutcome outcome) {
        if (outcome.keepsStatus()) {
            return UpdateControl.<EnvironmentAccountConnection>noUpdate().rescheduleAfter(outcome.next());
        }
        EnvironmentAccountConnectionStatus old = connection.getStatus();
        EnvironmentAccountConnectionStatus status = HandshakeStatus.build(
                        conditions, old, connection.getMetadata().getGeneration(), outcome)
                .withLastHandledReconcileAt(
                        ReconcileRequest.handled(connection, old == null ? null : old.lastHandledReconcileAt()));
        metrics.record(connection.getMetadata().getUid(), status.state());
        if (Objects.equals(old, status)) {
            return UpdateControl.<EnvironmentAccountConnection>noUpdate().rescheduleAfter(outcome.next());
        }
        events.progressChanged(connection, old == null ? null : old.conditions(), outcome.progress());
        connection.setStatus(status);
        return UpdateControl.patchStatus(connection).rescheduleAfter(outcome.next());
    }
}
