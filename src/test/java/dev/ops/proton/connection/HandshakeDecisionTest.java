package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeDecisionTest {

    private static final String OWNER = "platform/multi-svc-prod";
    private static final ConnectionRoleArns ROLES =
            new ConnectionRoleArns("arn:aws:iam::222222222222:role/ProtonRole", null, null);
    private static final ConnectionRoleArns OTHER_ROLES =
            new ConnectionRoleArns("arn:aws:iam::222222222222:role/OtherRole", null, null);

    @Test
    void shouldCreateWhenNoConnectionExists() {
        assertThat(decide(desired(), Optional.empty())).isInstanceOf(HandshakeAction.Create.class);
    }

    @Test
    void shouldAcceptPendingConnectionWhenAcceptanceIsAutomatic() {
        assertThat(decide(desired(), found(ConnectionState.PENDING, ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.Accept.class);
    }

    @Test
    void shouldLeavePendingConnectionForAPersonWhenAcceptanceIsManual() {
        DesiredConnection manual = new DesiredConnection(
                OWNER, "multi-svc-prod", "222222222222", "111111111111", ROLES, false, false, false, false);

        assertThat(decide(manual, found(ConnectionState.PENDING, ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.AwaitAcceptance.class);
    }

    @Test
    void shouldBeInSyncWhenConnectedWithTheDesiredRoles() {
        assertThat(decide(desired(), found(ConnectionState.CONNECTED, ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.InSync.class);
    }

    @Test
    void shouldUpdateRolesBeforeAcceptingWhenTheyDiffer() {
        assertThat(decide(desired(), found(ConnectionState.PENDING, OTHER_ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.UpdateRoles.class);
        assertThat(decide(desired(), found(ConnectionState.CONNECTED, OTHER_ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.UpdateRoles.class);
    }

    @Test
    void shouldTreatAbsentAndBlankOptionalRolesAlike() {
        ConnectionRoleArns blank = new ConnectionRoleArns(ROLES.roleArn(), "", " ");

        assertThat(decide(desired(), found(ConnectionState.CONNECTED, blank, OWNER)))
                .isInstanceOf(HandshakeAction.InSync.class);
    }

    @Test
    void shouldAdoptAnUntaggedLiveConnection() {
        assertThat(decide(desired(), found(ConnectionState.PENDING, ROLES, null)))
                .isInstanceOf(HandshakeAction.Adopt.class);
    }

    @Test
    void shouldLeaveAConnectionOwnedByAnotherResourceAlone() {
        HandshakeAction action = decide(desired(), found(ConnectionState.CONNECTED, ROLES, "team-b/other"));

        assertThat(action)
                .isInstanceOfSatisfying(
                        HandshakeAction.OwnedByAnother.class,
                        other -> assertThat(other.connection().ownerTag()).isEqualTo("team-b/other"));
    }

    @Test
    void shouldLeaveAnotherOwnersConnectionAloneWhateverItsStateRolesOrThePause() {
        DesiredConnection paused = new DesiredConnection(
                OWNER, "multi-svc-prod", "222222222222", "111111111111", ROLES, true, true, false, false);
        for (ConnectionState state : ConnectionState.values()) {
            for (ConnectionRoleArns roles : List.of(ROLES, OTHER_ROLES)) {
                for (DesiredConnection desired : List.of(desired(), paused)) {
                    assertThat(decide(desired, found(state, roles, "team-b/other")))
                            .as("%s %s paused=%s", state, roles.roleArn(), desired.paused())
                            .isInstanceOf(HandshakeAction.OwnedByAnother.class);
                }
            }
        }
    }

    @Test
    void shouldStallOnRejectedConnection() {
        HandshakeAction action = decide(desired(), found(ConnectionState.REJECTED, ROLES, OWNER));

        assertThat(action).isInstanceOfSatisfying(HandshakeAction.Stall.class, stall -> {
            assertThat(stall.reason()).isEqualTo("Rejected");
            assertThat(stall.message()).contains("111111111111");
        });
    }

    @Test
    void shouldMakeNoWritesWhilePaused() {
        DesiredConnection paused = new DesiredConnection(
                OWNER, "multi-svc-prod", "222222222222", "111111111111", ROLES, true, true, false, false);

        assertThat(decide(paused, Optional.empty())).isInstanceOf(HandshakeAction.Paused.class);
        assertThat(decide(paused, found(ConnectionState.PENDING, OTHER_ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.Paused.class);
    }

    @Test
    void shouldReleaseOnDeletionWithRetainPolicy() {
        assertThat(decide(deleting(false), found(ConnectionState.CONNECTED, ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.Release.class);
    }

    @Test
    void shouldDeleteOnDeletionWithDeletePolicy() {
        assertThat(decide(deleting(true), found(ConnectionState.CONNECTED, ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.Delete.class);
    }

    @Test
    void shouldReleaseWhenTheConnectionIsAlreadyGone() {
        assertThat(decide(deleting(true), Optional.empty())).isInstanceOf(HandshakeAction.Release.class);
    }

    @Test
    void shouldNeverDeleteAConnectionOwnedByAnotherResource() {
        assertThat(decide(deleting(true), found(ConnectionState.CONNECTED, ROLES, "team-b/other")))
                .isInstanceOf(HandshakeAction.Release.class);
    }

    @Test
    void shouldNeverDeleteAConnectionOwnedByAnotherResourceWhateverTheEnvironmentsOrThePause() {
        DesiredConnection pausedDeletion = new DesiredConnection(
                OWNER, "multi-svc-prod", "222222222222", "111111111111", null, true, true, true, true);
        for (DesiredConnection desired : List.of(deleting(true), pausedDeletion)) {
            assertThat(HandshakeDecision.decide(
                            desired, found(ConnectionState.CONNECTED, ROLES, "team-b/other"), List.of("their-env")))
                    .isInstanceOf(HandshakeAction.Release.class);
        }
    }

    @Test
    void shouldNotDeleteAnUntaggedConnectionItCannotProveIsItsOwn() {
        assertThat(decide(deleting(true), found(ConnectionState.CONNECTED, ROLES, null)))
                .isInstanceOf(HandshakeAction.Release.class);
    }

    @Test
    void shouldDeleteWithoutKnowingTheRoles() {
        DesiredConnection withoutRoles = new DesiredConnection(
                OWNER, "multi-svc-prod", "222222222222", "111111111111", null, true, false, true, true);

        assertThat(decide(withoutRoles, found(ConnectionState.CONNECTED, OTHER_ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.Delete.class);
    }

    @Test
    void shouldHoldADeletionWhilePaused() {
        DesiredConnection pausedDeletion = new DesiredConnection(
                OWNER, "multi-svc-prod", "222222222222", "111111111111", null, true, true, true, true);

        assertThat(decide(pausedDeletion, found(ConnectionState.CONNECTED, ROLES, OWNER)))
                .isInstanceOf(HandshakeAction.Paused.class);
    }

    @Test
    void shouldKeepTheFinalizerWhileAnEnvironmentUsesTheConnection() {
        HandshakeAction action = HandshakeDecision.decide(
                deleting(true), found(ConnectionState.CONNECTED, ROLES, OWNER), List.of("multi-svc-prod-env"));

        assertThat(action)
                .isInstanceOfSatisfying(
                        HandshakeAction.BlockedByEnvironment.class,
                        blocked -> assertThat(blocked.environmentName()).isEqualTo("multi-svc-prod-env"));
    }

    private static HandshakeAction decide(DesiredConnection desired, Optional<ObservedConnection> observed) {
        return HandshakeDecision.decide(desired, observed, List.of());
    }

    private static DesiredConnection desired() {
        return new DesiredConnection(
                OWNER, "multi-svc-prod", "222222222222", "111111111111", ROLES, true, false, false, false);
    }

    private static DesiredConnection deleting(boolean deletePolicy) {
        return new DesiredConnection(
                OWNER, "multi-svc-prod", "222222222222", "111111111111", ROLES, true, false, true, deletePolicy);
    }

    private static Optional<ObservedConnection> found(ConnectionState state, ConnectionRoleArns roles, String owner) {
        return Optional.of(new ObservedConnection(
                "2f1c0000-0000-4000-8000-000000000001",
                "arn:aws:proton:us-east-1:222222222222:environment-account-connection/2f1c",
                state,
                "multi-svc-prod",
                "222222222222",
                "111111111111",
                roles,
                owner,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z")));
    }
}
