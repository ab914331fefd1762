package dev.ops.proton.connection;

import dev.ops.proton.account.AccountResolver;
import dev.ops.proton.account.AccountSession;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.aws.AwsClients;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.EventRecorder;
import dev.ops.proton.status.Pause;
import dev.ops.proton.status.Progress;
import dev.ops.proton.status.ResyncJitter;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/**
 * The accept-only side of a connection (environmentAccountId with managementAccountRef): the environment account's
 * side requests elsewhere, this resource acts in the management account alone. Each reconcile lists the requests for
 * its environment name (one call, also at rest, so a resync follows the connection) and performs at most one write
 * that {@link AcceptOnlyDecision} picks: accept a matching request, or reject a mismatched one when the spec asks.
 * Its deletion never writes to AWS, whatever deletionPolicy says: the connection is the environment side's.
 *
 * <p>Conditions: Ready (Connected), Reconciling (AwaitingRequest, rechecked every stalled-recheck; Paused; Throttled;
 * WaitingForAccount), Stalled (RequestMismatch, SameAccount, NamespaceNotAllowed, AccountNotReady, AccessDenied ...);
 * Requested and Accepted say what was found and done.
 */
final class AcceptOnlySide {

    /** Resources created together don't resync together. */
    private static final ResyncJitter RESYNC = ResyncJitter.random();

    private final AccountResolver accounts;
    private final AwsClients clients;
    private final EventRecorder events;
    private final OperatorConfig config;

    AcceptOnlySide(AccountResolver accounts, AwsClients clients, EventRecorder events, OperatorConfig config) {
        this.accounts = accounts;
        this.clients = clients;
        this.events = events;
        this.config = config;
    }

    HandshakeOutcome reconcile(EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context) {
        EnvironmentAccountConnectionSpec spec = connection.getSpec();
        AccountResolver.Resolution resolution = accounts.resolve(
                context.getSecondaryResources(AwsAccount.class).stream()
                        .filter(a -> a.getMetadata().getName().equals(spec.managementAccountRef()))
                        .findFirst(),
                spec.managementAccountRef(),
                connection.getMetadata().getNamespace());
        if (!resolution.isResolved()) {
            Progress blocked = resolution.blocked();
            return HandshakeOutcome.blocked(
                    blocked, blocked.isStalled() ? config.stalledRecheck() : config.pollInterval());
        }
        AccountSession management = resolution.session();
        HandshakeSides sides = new HandshakeSides(null, management, management.accountId(), null);
        if (management.accountId().equals(spec.environmentAccountId())) {
            return HandshakeOutcome.blocked(
                    Progress.stalled(
                            "SameAccount",
                            "environmentAccountId " + spec.environmentAccountId() + " is the " + sides.managementSide()
                                    + "; a connection links an environment account to a different management account"),
                    config.stalledRecheck());
        }
        AcceptSideGateway gateway = new AcceptSideGateway(
                clients.proton(management.accountId(), management.credentials(), management.region()));
        SideCalls calls = new SideCalls(sides);
        HandshakeOutcomes outcomes = new HandshakeOutcomes(config, sides);
        AcceptOnlyDecision.Expected expected = AcceptOnlyDecision.Expected.of(spec);
        try {
            List<ObservedConnection> requests = calls.management(
                    "ListEnvironmentAccountConnections", () -> gateway.requestsFor(spec.environmentName()));
            AcceptOnlyDecision.Action action =
                    AcceptOnlyDecision.decide(expected, requests, Pause.isPaused(connection));
            if (action instanceof AcceptOnlyDecision.Action.Accept accept) {
                ObservedConnection accepted =
                        calls.management("AcceptEnvironmentAccountConnection", () -> gateway.accept(accept.request()));
                events.normal(
                        connection,
                        "Accepted",
                        "Accepted connection " + accepted.id() + " from environment account "
                                + accepted.environmentAccountId() + " in " + sides.managementSide());
                return connected(accepted, sides);
            }
            if (action instanceof AcceptOnlyDecision.Action.Reject reject) {
                calls.management("RejectEnvironmentAccountConnection", () -> gateway.reject(reject.request()));
                events.warning(
                        connection,
                        "RejectedRequest",
                        "Rejected request " + reject.request().id() + " (spec.expectedRequest.onMismatch Reject): "
                                + reject.difference());
                return mismatch(reject.request(), reject.difference(), true, sides);
            }
            return settle(action, expected, spec.environmentName(), sides);
        } catch (SideCalls.SideFailure failure) {
            return outcomes.failed(failure, null);
        } catch (SideCalls.ThrottledCall throttled) {
            return outcomes.throttled(throttled, null);
        }
    }

