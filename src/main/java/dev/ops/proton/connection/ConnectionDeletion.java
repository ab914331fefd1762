package dev.ops.proton.connection;

import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.EventRecorder;
import dev.ops.proton.status.Pause;
import dev.ops.proton.status.Progress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;
import java.util.Optional;

/**
 * Deletes a resource's connection as its deletionPolicy says, needing only what deletion needs: the account to act
 * in and the connection id. Roles are not resolved (a ConnectionRoles deleted first must not hold the deletion).
 *
 * <ul>
 *   <li>Retain, including when switched to during a deletion that is held: released without any AWS call; an Event
 *       names the connection left in AWS (a Warning when the deletion had been held under Delete).
 *   <li>Delete: only a connection tagged for this resource is deleted (found by the id in status, its tag checked,
 *       or by its environment name when no id was recorded); another owner's is never touched. While a Proton
 *       environment uses it, or the account can't be used (AwsAccount missing, not ready, namespace no longer
 *       allowed), the finalizer stays, with the Deleted condition and Stalled saying why and how to proceed.
 * </ul>
 */
final class ConnectionDeletion {

    private final ConnectionAccounts accounts;
    private final ConnectionOwnership ownership;
    private final RecentObservations recent;
    private final EventRecorder events;
    private final OperatorConfig config;

    ConnectionDeletion(
            ConnectionAccounts accounts,
            ConnectionOwnership ownership,
            RecentObservations recent,
            EventRecorder events,
            OperatorConfig config) {
        this.accounts = accounts;
        this.ownership = ownership;
        this.recent = recent;
        this.events = events;
        this.config = config;
    }

    HandshakeOutcome delete(EnvironmentAccountConnection connection, Context<EnvironmentAccountConnection> context) {
        String uid = connection.getMetadata().getUid();
        EnvironmentAccountConnectionStatus status = connection.getStatus();
        String knownId = status != null && status.connectionId() != null
                ? status.connectionId()
                : recent.requestedId(uid).orElse(null);
        if (connection.getSpec().deletionPolicy() != DeletionPolicy.Delete
                || ManagementPolicy.isObserveOnly(connection.getSpec().managementPolicy())) {
            return retain(connection, knownId);
        }
        ConnectionAccounts.Sessions sessions = accounts.resolve(connection, context);
        if (!sessions.isResolved()) {
            return accountUnusable(connection, knownId, sessions.blocked());
        }
        HandshakeSides sides = sessions.sides(null);
        SideCalls calls = new SideCalls(sides);
        HandshakeOutcomes outcomes = new HandshakeOutcomes(config, sides);
        ConnectionGateway gateway = accounts.gateway(sessions);
        String owner = OwnershipTag.value(
                connection.getMetadata().getNamespace(),
                connection.getMetadata().getName());
        DesiredConnection desired = new DesiredConnection(
                owner,
                connection.getSpec().environmentName(),
                sides.environment().accountId(),
                sides.managementAccountId(),
                null,
                false,
                Pause.isPaused(connection),
                true,
                true);
        Optional<ObservedConnection> observed = Optional.empty();
        try {
            observed = knownId != null
                    ? ownership.read(uid, knownId, gateway, calls)
                    : ownership.find(desired, gateway, calls);
            List<String> usedBy = List.of();
            if (observed.isPresent() && owner.equals(observed.get().ownerTag())) {
                if (!gateway.canActInManagementAccount()) {
                    return outcomes.stalled(
                                    "CannotCheckEnvironments",
                                    "deletionPolicy Delete needs managementAccountRef to check that no Proton "
                                            + "environment uses connection "
                                            + observed.get().id()
                                            + "; set it, or set spec.deletionPolicy to Retain to leave the "
                                            + "connection in AWS",
                                    observed.get())
                            .holdingDeletion();
                }
                String id = observed.get().id();
                usedBy = calls.management("ListEnvironments", () -> gateway.environmentsUsing(id));
            }
            HandshakeAction action = HandshakeDecision.decide(desired, observed, usedBy);
            if (action instanceof HandshakeAction.Delete delete) {
                calls.environment("DeleteEnvironmentAccountConnection", () -> {
                    gateway.delete(delete.connection());
                    return null;
                });
                events.normal(
                        connection,
                        "Deleted",
                        "Deleted connection " + delete.connection().id() + " from " + sides.environmentSide());
                return HandshakeOutcome.released("Connection deleted");
            }
            if (action instanceof HandshakeAction.Release) {
                events.normal(connection, "Released", releasedMessage(observed, owner, knownId));
                return HandshakeOutcome.released("Connection released");
            }
            return outcomes.settle(action, observed.orElse(null), false).holdingDeletion();
        } catch (SideCalls.SideFailure failure) {
            recent.invalidate(uid);
            return outcomes.failed(failure, observed.orElse(null)).holdingDeletion();
        } catch (SideCalls.ThrottledCall throttled) {
            return outcomes.throttled(throttled, observed.orElse(null)).holdingDeletion();
        } catch (AwsFailure retryable) {
            recent.invalidate(uid);
            throw retryable;
        }
    }

