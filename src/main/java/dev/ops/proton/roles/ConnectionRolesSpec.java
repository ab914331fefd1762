package dev.ops.proton.roles;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.model.Patterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** The CloudFormation stack of IAM roles to keep in an environment account. */
public record ConnectionRolesSpec(
        @Required
        @Pattern(Patterns.OBJECT_NAME)
        @JsonPropertyDescription("The AwsAccount to deploy into; it must allow this namespace.")
        String accountRef,

        @Pattern(Patterns.STACK_NAME)
        @JsonPropertyDescription("CloudFormation stack name (default: the resource's name).")
        String stackName,

        @JsonPropertyDescription("The template (default: builtin environment-account-roles).")
        TemplateSource template,

        @Size(max = 200) @JsonPropertyDescription("Template parameters (at most 200, as CloudFormation allows).")
        Map<String, String> parameters,

        @JsonPropertyDescription("Capabilities to acknowledge (the built-in template needs CAPABILITY_NAMED_IAM).")
        List<Capability> capabilities,

        @ValidationRule(value = "self.size() <= 49", message = "at most 49 tags (one more is the ownership tag)")
        @ValidationRule(
                value = "self.all(k, size(k) <= 128 && !k.startsWith('aws:') && size(self[k]) <= 256)",
                message = "tag keys are at most 128 characters and must not start with aws:, values at most 256")
        @JsonPropertyDescription("Stack tags; the operator adds proton.ops.dev/owner.")
        Map<String, String> tags,

        @Default("false") @JsonPropertyDescription("Protect the stack from deletion.")
        Boolean terminationProtection,

        @Default("Retain")
        @JsonPropertyDescription("Retain (default) leaves the stack when the resource is deleted; Delete deletes it.")
        DeletionPolicy deletionPolicy,

        @Default("FullControl")
        @JsonPropertyDescription("FullControl (default) keeps the stack as the spec says; ObserveOnly only reports the"
                + " stack named stackName in status: no AWS write, and nothing deleted whatever deletionPolicy says.")
        ManagementPolicy managementPolicy,

        @Default("AdoptOrCreate")
        @JsonPropertyDescription("An existing stack without ownership tag: AdoptOrCreate (default) adopts it, else"
                + " creates one; AdoptOnly adopts it and never creates; CreateOnly never adopts (stalls).")
        AdoptionPolicy adoptionPolicy) {

    /** The spec without the control fields (FullControl, AdoptOrCreate), as it was before they existed. */
    public ConnectionRolesSpec(
            String accountRef,
            String stackName,
            TemplateSource template,
            Map<String, String> parameters,
            List<Capability> capabilities,
            Map<String, String> tags,
            Boolean terminationProtection,
            DeletionPolicy deletionPolicy) {
        this(
                accountRef,
                stackName,
                template,
                parameters,
                capabilities,
                tags,
                terminationProtection,
                deletionPolicy,
                null,
                null);
    }

    public TemplateSource templateOrDefault() {
        return template == null ? TemplateSource.DEFAULT : template;
    }
}
