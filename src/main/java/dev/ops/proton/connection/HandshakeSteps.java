package dev.ops.proton.connection;

import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.status.EventRecorder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The handshake's writes, each with the account AWS requires (environment account: create, tag, update; management
 * account: accept) and an Event: what {@link HandshakeDecision} picks, {@link EnvironmentAccountConnectionReconciler}
 * performs through here, remembering what it made and owns.
 */
final class HandshakeSteps {

    private final RecentObservations recent;
    private final ConnectionOwnership ownership;
    private final EventRecorder events;

    HandshakeSteps(RecentObservations recent, ConnectionOwnership ownership, EventRecorder events) {
        this.recent = recent;
        this.ownership = ownership;
        this.events = events;
    }

    /** Performs a write; returns the new observation to decide on, or null when the action ends this reconcile. */
    Optional<ObservedConnection> perform(
            EnvironmentAccountConnection connection,
            HandshakeAction action,
            DesiredConnection desired,
            ConnectionGateway gateway,
            SideCalls calls,
            String knownId) {
        String uid = connection.getMetadata().getUid();
        if (action instanceof HandshakeAction.Create) {
            Map<String, String> tags = new LinkedHashMap<>(
                    connection.getSpec().tags() == null
                            ? Map.of()
                            : connection.getSpec().tags());
            tags.put(OwnershipTag.KEY, desired.owner());
            String token = ConnectionGateway.clientToken(uid, knownId);
            ConnectionGateway.Requested requested =
                    calls.environment("CreateEnvironmentAccountConnection", () -> gateway.create(desired, token, tags));
            ObservedConnection created = requested.connection();
            if (desired.owner().equals(created.ownerTag())) {
                recent.requested(uid, created.id());
                ownership.remember(uid, created);
            }
            if (!requested.existing()) {
                events.normal(
                        connection,
                        "Requested",
                        "Requested connection " + created.id() + " from "
                                + calls.sides().environmentSide() + " to management account "
                                + desired.managementAccountId());
            }
            return Optional.of(created);
        }
        if (action instanceof HandshakeAction.Adopt adopt) {
            calls.environment("TagResource", () -> {
                gateway.tagOwner(adopt.connection(), desired.owner());
                return null;
            });
            ObservedConnection adopted = adopt.connection().withOwnerTag(desired.owner());
            recent.requested(uid, adopted.id());
            ownership.remember(uid, adopted);
            events.normal(connection, "Adopted", "Adopted existing connection " + adopted.id());
            return Optional.of(adopted);
        }
        if (action instanceof HandshakeAction.UpdateRoles update) {
            ObservedConnection updated = calls.environment(
                    "UpdateEnvironmentAccountConnection",
                    () -> gateway.updateRoles(update.connection(), desired.roles()));
            ownership.remember(uid, updated);
            events.normal(
                    connection,
                    "RolesUpdated",
                    "Set the roles of connection " + updated.id() + " to "
                            + desired.roles().roleArn());
            return Optional.of(updated);
        }
        if (action instanceof HandshakeAction.Accept accept && gateway.canActInManagementAccount()) {
            ObservedConnection accepted =
                    calls.management("AcceptEnvironmentAccountConnection", () -> gateway.accept(accept.connection()));
            ownership.remember(uid, accepted);
            events.normal(
                    connection,
                    "Accepted",
                    "Accepted connection " + accepted.id() + " from "
                            + calls.sides().managementSide());
            return Optional.of(accepted);
        }
        return null;
    }
}
