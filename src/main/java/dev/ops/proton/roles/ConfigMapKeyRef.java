package dev.ops.proton.roles;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.model.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap in the resource's namespace. */
public record ConfigMapKeyRef(
        @Required
        @Pattern(Patterns.OBJECT_NAME)
        @JsonPropertyDescription("Name of the ConfigMap, in the same namespace.")
        String name,

        @Required @Pattern(Patterns.DATA_KEY) @JsonPropertyDescription("Key holding the template body.")
        String key) {}
