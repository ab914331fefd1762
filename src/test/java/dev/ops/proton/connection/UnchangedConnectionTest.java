package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class UnchangedConnectionTest {

    static final String OWNER = "platform/prod";
    static final Instant MODIFIED = Instant.parse("2026-12-03T10:00:00.250Z");
    static final String ROLE = "arn:aws:iam::222222222222:role/ProtonRole";
    static final String CODEBUILD = "arn:aws:iam::222222222222:role/CodeBuild";

    @Test
    void shouldTakeWhatThisProcessSawWhenTheSummaryShowsItUnchanged() {
        ObservedConnection seen = summary().withOwnerTag(OWNER);

        assertThat(UnchangedConnection.sameAs(summary(), seen)).isTrue();
        assertThat(UnchangedConnection.sameAs(summary(c -> modifiedAt(c, MODIFIED.plusMillis(1))), seen))
                .as("lastModifiedAt moved")
                .isFalse();
        assertThat(UnchangedConnection.sameAs(summary(c -> state(c, ConnectionState.REJECTED)), seen))
                .as("rejected")
                .isFalse();
        assertThat(UnchangedConnection.sameAs(summary(c -> roles(c, "arn:aws:iam::222222222222:role/Other")), seen))
                .as("roles edited")
                .isFalse();
    }

    @Test
    void shouldLetAReadyStatusVouchForAnUnchangedSummaryWithItsCodeBuildRoleAndOwner() {
        ObservedConnection vouched = UnchangedConnection.vouchedByStatus(
                        summary(), status("Ready", "True", "Connected"), OWNER)
                .orElseThrow();

        assertThat(vouched.ownerTag()).isEqualTo(OWNER);
        assertThat(vouched.roles()).isEqualTo(new ConnectionRoleArns(ROLE, CODEBUILD, null));
        assertThat(UnchangedConnection.vouchedByStatus(
                        summary(), status("Reconciling", "True", "AwaitingAcceptance"), OWNER))
                .as("pending, waiting for a person: the tag was checked before")
                .isPresent();
    }

    @Test
    void shouldNotVouchWhenTheStatusCannotProveOwnershipOrTheSummaryChanged() {
        var ready = status("Ready", "True", "Connected");
        assertThat(UnchangedConnection.vouchedByStatus(summary(), null, OWNER)).isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(summary(), status("Reconciling", "True", "Adopting"), OWNER))
                .as("an untagged connection about to be adopted")
                .isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(summary(), status("Stalled", "True", "Rejected"), OWNER))
                .isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(
                        summary(c -> modifiedAt(c, MODIFIED.plusSeconds(1))), ready, OWNER))
                .as("changed since the status was written")
                .isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(summary(c -> state(c, ConnectionState.PENDING)), ready, OWNER))
                .isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(
                        summary(c -> roles(c, "arn:aws:iam::222222222222:role/Other")), ready, OWNER))
                .isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(summary(c -> id(c, "other-id")), ready, OWNER))
                .as("another connection than the status names")
                .isEmpty();
    }

    private static ObservedConnection summary() {
        return summary(c -> c);
    }

    private static ObservedConnection summary(UnaryOperator<ObservedConnection> change) {
        return change.apply(new ObservedConnection(
                "c-1",
                "arn:aws:proton:us-east-1:222222222222:environment-account-connection/c-1",
                ConnectionState.CONNECTED,
                "env",
                "222222222222",
                "111111111111",
                new ConnectionRoleArns(ROLE, null, null),
                null,
                MODIFIED.minusSeconds(60),
                MODIFIED));
    }

    private static EnvironmentAccountConnectionStatus status(String type, String value, String reason) {
        Condition condition = new ConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withReason(reason)
                .build();
        return new EnvironmentAccountConnectionStatus(
                1L,
                "c-1",
                "arn:aws:proton:us-east-1:222222222222:environment-account-connection/c-1",
                "CONNECTED",
                "222222222222",
                "111111111111",
                ROLE,
                CODEBUILD,
                null,
                "2026-12-03T09:59:00Z",
                "2026-12-03T10:00:00Z",
                List.of(condition));
    }

    private static ObservedConnection modifiedAt(ObservedConnection c, Instant at) {
        return new ObservedConnection(
                c.id(),
                c.arn(),
                c.state(),
                c.environmentName(),
                c.environmentAccountId(),
                c.managementAccountId(),
                c.roles(),
                c.ownerTag(),
                c.requestedAt(),
                at);
    }

    private static ObservedConnection state(ObservedConnection c, ConnectionState state) {
        return new ObservedConnection(
                c.id(),
                c.arn(),
                state,
                c.environmentName(),
                c.environmentAccountId(),
                c.managementAccountId(),
                c.roles(),
                c.ownerTag(),
                c.requestedAt(),
                c.lastModifiedAt());
    }

    private static ObservedConnection roles(ObservedConnection c, String role) {
        return new ObservedConnection(
                c.id(),
                c.arn(),
                c.state(),
                c.environmentName(),
                c.environmentAccountId(),
                c.managementAccountId(),
                new ConnectionRoleArns(role, null, null),
                c.ownerTag(),
                c.requestedAt(),
                c.lastModifiedAt());
    }

    private static ObservedConnection id(ObservedConnection c, String id) {
        return new ObservedConnection(
                id,
                c.arn(),
                c.state(),
                c.environmentName(),
                c.environmentAccountId(),
                c.managementAccountId(),
                c.roles(),
                c.ownerTag(),
                c.requestedAt(),
                c.lastModifiedAt());
    }
}
