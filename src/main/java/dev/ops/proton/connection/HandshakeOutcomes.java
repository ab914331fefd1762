package dev.ops.proton.connection;

import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.model.ControlReasons;
import dev.ops.proton.status.Pause;
import dev.ops.proton.status.Progress;
import dev.ops.proton.status.ResyncJitter;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Turns where a reconcile ended into the status it shows and when it looks again: the step it stopped at, a failure
 * on one side, throttling. A step it had no budget left to perform is reported as the state the connection is really
 * in, with the step to come ("Accepting", "UpdatingRoles"...), never as waiting for a person.
 */
final class HandshakeOutcomes {

    /** Resources created together don't resync together. */
    private static final ResyncJitter RESYNC = ResyncJitter.random();

    private final OperatorConfig config;
    private final HandshakeSides sides;
    private final Supplier<Duration> atRest;

    HandshakeOutcomes(OperatorConfig config, HandshakeSides sides) {
        this(config, sides, () -> RESYNC.spread(config.resyncPeriod()));
    }

    /** @param atRest when a connection in sync (or observed, CONNECTED) looks again, e.g. {@link ResyncWaves} */
    HandshakeOutcomes(OperatorConfig config, HandshakeSides sides, Supplier<Duration> atRest) {
        this.config = config;
        this.sides = sides;
        this.atRest = atRest;
    }

    /**
     * The status for the action the decision picked, when the reconcile performs no more steps: the action ends it
     * (InSync, a stall, waiting for a person) or the reconcile's step budget is spent.
     */
    HandshakeOutcome settle(HandshakeAction action, ObservedConnection observed, boolean canAccept) {
        HandshakeStatus.Side requested = observed == null ? null : requested(observed);
        if (action instanceof HandshakeAction.Release) {
            return HandshakeOutcome.released("Connection released");
        }
        if (action instanceof HandshakeAction.InSync) {
            return HandshakeOutcome.of(
                    Progress.ready(
                            "Connected", "Connection " + observed.id() + " is CONNECTED to " + sides.managementSide()),
                    atRest.get(),
                    observed,
                    requested,
                    new HandshakeStatus.Side(true, "Accepted", "Accepted by " + sides.managementSide()));
        }
        if (action instanceof HandshakeAction.Observed) {
            return observed.state() == ConnectionState.CONNECTED
                    ? HandshakeOutcome.of(
                            Progress.ready(
                                    ControlReasons.OBSERVED,
                                    "Connection " + observed.id() + " is CONNECTED to management account "
                                            + observed.managementAccountId() + " (observed only: managementPolicy "
                                            + "ObserveOnly, "
                                            + (observed.ownerTag() == null
                                                    ? "untagged"
                                                    : "tagged " + OwnershipTag.KEY + "=" + observed.ownerTag())
                                            + ")"),
                            atRest.get(),
                            observed,
                            requested,
                            new HandshakeStatus.Side(true, "Accepted", "Accepted (observed)"))
                    : awaitingPerson(observed, requested);
        }
        if (action instanceof HandshakeAction.AwaitObject await) {
            return HandshakeOutcome.of(
                    Progress.reconciling(ControlReasons.AWAITING_OBJECT, await.message()),
                    config.stalledRecheck(),
                    null,
                    null,
                    null);
        }
        if (action instanceof HandshakeAction.Accept && canAccept) {
            return next("Accepting", "is PENDING; accepting it from " + sides.managementSide() + " next", observed);
        }
        if (action instanceof HandshakeAction.Accept || action instanceof HandshakeAction.AwaitAcceptance) {
            return awaitingPerson(observed, requested);
        }
        if (action instanceof HandshakeAction.Create) {
            return HandshakeOutcome.of(
                    Progress.reconciling(
                            "Requesting", "Requesting a connection from " + sides.environmentSide() + " next"),
                    config.pollInterval(),
                    null,
                    null,
                    null);
        }
        if (action instanceof HandshakeAction.Adopt) {
            return next("Adopting", "is untagged; tagging it for this resource next", observed);
        }
        if (action instanceof HandshakeAction.UpdateRoles) {
            return next("UpdatingRoles", "has other roles than the spec; updating them next", observed);
        }
        if (action instanceof HandshakeAction.Delete) {
            return next("Deleting", "is being deleted from " + sides.environmentSide(), observed);
        }
        if (action instanceof HandshakeAction.Paused) {
            return HandshakeOutcome.of(
                    Progress.reconciling(
                            "Paused",
                            "AWS writes are paused by the annotation " + Pause.ANNOTATION + "; remove it to resume"),
                    RESYNC.spread(config.resyncPeriod()),
                    observed,
                    requested,
                    null);
        }
        if (action instanceof HandshakeAction.BlockedByEnvironment blocked) {
            return stalled(
                    "InUse",
                    "Proton environment " + blocked.environmentName() + " in " + sides.managementSide()
                            + " still uses connection " + observed.id()
                            + "; deleting it would leave the environment unmanaged. Delete or move the "
                            + "environment first, or set spec.deletionPolicy to Retain to leave the connection",
                    observed);
        }
        if (action instanceof HandshakeAction.OwnedByAnother other) {
            return ownedByAnother(other.connection());
        }
        HandshakeAction.Stall stall = (HandshakeAction.Stall) action;
        return HandshakeOutcome.of(
                Progress.stalled(stall.reason(), stall.message()),
                config.stalledRecheck(),
                observed,
                requested,
                "Rejected".equals(stall.reason())
                        ? new HandshakeStatus.Side(false, "Rejected", stall.message())
                        : null);
    }

