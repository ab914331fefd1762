package dev.ops.proton.connection;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.model.Patterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * What the accept-only side expects of the request it accepts: beyond its environment account and environment name,
 * optionally its role, exactly or by a name pattern. A request that doesn't match is never accepted.
 */
@ValidationRule(
        value = "!(has(self.roleArn) && has(self.roleNamePattern))",
        message = "set at most one of roleArn, roleNamePattern")
public record ExpectedRequest(
        @Size(max = 2048)
        @Pattern(Patterns.ROLE_ARN)
        @JsonPropertyDescription("The exact role ARN the request must carry.")
        String roleArn,

        @Size(min = 1, max = 64)
        @Pattern("^[\\w+=,.@*?-]+$")
        @JsonPropertyDescription("A pattern the request's role name (the ARN's last path segment) must match, "
                + "case-sensitively: * matches any run of characters, ? one character; e.g. "
                + "EnvironmentAccountProtonRole*.")
        String roleNamePattern,

        @Default("Report")
        @JsonPropertyDescription("Report (default): a request that doesn't match is only reported (Stalled, "
                + "RequestMismatch); Reject: it is also rejected, so the environment account can request again.")
        OnMismatch onMismatch) {

    /** What the accept-only side does with a request that doesn't match. */
    public enum OnMismatch {
        Report,
        Reject
    }
}
