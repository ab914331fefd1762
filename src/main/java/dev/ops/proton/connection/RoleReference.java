package dev.ops.proton.connection;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.model.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** A role ARN, given directly or read from a ConnectionRoles output. */
@ValidationRule(
        value = "has(self.arn) != has(self.fromConnectionRoles)",
        message = "set exactly one of arn, fromConnectionRoles")
public record RoleReference(
        @Pattern(Patterns.ROLE_ARN) @JsonPropertyDescription("The IAM role ARN.")
        String arn,

        @JsonPropertyDescription("Read the ARN from a ConnectionRoles output; waits until the stack reports it.")
        ConnectionRolesOutputRef fromConnectionRoles) {}