    /**
     * Another resource's connection holds the environment name. Its id is not shown, and status drops whatever
     * connection it showed: none of it is this resource's.
     */
    HandshakeOutcome ownedByAnother(ObservedConnection theirs) {
        String message = "Environment " + theirs.environmentName() + " already has a live connection from "
                + sides.environmentSide() + " to management account " + theirs.managementAccountId()
                + ", tagged " + OwnershipTag.KEY + "=" + theirs.ownerTag()
                + ": it belongs to that resource and this one leaves it alone (its deletion never touches it). "
                + "Use another environmentName, or delete this resource";
        return HandshakeOutcome.stalledOverAnothers("OwnedByAnother", message, config.stalledRecheck());
    }

    /**
     * Proton refused a Create as a conflict, and no live connection explains it. Stalled: retrying at once can't
     * help, but it is re-checked every stalled-recheck, so it resolves itself once the conflict goes.
     */
    HandshakeOutcome unresolvedConflict(DesiredConnection desired, String awsMessage) {
        String message = "Proton refused to request a connection for environment " + desired.environmentName()
                + " to management account " + desired.managementAccountId() + " from " + sides.environmentSide()
                + " (ConflictException: " + awsMessage + "), but lists no live connection for it there. Look for "
                + "a connection for that environment name in another state or region (aws proton "
                + "list-environment-account-connections --requested-by ENVIRONMENT_ACCOUNT), or use another "
                + "environmentName; this is re-checked every "
                + config.stalledRecheck().toSeconds() + "s";
        HandshakeStatus.Side side = new HandshakeStatus.Side(false, "ConnectionConflict", message);
        return HandshakeOutcome.of(
                Progress.stalled("ConnectionConflict", message), config.stalledRecheck(), null, side, null);
    }

    HandshakeOutcome stalled(String reason, String message, ObservedConnection observed) {
        return HandshakeOutcome.of(Progress.stalled(reason, message), config.stalledRecheck(), observed, null, null);
    }

    /**
     * Throttling is back-pressure from the account's rate limit, not an outage: the step waits for the turn the
     * client-side rate limit keeps for this resource, never for the growing backoff that would leave some steps idle
     * for minutes once the limit frees up. The status keeps what was achieved.
     */
    HandshakeOutcome throttled(SideCalls.ThrottledCall call, ObservedConnection observed) {
        return throttled(call, observed, null);
    }

    /**
     * As {@link #throttled(SideCalls.ThrottledCall, ObservedConnection)}; a resource Ready for its generation whose
     * resync read had to wait ({@code ready}, its Ready condition) stays Ready: nothing new was learnt.
     */
    HandshakeOutcome throttled(SideCalls.ThrottledCall call, ObservedConnection observed, Condition ready) {
        Duration next = call.failure
                .retryAfter()
                .orElseGet(() -> Duration.ofMillis((long) (config.pollInterval().toMillis()
                        * (0.5 + ThreadLocalRandom.current().nextDouble()))));
        if (observed == null && ready != null) {
            return HandshakeOutcome.of(Progress.ready(ready.getReason(), ready.getMessage()), next, null, null, null);
        }
        // the same words each time, whether AWS throttled the call or the client held it back: no status write per turn
        String message = call.failure.operation() + " in "
                + (call.environmentSide ? sides.environmentSide() : sides.managementSide())
                + " waits for its turn in the account's Proton rate limit, which the operator learns from AWS's "
                + "throttling";
        HandshakeOutcome waiting = HandshakeOutcome.of(
                Progress.reconciling("Throttled", message),
                next,
                observed,
                observed == null ? null : requested(observed),
                null);
        // a turn within a poll interval, that AWS never refused, is not worth a status write (two, with the next)
        return call.failure.isHeldBack() && next.compareTo(config.pollInterval()) < 0
                ? waiting.keepingStatus()
                : waiting;
    }

    HandshakeOutcome failed(SideCalls.SideFailure failure, ObservedConnection observed) {
        String reason = failure.failure.conditionReason();
        if (failure.environmentSide) {
            String message = sides.environmentSide() + ": " + failure.getMessage();
            return HandshakeOutcome.of(
                    Progress.stalled(reason, message),
                    config.stalledRecheck(),
                    observed,
                    new HandshakeStatus.Side(false, reason, message),
                    null);
        }
        String message = sides.managementSide() + ": " + failure.getMessage();
        return HandshakeOutcome.of(
                Progress.stalled(reason, message),
                config.stalledRecheck(),
                observed,
                observed == null ? null : requested(observed),
                new HandshakeStatus.Side(false, reason, message));
    }

    private HandshakeOutcome awaitingPerson(ObservedConnection observed, HandshakeStatus.Side requested) {
        String message = "Connection " + (observed == null ? "" : observed.id() + " ") + "is PENDING: waiting for "
                + "a person in " + sides.managementSide() + " to accept it";
        return HandshakeOutcome.of(
                Progress.reconciling("AwaitingAcceptance", message),
                config.stalledRecheck(),
                observed,
                requested,
                new HandshakeStatus.Side(false, "AwaitingAcceptance", message));
    }

    private HandshakeOutcome next(String reason, String what, ObservedConnection observed) {
        String message = "Connection " + observed.id() + " (" + observed.state() + ") " + what;
        return HandshakeOutcome.of(
                Progress.reconciling(reason, message), config.pollInterval(), observed, requested(observed), null);
    }

    private HandshakeStatus.Side requested(ObservedConnection observed) {
        return new HandshakeStatus.Side(
                true, "Requested", "Connection " + observed.id() + " requested by " + sides.environmentSide());
    }
}
