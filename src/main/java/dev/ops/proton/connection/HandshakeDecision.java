package dev.ops.proton.connection;

import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ControlReasons;
import java.util.List;
import java.util.Optional;

/**
 * Decides the next handshake step from what the spec asks and what AWS shows: a pure function, so every rule of
 * PRODUCT.md section 3 is unit-tested without I/O.
 *
 * <p>Rules: a missing connection is created (also after an out-of-band delete); a live connection found without an
 * owner tag is adopted, one tagged by another owner is left alone (OwnedByAnother); role ARNs that differ are put
 * back; PENDING is accepted when acceptance is Automatic, otherwise left for a person; REJECTED can never be reused;
 * the pause annotation stops all writes; deletion with Delete deletes only a connection tagged for this resource,
 * and waits while an environment uses it. ObserveOnly never writes: it reports what it finds, awaits a connection
 * that does not exist, and lets go on deletion; AdoptOnly never requests (it awaits a connection to adopt); CreateOnly
 * never adopts (an untagged live connection stalls it, AdoptionRefused).
 */
public final class HandshakeDecision {

    private HandshakeDecision() {}

    /**
     * @param desired the resolved spec
     * @param observed the connection found (by id or by adoption search), if any
     * @param environmentsUsingIt names of Proton environments using the connection (looked up only when deleting
     *     with the Delete policy; empty otherwise)
     */
    public static HandshakeAction decide(
            DesiredConnection desired, Optional<ObservedConnection> observed, List<String> environmentsUsingIt) {
        if (desired.observeOnly()) {
            return observe(desired, observed);
        }
        if (desired.deleting()) {
            return decideDeletion(desired, observed, environmentsUsingIt);
        }
        if (observed.isEmpty()) {
            if (desired.paused()) {
                return new HandshakeAction.Paused(null);
            }
            return desired.adoption() == AdoptionPolicy.AdoptOnly
                    ? awaitObject(desired, "adoptionPolicy AdoptOnly adopts it once one exists")
                    : new HandshakeAction.Create();
        }
        ObservedConnection connection = observed.get();
        if (connection.isOwnedByAnother(desired.owner())) {
            return new HandshakeAction.OwnedByAnother(connection);
        }
        if (connection.ownerTag() == null && desired.adoption() == AdoptionPolicy.CreateOnly) {
            return new HandshakeAction.Stall(
                    ControlReasons.ADOPTION_REFUSED,
                    "Connection " + connection.id() + " (" + connection.state() + ") for environment "
                            + connection.environmentName() + " already exists without tag " + OwnershipTag.KEY
                            + ", and adoptionPolicy CreateOnly never adopts. Use another environmentName, delete"
                            + " that connection, or set adoptionPolicy AdoptOrCreate",
                    connection);
        }
        if (connection.state() == ConnectionState.REJECTED) {
            return new HandshakeAction.Stall(
                    "Rejected",
                    "Connection " + connection.id() + " was rejected by management account "
                            + connection.managementAccountId() + "; a rejected connection can't be reused. "
                            + "Delete this resource (deletionPolicy Delete also removes the rejected connection) "
                            + "and create it again to request a new one",
                    connection);
        }
        if (desired.paused()) {
            return new HandshakeAction.Paused(connection);
        }
        if (connection.ownerTag() == null) {
            return new HandshakeAction.Adopt(connection);
        }
        if (!connection.roles().matches(desired.roles())) {
            return new HandshakeAction.UpdateRoles(connection);
        }
        if (connection.state() == ConnectionState.PENDING) {
            return desired.automaticAcceptance()
                    ? new HandshakeAction.Accept(connection)
                    : new HandshakeAction.AwaitAcceptance(connection);
        }
        return new HandshakeAction.InSync(connection);
    }

    private static HandshakeAction observe(DesiredConnection desired, Optional<ObservedConnection> observed) {
        if (desired.deleting()) {
            return new HandshakeAction.Release();
        }
        if (observed.isEmpty()) {
            return awaitObject(desired, "managementPolicy ObserveOnly reports it once one exists");
        }
        ObservedConnection connection = observed.get();
        if (connection.state() == ConnectionState.REJECTED) {
            return new HandshakeAction.Stall(
                    "Rejected",
                    "Connection " + connection.id() + " was rejected by management account "
                            + connection.managementAccountId() + "; a rejected connection can't be reused "
                            + "(observed only: managementPolicy ObserveOnly)",
                    connection);
        }
        return new HandshakeAction.Observed(connection);
    }

    private static HandshakeAction awaitObject(DesiredConnection desired, String then) {
        return new HandshakeAction.AwaitObject("No live connection for environment " + desired.environmentName()
                + " from environment account " + desired.environmentAccountId() + " to management account "
                + desired.managementAccountId() + "; " + then + ", and never requests one");
    }

    private static HandshakeAction decideDeletion(
            DesiredConnection desired, Optional<ObservedConnection> observed, List<String> environmentsUsingIt) {
        if (!desired.deleteOnRemoval()
                || observed.isEmpty()
                || !desired.owner().equals(observed.get().ownerTag())) {
            return new HandshakeAction.Release();
        }
        if (desired.paused()) {
            return new HandshakeAction.Paused(observed.get());
        }
        if (!environmentsUsingIt.isEmpty()) {
            return new HandshakeAction.BlockedByEnvironment(observed.get(), environmentsUsingIt.get(0));
        }
        return new HandshakeAction.Delete(observed.get());
    }
}
