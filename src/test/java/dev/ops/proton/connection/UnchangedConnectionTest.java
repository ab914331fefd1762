package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnchangedConnectionTest {

    static final String OWNER = "platform/prod";
    static final Instant MODIFIED = Instant.parse("2026-12-03T10:00:00.250Z");
    static final String ROLE = "arn:aws:iam::222222222222:role/ProtonRole";
    static final String CODEBUILD = "arn:aws:iam::222222222222:role/CodeBuild";
    static final String ID = "c-1";
    static final String ARN = "arn:aws:proton:us-east-1:222222222222:environment-account-connection/c-1";

    @Test
    void shouldTakeWhatThisProcessSawWhenTheSummaryShowsItUnchanged() {
        ObservedConnection seen = summary().withOwnerTag(OWNER);

        assertThat(UnchangedConnection.sameAs(summary(), seen)).isTrue();
        assertThat(UnchangedConnection.sameAs(summaryModifiedAt(MODIFIED.plusMillis(1)), seen))
                .as("lastModifiedAt moved")
                .isFalse();
        assertThat(UnchangedConnection.sameAs(summaryInState(ConnectionState.REJECTED), seen))
                .as("rejected")
                .isFalse();
        assertThat(UnchangedConnection.sameAs(summaryWithRole("arn:aws:iam::222222222222:role/Other"), seen))
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
        assertThat(UnchangedConnection.vouchedByStatus(summaryModifiedAt(MODIFIED.plusSeconds(1)), ready, OWNER))
                .as("changed since the status was written")
                .isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(summaryInState(ConnectionState.PENDING), ready, OWNER))
                .isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(
                        summaryWithRole("arn:aws:iam::222222222222:role/Other"), ready, OWNER))
                .isEmpty();
        assertThat(UnchangedConnection.vouchedByStatus(summaryWithId("other-id"), ready, OWNER))
                .as("another connection than the status names")
                .isEmpty();
    }

    /** The connection as Proton lists it: CONNECTED, with ROLE, last modified at MODIFIED. */
    private static ObservedConnection summary() {
        return summary(ID, ConnectionState.CONNECTED, ROLE, MODIFIED);
    }

    private static ObservedConnection summaryModifiedAt(Instant lastModifiedAt) {
        return summary(ID, ConnectionState.CONNECTED, ROLE, lastModifiedAt);
    }

    private static ObservedConnection summaryInState(ConnectionState state) {
        return summary(ID, state, ROLE, MODIFIED);
    }

    private static ObservedConnection summaryWithRole(String role) {
        return summary(ID, ConnectionState.CONNECTED, role, MODIFIED);
    }

    private static ObservedConnection summaryWithId(String id) {
        return summary(id, ConnectionState.CONNECTED, ROLE, MODIFIED);
    }

    private static ObservedConnection summary(String id, ConnectionState state, String role, Instant lastModifiedAt) {
        return new ObservedConnection(
                id,
                ARN,
                state,
                "env",
                "222222222222",
                "111111111111",
                new ConnectionRoleArns(role, null, null),
                null,
                MODIFIED.minusSeconds(60),
                lastModifiedAt);
    }

    private static EnvironmentAccountConnectionStatus status(String type, String value, String reason) {
        Condition condition = new ConditionBuilder()
                .withType(type)
                .withStatus(value)
                .withReason(reason)
                .build();
        return new EnvironmentAccountConnectionStatus(
                1L,
                ID,
                ARN,
                "CONNECTED",
                "222222222222",
                "111111111111",
                ROLE,
                CODEBUILD,
                null,
                "2026-12-03T09:59:00Z",
                "2026-12-03T10:00:00Z",
                List.of(condition),
                null);
    }
}
