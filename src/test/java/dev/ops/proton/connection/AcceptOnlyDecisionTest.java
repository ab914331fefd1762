package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.connection.AcceptOnlyDecision.Action;
import dev.ops.proton.connection.AcceptOnlyDecision.Expected;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AcceptOnlyDecisionTest {

    private static final String ENV = "333333333333";
    private static final String OTHER_ENV = "444444444444";
    private static final String PROTON_ROLE = "arn:aws:iam::" + ENV + ":role/EnvironmentAccountProtonRole";
    private static final String OTHER_ROLE = "arn:aws:iam::" + ENV + ":role/path/Admin";

    private static final Expected ANY_ROLE = new Expected(ENV, null, null, false);
    private static final Expected EXACT = new Expected(ENV, PROTON_ROLE, null, false);
    private static final Expected PATTERN = new Expected(ENV, null, "EnvironmentAccount*Role", false);
    private static final Expected ONE_CHAR = new Expected(ENV, null, "Admi?", false);
    private static final Expected EXACT_OR_REJECT = new Expected(ENV, PROTON_ROLE, null, true);

    static Stream<Arguments> table() {
        return Stream.of(
                // expected, requests listed, paused, the action, what its message names
                row(ANY_ROLE, List.of(), false, Action.AwaitRequest.class, null),
                row(ANY_ROLE, List.of(pending(ENV, OTHER_ROLE)), false, Action.Accept.class, null),
                row(EXACT, List.of(pending(ENV, PROTON_ROLE)), false, Action.Accept.class, null),
                row(EXACT, List.of(pending(ENV, OTHER_ROLE)), false, Action.Mismatch.class, "its role is"),
                row(PATTERN, List.of(pending(ENV, PROTON_ROLE)), false, Action.Accept.class, null),
                row(PATTERN, List.of(pending(ENV, OTHER_ROLE)), false, Action.Mismatch.class, "role name Admin"),
                row(ONE_CHAR, List.of(pending(ENV, OTHER_ROLE)), false, Action.Accept.class, null),
                row(ANY_ROLE, List.of(pending(OTHER_ENV, PROTON_ROLE)), false, Action.Mismatch.class, OTHER_ENV),
                row(EXACT_OR_REJECT, List.of(pending(ENV, OTHER_ROLE)), false, Action.Reject.class, OTHER_ROLE),
                row(EXACT_OR_REJECT, List.of(pending(ENV, PROTON_ROLE)), false, Action.Accept.class, null),
                // a matching request wins over a mismatched one listed before it
                row(
                        EXACT_OR_REJECT,
                        List.of(pending(OTHER_ENV, PROTON_ROLE), pending(ENV, PROTON_ROLE)),
                        false,
                        Action.Accept.class,
                        null),
                // accepted is accepted: the connection is followed whatever its role
                row(EXACT, List.of(connected(ENV, OTHER_ROLE)), false, Action.Connected.class, null),
                row(ANY_ROLE, List.of(connected(OTHER_ENV, PROTON_ROLE)), false, Action.AwaitRequest.class, null),
                row(ANY_ROLE, List.of(pending(ENV, PROTON_ROLE)), true, Action.Paused.class, null),
                row(EXACT_OR_REJECT, List.of(pending(ENV, OTHER_ROLE)), true, Action.Paused.class, null),
                // reporting writes nothing, so the pause changes nothing about it
                row(EXACT, List.of(pending(ENV, OTHER_ROLE)), true, Action.Mismatch.class, "its role is"));
    }

    @ParameterizedTest(name = "{index}: {3}")
    @MethodSource("table")
    void shouldDecideTheAcceptOnlyStep(
            Expected expected,
            List<ObservedConnection> requests,
            boolean paused,
            Class<? extends Action> action,
            String named) {
        Action decided = AcceptOnlyDecision.decide(expected, requests, paused);

        assertThat(decided).isInstanceOf(action);
        if (named != null) {
            String difference =
                    decided instanceof Action.Mismatch m ? m.difference() : ((Action.Reject) decided).difference();
            assertThat(difference).contains(named);
        }
    }

    private static Arguments row(
            Expected expected,
            List<ObservedConnection> requests,
            boolean paused,
            Class<? extends Action> action,
            String named) {
        return Arguments.of(expected, requests, paused, action, named);
    }

    private static ObservedConnection pending(String account, String role) {
        return connection(account, role, ConnectionState.PENDING);
    }

    private static ObservedConnection connected(String account, String role) {
        return connection(account, role, ConnectionState.CONNECTED);
    }

    private static ObservedConnection connection(String account, String role, ConnectionState state) {
        String id = java.util.UUID.randomUUID().toString();
        return new ObservedConnection(
                id,
                "arn:aws:proton:us-east-1:" + account + ":environment-account-connection/" + id,
                state,
                "multi-svc-" + ENV,
                account,
                "111111111111",
                new ConnectionRoleArns(role, null, null),
                null,
                Instant.EPOCH,
                Instant.EPOCH);
    }
}
