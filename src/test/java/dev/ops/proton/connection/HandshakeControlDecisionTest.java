package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ControlReasons;
import dev.ops.proton.model.ManagementPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rows of {@link HandshakeDecision} that managementPolicy and adoptionPolicy add. */
class HandshakeControlDecisionTest {

    private static final String OWNER = "platform/multi-svc-prod";
    private static final ConnectionRoleArns ROLES =
            new ConnectionRoleArns("arn:aws:iam::222222222222:role/ProtonRole", null, null);
    private static final ConnectionRoleArns OTHER_ROLES =
            new ConnectionRoleArns("arn:aws:iam::222222222222:role/OtherRole", null, null);

    /**
     * ObserveOnly: whatever exists, whoever owns it, whatever the pause, acceptance, deletion policy or roles say, the
     * decision is never a write (Create, Adopt, UpdateRoles, Accept, Delete).
     */
    @ParameterizedTest
    @CsvSource({
        "none,      ,        false, false, AwaitObject",
        "PENDING,   own,     false, false, Observed",
        "CONNECTED, own,     false, false, Observed",
        "CONNECTED, untagged, false, false, Observed",
        "CONNECTED, foreign, false, false, Observed",
        "PENDING,   untagged, false, false, Observed",
        "REJECTED,  own,     false, false, Stall",
        "CONNECTED, own,     true,  false, Observed",
        "CONNECTED, own,     false, true,  Release",
        "none,      ,        false, true,  Release",
        "CONNECTED, foreign, false, true,  Release"
    })
    void shouldNeverWriteWhenObserving(String state, String owner, boolean paused, boolean deleting, String expected) {
        DesiredConnection desired =
                desired(ManagementPolicy.ObserveOnly, AdoptionPolicy.AdoptOrCreate, paused, deleting);

        HandshakeAction action = HandshakeDecision.decide(desired, found(state, owner, OTHER_ROLES), List.of());

        assertThat(action.getClass().getSimpleName()).isEqualTo(expected);
        if (action instanceof HandshakeAction.AwaitObject await) {
            assertThat(await.message()).contains("multi-svc-prod", "222222222222", "111111111111", "ObserveOnly");
        }
        if (action instanceof HandshakeAction.Stall stall) {
            assertThat(stall.reason()).isEqualTo("Rejected");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "AdoptOrCreate, none,     , Create",
        "AdoptOrCreate, PENDING,  untagged, Adopt",
        "AdoptOrCreate, PENDING,  foreign,  OwnedByAnother",
        "AdoptOrCreate, PENDING,  own,      Accept",
        "AdoptOnly,     none,     , AwaitObject",
        "AdoptOnly,     CONNECTED, untagged, Adopt",
        "AdoptOnly,     CONNECTED, foreign, OwnedByAnother",
        "AdoptOnly,     CONNECTED, own,     InSync",
        "CreateOnly,    none,     , Create",
        "CreateOnly,    CONNECTED, untagged, Stall",
        "CreateOnly,    PENDING,  foreign,  OwnedByAnother",
        "CreateOnly,    CONNECTED, own,     InSync"
    })
    void shouldFollowTheAdoptionPolicy(AdoptionPolicy policy, String state, String owner, String expected) {
        DesiredConnection desired = desired(ManagementPolicy.FullControl, policy, false, false);

        HandshakeAction action = HandshakeDecision.decide(desired, found(state, owner, ROLES), List.of());

        assertThat(action.getClass().getSimpleName()).isEqualTo(expected);
        if (action instanceof HandshakeAction.Stall stall) {
            assertThat(stall.reason()).isEqualTo(ControlReasons.ADOPTION_REFUSED);
            assertThat(stall.message()).contains("2f1c0000-0000-4000-8000-000000000001", "CreateOnly");
        }
        if (action instanceof HandshakeAction.AwaitObject await) {
            assertThat(await.message()).contains("multi-svc-prod", "AdoptOnly");
        }
    }

    private static DesiredConnection desired(
            ManagementPolicy management, AdoptionPolicy adoption, boolean paused, boolean deleting) {
        return new DesiredConnection(
                OWNER,
                "multi-svc-prod",
                "222222222222",
                "111111111111",
                ROLES,
                true,
                paused,
                deleting,
                true,
                management,
                adoption);
    }

    private static Optional<ObservedConnection> found(String state, String owner, ConnectionRoleArns roles) {
        if (state.equals("none")) {
            return Optional.empty();
        }
        String tag = switch (owner) {
            case "own" -> OWNER;
            case "foreign" -> "other/connection";
            default -> null;
        };
        return Optional.of(new ObservedConnection(
                "2f1c0000-0000-4000-8000-000000000001",
                "arn:aws:proton:us-east-1:222222222222:environment-account-connection/2f1c",
                ConnectionState.valueOf(state),
                "multi-svc-prod",
                "222222222222",
                "111111111111",
                roles,
                tag,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z")));
    }
}
