package dev.ops.proton.account;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.ops.proton.model.Patterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** How the operator acts in one AWS account, and which namespaces may make it act there. */
public record AwsAccountSpec(
        @Required
        @Pattern(Patterns.ACCOUNT_ID)
        @JsonPropertyDescription("The 12-digit AWS account id; the operator proves it with GetCallerIdentity.")
        String accountId,

        @Pattern(Patterns.REGION)
        @JsonPropertyDescription("Default region for resources using this account (default: the operator's).")
        String region,

        @JsonPropertyDescription("Role to assume in the account. Omitted: the operator's own identity "
                + "(IRSA, EKS Pod Identity or the default credentials chain).")
        AssumeRole assumeRole,

        @JsonPropertyDescription("Namespaces whose resources may use this account.")
        List<String> allowedNamespaces,

        @JsonPropertyDescription("Label selector of namespaces whose resources may use this account. "
                + "With neither this nor allowedNamespaces, no namespace may.")
        LabelSelector allowedNamespaceSelector) {}
