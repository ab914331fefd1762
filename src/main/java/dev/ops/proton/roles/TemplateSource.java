package dev.ops.proton.roles;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the stack's CloudFormation template comes from: exactly one of the three. */
@ValidationRule(
        value = "[has(self.builtin), has(self.inline), has(self.configMapRef)].filter(x, x).size() == 1",
        message = "set exactly one of builtin, inline, configMapRef")
public record TemplateSource(
        @JsonPropertyDescription("A template shipped with the operator.")
        BuiltinTemplate builtin,

        @Size(min = 1, max = 51200)
        @JsonPropertyDescription("The template body (YAML or JSON), at most 51,200 bytes as CloudFormation allows.")
        String inline,

        @JsonPropertyDescription("A ConfigMap key holding the template body; editing it updates the stack.")
        ConfigMapKeyRef configMapRef) {

    public static final TemplateSource DEFAULT =
            new TemplateSource(BuiltinTemplate.ENVIRONMENT_ACCOUNT_ROLES, null, null);
}
