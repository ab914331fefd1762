package dev.ops.proton.connection;

import dev.ops.proton.status.Progress;
import java.time.Duration;

/**
 * What one reconcile found and did, as its status will show it.
 *
 * @param observed the connection to show in status; null keeps what status shows, unless {@code dropConnection}
 * @param requested the Requested condition (environment account side), null to leave it as it is
 * @param accepted the Accepted condition (management account side), null to leave it as it is
 * @param deleted the Deleted condition, set while a deletion with deletionPolicy Delete is held; null otherwise
 * @param dropConnection clear the connection fields of status: what they named is not this resource's
 * @param released the finalizer may go
 * @param keepsStatus nothing a person needs to see happened (a short wait for a turn): status is left as it is
 */
record HandshakeOutcome(
        Progress progress,
        Duration next,
        ObservedConnection observed,
        HandshakeStatus.Side requested,
        HandshakeStatus.Side accepted,
        HandshakeStatus.Side deleted,
        boolean dropConnection,
        boolean released,
        boolean keepsStatus) {

    static HandshakeOutcome of(
            Progress progress,
            Duration next,
            ObservedConnection observed,
            HandshakeStatus.Side requested,
            HandshakeStatus.Side accepted) {
        return new HandshakeOutcome(progress, next, observed, requested, accepted, null, false, false, false);
    }

    static HandshakeOutcome blocked(Progress progress, Duration next) {
        return of(progress, next, null, null, null);
    }

    /**
     * Stalled on both sides over a connection that is not this resource's (another resource's, or a request the spec
     * does not expect): status drops whatever connection it showed.
     */
    static HandshakeOutcome stalledOverAnothers(String reason, String message, Duration next) {
        HandshakeStatus.Side side = new HandshakeStatus.Side(false, reason, message);
        return new HandshakeOutcome(
                Progress.stalled(reason, message), next, null, side, side, null, true, false, false);
    }

    static HandshakeOutcome released(String message) {
        return new HandshakeOutcome(
                Progress.ready("Released", message), Duration.ZERO, null, null, null, null, false, true, false);
    }

    /** The same outcome, leaving status as it is: nothing in it is worth a write. */
    HandshakeOutcome keepingStatus() {
        return new HandshakeOutcome(
                progress, next, observed, requested, accepted, deleted, dropConnection, released, true);
    }

    /** The same outcome, marked as holding a deletion (the Deleted condition says why). */
    HandshakeOutcome holdingDeletion() {
        HandshakeStatus.Side held = new HandshakeStatus.Side(false, progress.reason(), progress.message());
        return new HandshakeOutcome(
                progress, next, observed, requested, accepted, held, dropConnection, false, keepsStatus);
    }
}
