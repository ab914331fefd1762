package dev.ops.proton.localaws.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** IAM wildcards on strings and ARNs, as a table. */
class IamPatternTest {

    static Stream<Arguments> arns() {
        return Stream.of(
                Arguments.of("*", "*", true),
                Arguments.of("*", "arn:aws:iam::1:role/x", true),
                Arguments.of("arn:aws:iam::*:role/x", "*", false),
                Arguments.of("arn:aws:iam::*:role/x", "arn:aws:iam::222222222222:role/x", true),
                Arguments.of("arn:aws:iam::*:role/x", "arn:aws:iam::222222222222:role/xy", false),
                Arguments.of("arn:aws:iam::*:role/x*", "arn:aws:iam::222222222222:role/path/xy", false),
                Arguments.of("arn:aws:iam::*:role/*", "arn:aws:iam::222222222222:role/path/xy", true),
                Arguments.of(
                        "arn:aws:cloudformation:*:*:stack/S/*", "arn:aws:cloudformation:us-east-1:2:stack/S/*", true),
                Arguments.of(
                        "arn:aws:cloudformation:*:*:stack/S/*", "arn:aws:cloudformation:us-east-1:2:stack/S2/x", false),
                Arguments.of(
                        "arn:aws:proton:*:2:*", "arn:aws:proton:eu-west-1:2:environment-account-connection/x", true),
                Arguments.of("arn:aws:proton:*", "arn:aws:proton:eu-west-1:2:environment-account-connection/x", false),
                Arguments.of("arn:aws:iam::?:role/x", "arn:aws:iam::2:role/x", true),
                Arguments.of("arn:aws:iam::?:role/x", "arn:aws:iam::22:role/x", false),
                Arguments.of("arn:aws:iam::2:role/X", "arn:aws:iam::2:role/x", false));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @MethodSource("arns")
    void shouldMatchArnsComponentByComponent(String pattern, String arn, boolean matches) {
        assertThat(IamPattern.arnMatches(pattern, arn)).isEqualTo(matches);
    }

    static Stream<Arguments> actions() {
        return Stream.of(
                Arguments.of("*", "proton:ListEnvironments", true),
                Arguments.of("proton:*", "proton:ListEnvironments", true),
                Arguments.of("PROTON:list*", "proton:ListEnvironments", true),
                Arguments.of("proton:List*s", "proton:ListEnvironments", true),
                Arguments.of("proton:List*s", "proton:ListEnvironment", false),
                Arguments.of("iam:*", "proton:ListEnvironments", false),
                Arguments.of("proton:ListEnvironment?", "proton:ListEnvironments", true));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @MethodSource("actions")
    void shouldMatchActionsIgnoringCase(String pattern, String action, boolean matches) {
        assertThat(IamPattern.actionMatches(pattern, action)).isEqualTo(matches);
    }
}