    /** Lets go without any AWS call: the connection belongs to the environment account's side. */
    HandshakeOutcome release(EnvironmentAccountConnection connection) {
        EnvironmentAccountConnectionSpec spec = connection.getSpec();
        EnvironmentAccountConnectionStatus status = connection.getStatus();
        String id = status == null ? null : status.connectionId();
        events.normal(
                connection,
                "Released",
                "Accept-only side: released without touching AWS"
                        + (id == null
                                ? ""
                                : "; connection " + id + " stays, owned by environment account "
                                        + spec.environmentAccountId())
                        + (spec.deletionPolicy() == DeletionPolicy.Delete
                                ? " (deletionPolicy Delete does not apply: only the environment account's side "
                                        + "deletes its connection)"
                                : ""));
        return HandshakeOutcome.released("Accept-only side released");
    }

    private HandshakeOutcome settle(
            AcceptOnlyDecision.Action action,
            AcceptOnlyDecision.Expected expected,
            String environmentName,
            HandshakeSides sides) {
        if (action instanceof AcceptOnlyDecision.Action.Connected connected) {
            return connected(connected.connection(), sides);
        }
        if (action instanceof AcceptOnlyDecision.Action.Mismatch mismatch) {
            return mismatch(mismatch.request(), mismatch.difference(), false, sides);
        }
        if (action instanceof AcceptOnlyDecision.Action.Paused paused) {
            String instead = paused.instead() instanceof AcceptOnlyDecision.Action.Accept accept
                    ? "accepting request " + accept.request().id()
                    : "rejecting request "
                            + ((AcceptOnlyDecision.Action.Reject) paused.instead())
                                    .request()
                                    .id();
            return HandshakeOutcome.of(
                    Progress.reconciling(
                            "Paused",
                            "AWS writes are paused by the annotation " + Pause.ANNOTATION + " (next: " + instead
                                    + "); remove it to resume"),
                    RESYNC.spread(config.resyncPeriod()),
                    null,
                    null,
                    null);
        }
        String message = "No PENDING request for environment " + environmentName + " from environment account "
                + expected.environmentAccountId() + " to " + sides.managementSide()
                + " yet: the environment account's side requests it; rechecked every "
                + config.stalledRecheck().toSeconds() + "s";
        HandshakeStatus.Side awaiting = new HandshakeStatus.Side(false, "AwaitingRequest", message);
        return new HandshakeOutcome(
                Progress.reconciling("AwaitingRequest", message),
                config.stalledRecheck(),
                null,
                awaiting,
                awaiting,
                null,
                true,
                false,
                false);
    }

    private HandshakeOutcome connected(ObservedConnection connection, HandshakeSides sides) {
        String from = "environment account " + connection.environmentAccountId() + " (role "
                + connection.roles().roleArn() + ")";
        return HandshakeOutcome.of(
                Progress.ready(
                        "Connected",
                        "Connection " + connection.id() + " from " + from + " is CONNECTED to "
                                + sides.managementSide()),
                RESYNC.spread(config.resyncPeriod()),
                connection,
                new HandshakeStatus.Side(true, "Requested", "Connection " + connection.id() + " requested by " + from),
                new HandshakeStatus.Side(true, "Accepted", "Accepted by " + sides.managementSide()));
    }

    /** A request that doesn't match: never accepted, and not shown as this resource's connection. */
    private HandshakeOutcome mismatch(
            ObservedConnection request, String difference, boolean rejected, HandshakeSides sides) {
        String message = "Request " + request.id() + " for environment " + request.environmentName() + " to "
                + sides.managementSide() + " does not match the spec: " + difference + ". "
                + (rejected
                        ? "It was rejected (expectedRequest.onMismatch Reject); a new request that matches is accepted"
                        : "It is not accepted: fix spec.expectedRequest, or have the environment account request "
                                + "with what the spec expects (expectedRequest.onMismatch Reject rejects such requests)");
        return HandshakeOutcome.stalledOverAnothers("RequestMismatch", message, config.stalledRecheck());
    }
}
