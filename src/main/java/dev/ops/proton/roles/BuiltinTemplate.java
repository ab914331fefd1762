package dev.ops.proton.roles;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Templates shipped with the operator. */
public enum BuiltinTemplate {
    /** The scoped Proton connection roles: src/main/resources/templates/environment-account-roles.yaml. */
    @JsonProperty("environment-account-roles")
    ENVIRONMENT_ACCOUNT_ROLES("templates/environment-account-roles.yaml");

    private final String resource;

    BuiltinTemplate(String resource) {
        this.resource = resource;
    }

    public String resource() {
        return resource;
    }
}
