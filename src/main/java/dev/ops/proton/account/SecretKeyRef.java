package dev.ops.proton.account;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.model.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the operator's own namespace. */
public record SecretKeyRef(
        @Required
        @Pattern(Patterns.OBJECT_NAME)
        @JsonPropertyDescription("Name of the Secret, in the operator's namespace.")
        String name,

        @Required @Pattern(Patterns.DATA_KEY) @JsonPropertyDescription("Key within the Secret.")
        String key) {}
