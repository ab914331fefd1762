package dev.ops.proton.connection;

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
import java.util.Map;

/** One Proton environment account connection. */
@ValidationRule(
        value = "has(self.managementAccountRef) != has(self.managementAccountId)",
        message = "set exactly one of managementAccountRef, managementAccountId")
@ValidationRule(
        value = "!has(self.managementAccountId) || (has(self.acceptance) && self.acceptance == 'Manual')",
        message =
                "with managementAccountId the operator can't act in the management account: acceptance must be Manual")
public record EnvironmentAccountConnectionSpec(
        @Required
        @Size(min = 1, max = 100)
        @Pattern(Patterns.ENVIRONMENT_NAME)
        @JsonPropertyDescription("The Proton environment name, e.g. multi-svc-222222222222.")
        String environmentName,

        @Required
        @Pattern(Patterns.OBJECT_NAME)
        @JsonPropertyDescription("AwsAccount of the environment account: requests, updates and deletes.")
        String environmentAccountRef,

        @Pattern(Patterns.OBJECT_NAME)
        @JsonPropertyDescription(
                "AwsAccount of the management account: accepts; its accountId is the " + "managementAccountId.")
        String managementAccountRef,

        @Pattern(Patterns.ACCOUNT_ID)
        @JsonPropertyDescription(
                "The management account id, when the operator may not act there " + "(then acceptance must be Manual).")
        String managementAccountId,

        @Required @JsonPropertyDescription("The Proton service role for provisioning in the environment account.")
        RoleReference role,

        @JsonPropertyDescription("Optional CodeBuild provisioning role.")
        RoleReference codebuildRole,

        @JsonPropertyDescription("Optional component role.") RoleReference componentRole,

        @Default("Automatic")
        @JsonPropertyDescription("Automatic (default): the operator accepts; Manual: a person accepts.")
        Acceptance acceptance,

        @ValidationRule(value = "self.size() <= 49", message = "at most 49 tags (one more is the ownership tag)")
        @ValidationRule(
                value = "self.all(k, size(k) <= 128 && size(self[k]) <= 256)",
                message = "tag keys are at most 128 characters, values at most 256")
        @JsonPropertyDescription("Tags for the connection; the operator adds proton.ops.dev/owner.")
        Map<String, String> tags,

        @Default("Retain")
        @JsonPropertyDescription("Retain (default) leaves the connection when the resource is deleted; Delete "
                + "deletes it unless a Proton environment still uses it.")
        DeletionPolicy deletionPolicy,

        @Default("FullControl")
        @JsonPropertyDescription("FullControl (default) runs the handshake; ObserveOnly only reports the connection for"
                + " environmentName in status: no AWS write, and nothing deleted whatever deletionPolicy says.")
        ManagementPolicy managementPolicy,

        @Default("AdoptOrCreate")
        @JsonPropertyDescription("A live connection without ownership tag: AdoptOrCreate (default) adopts it, else"
                + " requests one; AdoptOnly adopts it and never requests; CreateOnly never adopts (stalls).")
        AdoptionPolicy adoptionPolicy) {

    /** The spec without the control fields (FullControl, AdoptOrCreate), as it was before they existed. */
    public EnvironmentAccountConnectionSpec(
            String environmentName,
            String environmentAccountRef,
            String managementAccountRef,
            String managementAccountId,
            RoleReference role,
            RoleReference codebuildRole,
            RoleReference componentRole,
            Acceptance acceptance,
            Map<String, String> tags,
            DeletionPolicy deletionPolicy) {
        this(
                environmentName,
                environmentAccountRef,
                managementAccountRef,
                managementAccountId,
                role,
                codebuildRole,
                componentRole,
                acceptance,
                tags,
                deletionPolicy,
                null,
                null);
    }
}
