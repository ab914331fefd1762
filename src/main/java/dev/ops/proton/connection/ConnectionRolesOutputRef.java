package dev.ops.proton.connection;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.model.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An output of a ConnectionRoles stack in the same namespace. */
public record ConnectionRolesOutputRef(
        @Required
        @Pattern(Patterns.OBJECT_NAME)
        @JsonPropertyDescription("Name of the ConnectionRoles resource, in the same namespace.")
        String name,

        @Required
        @Pattern("^[A-Za-z0-9]{1,255}$")
        @JsonPropertyDescription("Output key holding the role ARN, e.g. ProtonRoleArn.")
        String output) {}
