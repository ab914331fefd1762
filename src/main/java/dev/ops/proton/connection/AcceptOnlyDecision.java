package dev.ops.proton.connection;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides the accept-only side's next step from what it expects and the requests the management account lists for
 * its environment name: a pure function, unit-tested as a table.
 *
 * <p>Rules: a CONNECTED connection from the expected environment account is the one it follows (Ready, whatever its
 * role: accepted is accepted); a PENDING request that matches is accepted; one that doesn't is never accepted, only
 * reported, or rejected when the spec asks; the pause annotation stops both writes; no request: wait for one.
 */
public final class AcceptOnlyDecision {

    private AcceptOnlyDecision() {}

    /**
     * What the spec expects of the request.
     *
     * @param roleArn the exact role ARN, or null
     * @param roleNamePattern a glob over the role name, or null
     */
    public record Expected(
            String environmentAccountId, String roleArn, String roleNamePattern, boolean rejectOnMismatch) {

        static Expected of(EnvironmentAccountConnectionSpec spec) {
            ExpectedRequest request = spec.expectedRequest();
            return request == null
                    ? new Expected(spec.environmentAccountId(), null, null, false)
                    : new Expected(
                            spec.environmentAccountId(),
                            request.roleArn(),
                            request.roleNamePattern(),
                            request.onMismatch() == ExpectedRequest.OnMismatch.Reject);
        }

        /** How the request differs from what is expected; empty when it matches. */
        public Optional<String> difference(ObservedConnection request) {
            if (!environmentAccountId.equals(request.environmentAccountId())) {
                return Optional.of("it comes from environment account " + request.environmentAccountId()
                        + ", not from environmentAccountId " + environmentAccountId);
            }
            String role = request.roles().roleArn();
            if (roleArn != null && !roleArn.equals(role)) {
                return Optional.of("its role is " + role + ", not expectedRequest.roleArn " + roleArn);
            }
            if (roleNamePattern != null
                    && !glob(roleNamePattern).matcher(roleName(role)).matches()) {
                return Optional.of("its role name " + roleName(role) + " (" + role
                        + ") does not match expectedRequest.roleNamePattern " + roleNamePattern);
            }
            return Optional.empty();
        }

        private static String roleName(String roleArn) {
            return roleArn == null ? "" : roleArn.substring(roleArn.lastIndexOf('/') + 1);
        }

        private static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(regex.toString());
        }
    }

    /** The one next step of the accept-only side; Accept and Reject are its only AWS writes. */
    public sealed interface Action {
        /** No request for the environment name yet. */
        record AwaitRequest() implements Action {}

        /** A PENDING request that matches: accept it. */
        record Accept(ObservedConnection request) implements Action {}

        /** The connection is CONNECTED: follow it. */
        record Connected(ObservedConnection connection) implements Action {}

        /** A PENDING request that doesn't match: report it, never accept it. */
        record Mismatch(ObservedConnection request, String difference) implements Action {}

        /** A PENDING request that doesn't match, and the spec asks to reject such requests. */
        record Reject(ObservedConnection request, String difference) implements Action {}

        /** The pause annotation is set: the write {@code instead} is not made. */
        record Paused(Action instead) implements Action {}
    }

    /**
     * @param requests the PENDING and CONNECTED connections the management account lists for the environment name
     */
    public static Action decide(Expected expected, List<ObservedConnection> requests, boolean paused) {
        for (ObservedConnection request : requests) {
            if (request.state() == ConnectionState.CONNECTED
                    && expected.environmentAccountId().equals(request.environmentAccountId())) {
                return new Action.Connected(request);
            }
        }
        Action.Mismatch firstMismatch = null;
        for (ObservedConnection request : requests) {
            if (request.state() != ConnectionState.PENDING) {
                continue;
            }
            Optional<String> difference = expected.difference(request);
            if (difference.isEmpty()) {
                return paused ? new Action.Paused(new Action.Accept(request)) : new Action.Accept(request);
            }
            if (firstMismatch == null) {
                firstMismatch = new Action.Mismatch(request, difference.get());
            }
        }
        if (firstMismatch == null) {
            return new Action.AwaitRequest();
        }
        if (!expected.rejectOnMismatch()) {
            return firstMismatch;
        }
        Action reject = new Action.Reject(firstMismatch.request(), firstMismatch.difference());
        return paused ? new Action.Paused(reject) : reject;
    }
}
