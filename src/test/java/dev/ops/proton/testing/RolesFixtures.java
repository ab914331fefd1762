package dev.ops.proton.testing;

import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.Capability;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.roles.ConnectionRolesSpec;
import dev.ops.proton.roles.TemplateSource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/** ConnectionRoles manifests as a user writes them: a small inline template of one role, in a given namespace. */
public final class RolesFixtures {

    public static final String ONE_ROLE_TEMPLATE = """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {AWS: "111111111111"}, Action: sts:AssumeRole}]
            Outputs:
              RoleArn: {Value: !GetAtt Role.Arn}
            """;

    private RolesFixtures() {}

    /** A ConnectionRoles deploying {@link #ONE_ROLE_TEMPLATE} as the named stack in the named AwsAccount. */
    public static ConnectionRoles inline(
            String namespace, String name, String accountRef, String stackName, DeletionPolicy policy) {
        return withTemplate(
                namespace, name, accountRef, stackName, policy, new TemplateSource(null, ONE_ROLE_TEMPLATE, null));
    }

    public static ConnectionRoles withTemplate(
            String namespace,
            String name,
            String accountRef,
            String stackName,
            DeletionPolicy policy,
            TemplateSource template) {
        ConnectionRoles roles = new ConnectionRoles();
        roles.setMetadata(
                new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        roles.setSpec(new ConnectionRolesSpec(
                accountRef, stackName, template, Map.of(), List.of(Capability.CAPABILITY_IAM), null, false, policy));
        return roles;
    }

    /** Copies the spec with another deletion policy. */
    public static ConnectionRoles withDeletionPolicy(ConnectionRoles roles, DeletionPolicy policy) {
        ConnectionRolesSpec s = roles.getSpec();
        roles.setSpec(new ConnectionRolesSpec(
                s.accountRef(),
                s.stackName(),
                s.template(),
                s.parameters(),
                s.capabilities(),
                s.tags(),
                s.terminationProtection(),
                policy));
        return roles;
    }

    /** Creates the namespace unless it exists. */
    public static void namespace(KubernetesClient client, String name) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
    }
}