    /** Retain or ObserveOnly, from the start or switched to while the deletion was held: let go without any AWS call. */
    private HandshakeOutcome retain(EnvironmentAccountConnection connection, String knownId) {
        EnvironmentAccountConnectionStatus status = connection.getStatus();
        String left = knownId == null
                ? "no connection was recorded for it, so nothing is known to remain in AWS"
                : "connection " + knownId
                        + (status != null && status.arn() != null ? " (" + status.arn() + ")" : "")
                        + " stays in AWS, in environment account "
                        + (status != null && status.environmentAccountId() != null
                                ? status.environmentAccountId()
                                : "of AwsAccount " + connection.getSpec().environmentAccountRef());
        boolean wasHeld = status != null && Conditions.find(status.conditions(), ConditionTypes.DELETED) != null;
        if (wasHeld) {
            events.warning(
                    connection,
                    "RetainedInAws",
                    "deletionPolicy was switched to Retain during the deletion: released without touching AWS; "
                            + left);
        } else {
            events.normal(
                    connection,
                    "Released",
                    (ManagementPolicy.isObserveOnly(connection.getSpec().managementPolicy())
                                    ? "managementPolicy ObserveOnly never deletes"
                                    : "deletionPolicy Retain")
                            + ": released; " + left);
        }
        return HandshakeOutcome.released("Connection retained (deletionPolicy Retain)");
    }

    /**
     * The account can't be used: deleting the connection would need it. With no connection recorded there is
     * nothing to delete; otherwise the finalizer stays and the status says how to proceed.
     */
    private HandshakeOutcome accountUnusable(
            EnvironmentAccountConnection connection, String knownId, Progress blocked) {
        if (knownId == null) {
            events.normal(
                    connection,
                    "Released",
                    "No connection was recorded for this resource, so there is nothing to delete (" + blocked.message()
                            + ")");
            return HandshakeOutcome.released("Nothing to delete");
        }
        String message = blocked.message() + ". Connection " + knownId + " can't be deleted until the account can "
                + "be used: fix that, or set spec.deletionPolicy to Retain to release this resource and leave the "
                + "connection in AWS";
        Progress progress = new Progress(blocked.state(), blocked.reason(), message);
        return HandshakeOutcome.blocked(
                        progress, progress.isStalled() ? config.stalledRecheck() : config.pollInterval())
                .holdingDeletion();
    }

    private static String releasedMessage(Optional<ObservedConnection> observed, String owner, String knownId) {
        if (observed.isEmpty()) {
            return knownId == null
                    ? "No live connection of this resource found; nothing to delete"
                    : "Connection " + knownId + " is already gone";
        }
        ObservedConnection found = observed.get();
        return found.ownerTag() == null
                ? "Connection " + found.id() + " is not tagged " + OwnershipTag.KEY + "=" + owner
                        + ", so it is not provably this resource's: left in AWS"
                : "The live connection for environment " + found.environmentName() + " belongs to " + found.ownerTag()
                        + ": left alone";
    }
}
