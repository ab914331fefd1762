package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.account.AccountSession;
import dev.ops.proton.aws.AwsFailure;
import dev.ops.proton.config.OperatorConfig;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What status a reconcile shows where it stopped: the real state of the connection, never someone else's id. */
class HandshakeOutcomesTest {

    private static final String ID = "2f1c0000-0000-4000-8000-000000000001";
    private static final ConnectionRoleArns ROLES =
            new ConnectionRoleArns("arn:aws:iam::222222222222:role/ProtonRole", null, null);

    private final Conditions conditions =
            new Conditions(Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC));
    private final HandshakeOutcomes outcomes = new HandshakeOutcomes(
            config(),
            new HandshakeSides(
                    new AccountSession("env", "222222222222", "us-east-1", null),
                    new AccountSession("mgmt", "111111111111", "us-east-1", null),
                    "111111111111",
                    ROLES));

    @Test
    void shouldReportAnAutomaticPendingConnectionAsBeingAcceptedWhenTheStepBudgetIsSpent() {
        HandshakeOutcome outcome = outcomes.settle(
                new HandshakeAction.Accept(connection(ConnectionState.PENDING, "platform/a")),
                connection(ConnectionState.PENDING, "platform/a"),
                true);

        assertThat(outcome.progress().reason()).isEqualTo("Accepting");
        assertThat(outcome.progress().message()).contains(ID, "PENDING", "111111111111");
        assertThat(outcome.accepted()).isNull();
    }

    @Test
    void shouldReportAConnectedConnectionWhoseRolesAreBeingUpdatedAsConnected() {
        HandshakeOutcome outcome = outcomes.settle(
                new HandshakeAction.UpdateRoles(connection(ConnectionState.CONNECTED, "platform/a")),
                connection(ConnectionState.CONNECTED, "platform/a"),
                true);

        assertThat(outcome.progress().reason()).isEqualTo("UpdatingRoles");
        assertThat(outcome.progress().message()).contains("CONNECTED");
    }

    @Test
    void shouldWaitForAPersonOnlyWhenTheOperatorMayNotAccept() {
        ObservedConnection pending = connection(ConnectionState.PENDING, "platform/a");

        assertThat(outcomes.settle(new HandshakeAction.Accept(pending), pending, false)
                        .progress()
                        .reason())
                .isEqualTo("AwaitingAcceptance");
        assertThat(outcomes.settle(new HandshakeAction.AwaitAcceptance(pending), pending, true)
                        .progress()
                        .reason())
                .isEqualTo("AwaitingAcceptance");
    }

    @Test
    void shouldDropAnotherOwnersConnectionFromStatusAndNeverNameItsId() {
        EnvironmentAccountConnectionStatus earlier = HandshakeStatus.build(
                conditions,
                null,
                1,
                outcomes.settle(
                        new HandshakeAction.InSync(connection(ConnectionState.CONNECTED, "platform/a")),
                        connection(ConnectionState.CONNECTED, "platform/a"),
                        true));
        assertThat(earlier.connectionId()).isEqualTo(ID);

        EnvironmentAccountConnectionStatus status = HandshakeStatus.build(
                conditions,
                earlier,
                1,
                outcomes.settle(
                        new HandshakeAction.OwnedByAnother(connection(ConnectionState.CONNECTED, "team-b/other")),
                        null,
                        true));

        assertThat(status.connectionId()).isNull();
        assertThat(status.arn()).isNull();
        assertThat(status.state()).isNull();
        assertThat(status.toString()).doesNotContain(ID).contains("team-b/other");
        Condition stalled = Conditions.find(status.conditions(), ConditionTypes.STALLED);
        assertThat(stalled.getReason()).isEqualTo("OwnedByAnother");
    }

    @Test
    void shouldNameTheConflictAndHowToFindItWhenACreateConflictCannotBeExplained() {
        HandshakeOutcome outcome = outcomes.unresolvedConflict(
                new DesiredConnection(
                        "platform/a", "multi-svc", "222222222222", "111111111111", ROLES, true, false, false, false),
                "An environment account connection for environment multi-svc already exists");

        assertThat(outcome.progress().isStalled()).isTrue();
        assertThat(outcome.progress().reason()).isEqualTo("ConnectionConflict");
        assertThat(outcome.progress().message())
                .contains("multi-svc", "222222222222", "111111111111", "list-environment-account-connections");
        assertThat(outcome.next()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldResyncAConnectedConnectionWithinTenPercentOfTheResyncPeriod() {
        ObservedConnection connected = connection(ConnectionState.CONNECTED, "platform/a");

        HandshakeOutcome outcome = outcomes.settle(new HandshakeAction.InSync(connected), connected, true);

        assertThat(outcome.progress().isReady()).isTrue();
        assertThat(outcome.next()).isBetween(Duration.ofSeconds(540), Duration.ofSeconds(660));
    }

    @Test
    void shouldComeBackWhenTheRateLimitSaysTheTurnHasCome() {
        ObservedConnection pending = connection(ConnectionState.PENDING, "platform/a");
        AwsFailure limited = new AwsFailure(
                AwsFailure.Kind.THROTTLED,
                "AcceptEnvironmentAccountConnection",
                null,
                "held back",
                Duration.ofMillis(1234),
                null);

        HandshakeOutcome outcome = outcomes.throttled(new SideCalls.ThrottledCall(limited, false), pending);

        assertThat(outcome.next()).isEqualTo(Duration.ofMillis(1234));
        assertThat(outcome.progress().reason()).isEqualTo("Throttled");
        assertThat(outcome.progress().message()).contains("AcceptEnvironmentAccountConnection", "111111111111");
        assertThat(outcome.requested().ok()).isTrue();
    }

    @ParameterizedTest(name = "{0} for {1} ms: status left as it is {2}")
    @CsvSource({
        // a short turn the client kept, AWS never asked: nothing for a person to see
        "held back, 1234, true",
        "held back, 4999, true",
        // a long wait is worth saying why
        "held back, 5000, false",
        "held back, 30000, false",
        // AWS refused the call: say so, however short the turn
        "throttled by AWS, 1234, false",
    })
    void shouldWriteNoStatusForAShortTurnTheClientHeldBack(String how, long turnMillis, boolean keepsStatus) {
        Duration turn = Duration.ofMillis(turnMillis);
        AwsFailure failure = how.equals("held back")
                ? AwsFailure.heldBack("CreateEnvironmentAccountConnection", "held back", turn, null)
                : new AwsFailure(
                        AwsFailure.Kind.THROTTLED,
                        "CreateEnvironmentAccountConnection",
                        "ThrottlingException",
                        "Rate exceeded",
                        turn,
                        null);

        HandshakeOutcome outcome = outcomes.throttled(new SideCalls.ThrottledCall(failure, true), null, null);

        assertThat(outcome.keepsStatus()).isEqualTo(keepsStatus);
        assertThat(outcome.next()).isEqualTo(turn);
        assertThat(outcome.progress().reason()).isEqualTo("Throttled");
    }

    @Test
    void shouldKeepAReadyConnectionReadyWhenItsResyncReadMustWaitItsTurn() {
        AwsFailure limited = new AwsFailure(
                AwsFailure.Kind.THROTTLED,
                "GetEnvironmentAccountConnection",
                null,
                "held back",
                Duration.ofMillis(800),
                null);
        Condition ready = new io.fabric8.kubernetes.api.model.ConditionBuilder()
                .withType(ConditionTypes.READY)
                .withStatus("True")
                .withReason("Connected")
                .withMessage("Connection is CONNECTED")
                .build();

        HandshakeOutcome atRest = outcomes.throttled(new SideCalls.ThrottledCall(limited, true), null, ready);
        HandshakeOutcome notReady = outcomes.throttled(new SideCalls.ThrottledCall(limited, true), null, null);

        assertThat(atRest.progress().isReady()).isTrue();
        assertThat(atRest.progress().reason()).isEqualTo("Connected");
        assertThat(atRest.next()).isEqualTo(Duration.ofMillis(800));
        assertThat(notReady.progress().reason()).isEqualTo("Throttled");
    }

    @Test
    void shouldMarkAHeldDeletionSoSwitchingToRetainCanBeToldApart() {
        HandshakeOutcome held =
                outcomes.stalled("InUse", "environment e uses it", null).holdingDeletion();

        EnvironmentAccountConnectionStatus status = HandshakeStatus.build(conditions, null, 2, held);

        Condition deleted = Conditions.find(status.conditions(), ConditionTypes.DELETED);
        assertThat(deleted.getStatus()).isEqualTo("False");
        assertThat(deleted.getReason()).isEqualTo("InUse");
        assertThat(List.of(held.released())).containsExactly(false);
    }

    private static ObservedConnection connection(ConnectionState state, String owner) {
        return new ObservedConnection(
                ID,
                "arn:aws:proton:us-east-1:222222222222:environment-account-connection/" + ID,
                state,
                "multi-svc",
                "222222222222",
                "111111111111",
                ROLES,
                owner,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static OperatorConfig config() {
        return new OperatorConfig() {
            @Override
            public Duration resyncPeriod() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration stalledRecheck() {
                return Duration.ofMinutes(1);
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(5);
            }

            @Override
            public String defaultRegion() {
                return "us-east-1";
            }

            @Override
            public String operatorNamespace() {
                return "proton-operator";
            }

            @Override
            public java.util.Optional<String> accountSelector() {
                return java.util.Optional.empty();
            }

            @Override
            public Aws aws() {
                return null;
            }
        };
    }
}
