package dev.ops.proton.connection;

import java.util.Objects;

/**
 * The three role ARNs a connection carries: the Proton service role for provisioning, and the optional CodeBuild
 * provisioning and component roles. Proton leaves an optional role absent, so null and "no role" are the same.
 */
public record ConnectionRoleArns(String roleArn, String codebuildRoleArn, String componentRoleArn) {

    public ConnectionRoleArns {
        codebuildRoleArn = blankToNull(codebuildRoleArn);
        componentRoleArn = blankToNull(componentRoleArn);
    }

    public boolean matches(ConnectionRoleArns other) {
        return Objects.equals(roleArn, other.roleArn)
                && Objects.equals(codebuildRoleArn, other.codebuildRoleArn)
                && Objects.equals(componentRoleArn, other.componentRoleArn);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
