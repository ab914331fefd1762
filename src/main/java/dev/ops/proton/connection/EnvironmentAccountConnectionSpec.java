package dev.ops.proton.connection;

import com.fasterxml.jackson.annotation.JsonIgnore;
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

/**
 * One Proton environment account connection: requested (environmentAccountRef) and accepted (managementAccountRef,
 * or a person with managementAccountId), or only accepted (environmentAccountId with managementAccountRef: the
 * environment account's side, elsewhere, requests it; see {@link AcceptOnlySide}).
 */
@ValidationRule(
        value = "has(self.managementAccountRef) != has(self.managementAccountId)",
        message = "set exactly one of managementAccountRef, managementAccountId")
@ValidationRule(
        value = "has(self.environmentAccountRef) != has(self.environmentAccountId)",
        message = "set exactly one of environmentAccountRef, environmentAccountId")
@ValidationRule(
        value = "!has(self.environmentAccountId) || !has(self.managementAccountId)",
        message = "environmentAccountId with managementAccountId leaves the operator no account to act in: "
                + "name one side by its AwsAccount")
@ValidationRule(
        value = "has(self.environmentAccountId) || has(self.role)",
        message = "role is required with environmentAccountRef")
@ValidationRule(
        value = "!has(self.environmentAccountId) || !(has(self.role) || has(self.codebuildRole) "
                + "|| has(self.componentRole) || has(self.tags))",
        message = "with environmentAccountId the operator only accepts: role, codebuildRole, componentRole and tags "
                + "belong to the requesting side; put the role to expect in expectedRequest")
@ValidationRule(
        value = "!has(self.environmentAccountId) || !has(self.acceptance) || self.acceptance == 'Automatic'",
        message = "with environmentAccountId accepting is the operator's only job: acceptance must be Automatic")
@ValidationRule(
        value =
                "!has(self.environmentAccountId) || !has(self.managementPolicy) || self.managementPolicy == 'FullControl'",
        message =
                "with environmentAccountId accepting is the operator's only job: managementPolicy must be FullControl;"
                        + " to only report a connection, observe it from its environment account (environmentAccountRef)")
@ValidationRule(
        value =
                "!has(self.environmentAccountId) || !has(self.adoptionPolicy) || self.adoptionPolicy == 'AdoptOrCreate'",
        message = "with environmentAccountId the operator neither creates nor adopts (the requesting side owns the"
                + " connection): leave adoptionPolicy unset")
@ValidationRule(
        value = "!has(self.expectedRequest) || has(self.environmentAccountId)",
        message = "expectedRequest is for the accept-only side (environmentAccountId)")
@ValidationRule(
        value = "!has(self.expectedRequest) || !has(self.expectedRequest.roleArn) "
                + "|| self.expectedRequest.roleArn.contains(':iam::' + self.environmentAccountId + ':role/')",
        message = "expectedRequest.roleArn must be a role of environmentAccountId")
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

        @JsonPropertyDescription("The Proton service role for provisioning in the environment account (required with "
                + "environmentAccountRef).")
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
                + "deletes it unless a Proton environment still uses it. The accept-only side never deletes "
                + "(the environment account's side owns the connection).")
        DeletionPolicy deletionPolicy,

        @Default("FullControl")
        @JsonPropertyDescription("FullControl (default) runs the handshake; ObserveOnly only reports the connection for"
                + " environmentName in status: no AWS write, and nothing deleted whatever deletionPolicy says.")
        ManagementPolicy managementPolicy,

        @Default("AdoptOrCreate")
        @JsonPropertyDescription("A live connection without ownership tag: AdoptOrCreate (default) adopts it, else"
                + " requests one; AdoptOnly adopts it and never requests; CreateOnly never adopts (stalls).")
        AdoptionPolicy adoptionPolicy,

        @Pattern(Patterns.ACCOUNT_ID)
        @JsonPropertyDescription("Accept-only side: the id of the environment account whose PENDING request the "
                + "operator accepts from managementAccountRef, instead of environmentAccountRef.")
        String environmentAccountId,

        @JsonPropertyDescription("Accept-only side: what the request must carry to be accepted, beyond coming "
                + "from environmentAccountId for environmentName.")
        ExpectedRequest expectedRequest) {

    /** A connection the operator requests, with the default control policies (FullControl, AdoptOrCreate). */
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
                null,
                null,
                null);
    }

    /** Only accepts: the environment account's side requests elsewhere. */
    @JsonIgnore
    public boolean isAcceptOnly() {
        return environmentAccountId != null;
    }
}
