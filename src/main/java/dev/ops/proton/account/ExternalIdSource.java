package dev.ops.proton.account;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Where the ExternalId for AssumeRole comes from: never inline in the spec. */
public record ExternalIdSource(
        @Required @JsonPropertyDescription("Secret key holding the ExternalId the role's trust policy requires.")
        SecretKeyRef secretRef) {}
