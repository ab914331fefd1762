package dev.ops.proton.connection;

import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a ListEnvironmentAccountConnections summary shows a connection unchanged since it was last seen whole
 * (with its owner tag and CodeBuild role, which a summary lacks), so the resync needs no Get of its own. Pure.
 *
 * <p>Unchanged means: same id, same {@code lastModifiedAt} (Proton moves it on every Update, Accept and Reject), and,
 * as a second guard, the same state, service role and component role. What was seen whole comes from this process's
 * memory ({@link ConnectionOwnership}), or after a restart from the status: only the operator writes status (tenant
 * roles have no status rights), and a status shows a connection's id only once its owner tag named this resource
 * (PRODUCT.md section 8). The status vouches only when it is Ready (CONNECTED with the spec's roles) or awaiting a
 * person's acceptance: both are reached only after the decision saw the tag name this resource.
 */
final class UnchangedConnection {

    private UnchangedConnection() {}

    static boolean sameAs(ObservedConnection summary, ObservedConnection seen) {
        return summary.id().equals(seen.id())
                && Objects.equals(summary.lastModifiedAt(), seen.lastModifiedAt())
                && summary.state() == seen.state()
                && Objects.equals(summary.roles().roleArn(), seen.roles().roleArn())
                && Objects.equals(
                        summary.roles().componentRoleArn(), seen.roles().componentRoleArn());
    }

    /**
     * The connection as the status last showed it, owned by {@code owner}, when the summary shows it unchanged since
     * that status was written. The status keeps {@code lastModifiedAt} to the second, so a change within the same
     * second as the observation the status was written from goes unseen by this test (the state and roles still
     * catch most).
     */
    static Optional<ObservedConnection> vouchedByStatus(
            ObservedConnection summary, EnvironmentAccountConnectionStatus status, String owner) {
        if (status == null
                || !summary.id().equals(status.connectionId())
                || !settledByOwner(status)
                || summary.lastModifiedAt() == null
                || !seconds(summary.lastModifiedAt()).equals(status.lastModifiedAt())
                || !summary.state().name().equals(status.state())
                || !Objects.equals(summary.environmentAccountId(), status.environmentAccountId())
                || !Objects.equals(summary.managementAccountId(), status.managementAccountId())) {
            return Optional.empty();
        }
        ConnectionRoleArns fromStatus =
                new ConnectionRoleArns(status.roleArn(), status.codebuildRoleArn(), status.componentRoleArn());
        if (!Objects.equals(summary.roles().roleArn(), fromStatus.roleArn())
                || !Objects.equals(summary.roles().componentRoleArn(), fromStatus.componentRoleArn())) {
            return Optional.empty();
        }
        return Optional.of(new ObservedConnection(
                summary.id(),
                summary.arn(),
                summary.state(),
                summary.environmentName(),
                summary.environmentAccountId(),
                summary.managementAccountId(),
                fromStatus,
                owner,
                summary.requestedAt(),
                summary.lastModifiedAt()));
    }

    private static boolean settledByOwner(EnvironmentAccountConnectionStatus status) {
        if (Conditions.isTrue(status.conditions(), ConditionTypes.READY)) {
            return true;
        }
        Condition reconciling = Conditions.find(status.conditions(), ConditionTypes.RECONCILING);
        return reconciling != null
                && "True".equals(reconciling.getStatus())
                && "AwaitingAcceptance".equals(reconciling.getReason());
    }

    private static String seconds(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
