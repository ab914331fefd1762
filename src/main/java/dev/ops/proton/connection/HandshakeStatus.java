package dev.ops.proton.connection;

import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.Progress;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Builds an EnvironmentAccountConnection's status: the connection as Proton shows it, one condition per handshake
 * side (Requested: environment account; Accepted: management account), Deleted while a deletion is held, and the
 * kstatus summary. Pure, so two calls
 * with the same inputs give equal statuses and nothing is written when nothing changed. The handled reconcile request
 * is left to the reconciler.
 */
final class HandshakeStatus {

    private HandshakeStatus() {}

    /** What each side of the handshake shows, as condition status, reason and message. */
    record Side(boolean ok, String reason, String message) {}

    static EnvironmentAccountConnectionStatus build(
            Conditions conditions, EnvironmentAccountConnectionStatus old, long generation, HandshakeOutcome outcome) {
        ObservedConnection observed = outcome.observed();
        Side requested = outcome.requested();
        Side accepted = outcome.accepted();
        Progress progress = outcome.progress();
        List<Condition> list = old == null ? null : old.conditions();
        if (requested != null) {
            list = conditions.set(
                    list,
                    ConditionTypes.REQUESTED,
                    requested.ok(),
                    requested.reason(),
                    requested.message(),
                    generation);
        }
        if (accepted != null) {
            list = conditions.set(
                    list, ConditionTypes.ACCEPTED, accepted.ok(), accepted.reason(), accepted.message(), generation);
        }
        if (outcome.deleted() != null) {
            list = conditions.set(
                    list,
                    ConditionTypes.DELETED,
                    false,
                    outcome.deleted().reason(),
                    outcome.deleted().message(),
                    generation);
        }
        list = conditions.summarize(list, progress, generation);
        if (observed == null) {
            return old == null || outcome.dropConnection()
                    ? new EnvironmentAccountConnectionStatus(
                            generation, null, null, null, null, null, null, null, null, null, null, list, null)
                    : new EnvironmentAccountConnectionStatus(
                            generation,
                            old.connectionId(),
                            old.arn(),
                            old.state(),
                            old.environmentAccountId(),
                            old.managementAccountId(),
                            old.roleArn(),
                            old.codebuildRoleArn(),
                            old.componentRoleArn(),
                            old.requestedAt(),
                            old.lastModifiedAt(),
                            list,
                            null);
        }
        return new EnvironmentAccountConnectionStatus(
                generation,
                observed.id(),
                observed.arn(),
                observed.state().name(),
                observed.environmentAccountId(),
                observed.managementAccountId(),
                observed.roles().roleArn(),
                observed.roles().codebuildRoleArn(),
                observed.roles().componentRoleArn(),
                time(observed.requestedAt()),
                time(observed.lastModifiedAt()),
                list,
                null);
    }

    private static String time(java.time.Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
