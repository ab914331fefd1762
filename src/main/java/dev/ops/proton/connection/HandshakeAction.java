package dev.ops.proton.connection;

/**
 * The one next step of the two-account handshake, chosen by {@link HandshakeDecision}. Each step is at most one AWS
 * write; the reconciler performs it, writes status and reschedules.
 */
public sealed interface HandshakeAction {

    /** No connection exists: request one from the environment account. */
    record Create() implements HandshakeAction {}

    /** Found a live connection nobody owns: tag it as ours, then carry on with it. */
    record Adopt(ObservedConnection connection) implements HandshakeAction {}

    /** The role ARNs differ from the spec: update them from the environment account. */
    record UpdateRoles(ObservedConnection connection) implements HandshakeAction {}

    /** PENDING and acceptance is Automatic: accept from the management account. */
    record Accept(ObservedConnection connection) implements HandshakeAction {}

    /** PENDING and acceptance is Manual: wait for a person in the management account. */
    record AwaitAcceptance(ObservedConnection connection) implements HandshakeAction {}

    /** CONNECTED with the desired roles: nothing to do until the next resync. */
    record InSync(ObservedConnection connection) implements HandshakeAction {}

    /**
     * The live connection for this environment name is tagged for another resource: it is not ours, so nothing is
     * written to it and its id is never recorded. The first owner keeps it.
     */
    record OwnedByAnother(ObservedConnection connection) implements HandshakeAction {}

    /** A person must act; no retry until something changes. */
    record Stall(String reason, String message, ObservedConnection connection) implements HandshakeAction {}

    /**
     * managementPolicy ObserveOnly found the connection: report it whoever owns it (CONNECTED is Ready, PENDING waits
     * for acceptance); nothing is written.
     */
    record Observed(ObservedConnection connection) implements HandshakeAction {}

    /**
     * No live connection exists and this resource may not request one (ObserveOnly, adoptionPolicy AdoptOnly): wait
     * for one to appear.
     */
    record AwaitObject(String message) implements HandshakeAction {}

    /** The pause annotation is set: observe only. */
    record Paused(ObservedConnection connection) implements HandshakeAction {}

    /** Deleting with deletionPolicy Delete: delete the connection from the environment account. */
    record Delete(ObservedConnection connection) implements HandshakeAction {}

    /**
     * Deleting, and there is nothing of ours to delete (retained, already gone, or not tagged for this resource):
     * remove the finalizer without touching AWS.
     */
    record Release() implements HandshakeAction {}

    /** Deleting with deletionPolicy Delete, but a Proton environment still uses the connection. */
    record BlockedByEnvironment(ObservedConnection connection, String environmentName) implements HandshakeAction {}
}
