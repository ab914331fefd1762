package dev.ops.proton.account;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.model.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The role the operator assumes to act in the account. */
public record AssumeRole(
        @Required
        @Pattern(Patterns.ROLE_ARN)
        @JsonPropertyDescription("ARN of the IAM role to assume; it must belong to spec.accountId.")
        String roleArn,

        @JsonPropertyDescription("ExternalId to pass to AssumeRole, read from a Secret in the operator's namespace.")
        ExternalIdSource externalId,

        @Pattern(Patterns.SESSION_NAME)
        @JsonPropertyDescription("Role session name (default proton-connection-operator).")
        String sessionName) {}
