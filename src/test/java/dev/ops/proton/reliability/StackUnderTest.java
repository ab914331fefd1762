package dev.ops.proton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.Capability;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.roles.ConnectionRolesSpec;
import dev.ops.proton.roles.TemplateSource;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;

/**
 * A ConnectionRoles resource with deletionPolicy Delete and a one-role template: the stack lifecycle of the matrix.
 * A duplicate would show as a second stack id under the stack's name (ListStacks keeps deleted stacks); a leftover
 * as a stack not {@code DELETE_COMPLETE} or an IAM role other than the operator's own.
 */
final class StackUnderTest implements ResourceUnderTest {

    static final String TEMPLATE = """
            Parameters:
              Trusted: {Type: String}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {AWS: !Ref Trusted}, Action: sts:AssumeRole}]
            Outputs:
              RoleArn: {Value: !GetAtt Role.Arn}
            """;

    private final KubernetesClient client;
    private final LocalAws localAws;
    private final Tenant tenant;
    private final String name;
    private final CloudFormationClient cfn;

    StackUnderTest(KubernetesClient client, LocalAws localAws, Tenant tenant, String name) {
        this.client = client;
        this.localAws = localAws;
        this.tenant = tenant;
        this.name = name;
        this.cfn = LocalAwsClients.root(localAws, tenant.environmentAccountId()).cloudFormation();
    }

    String stackName() {
        return name + "-stack";
    }

    @Override
    public String service() {
        return "cloudformation";
    }

    @Override
    public String account() {
        return tenant.environmentAccountId();
    }

    @Override
    public String firstWrite() {
        return "CreateStack";
    }

    @Override
    public int callsPerStalledReconcile() {
        return 2; // DescribeStacks (no such stack), CreateStack (denied; the SDK does not retry AccessDenied)
    }

    @Override
    public void create() {
        ConnectionRoles roles = new ConnectionRoles();
        roles.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(tenant.namespace())
                .build());
        roles.setSpec(new ConnectionRolesSpec(
                tenant.environmentAccountName(),
                stackName(),
                new TemplateSource(null, TEMPLATE, null),
                Map.of("Trusted", tenant.managementAccountId()),
                List.of(Capability.CAPABILITY_IAM),
                Map.of("edit", "0"),
                false,
                DeletionPolicy.Delete));
        client.resources(ConnectionRoles.class)
                .inNamespace(tenant.namespace())
                .resource(roles)
                .create();
    }

    ConnectionRoles get() {
        return resource().get();
    }

    private Resource<ConnectionRoles> resource() {
        return client.resources(ConnectionRoles.class)
                .inNamespace(tenant.namespace())
                .withName(name);
    }

    @Override
    public List<Condition> conditions() {
        ConnectionRoles current = get();
        return Conditions.of(current);
    }

    @Override
    public void editSpec(String value) {
        OperatorFixtures.edit(resource(), current -> {
            ConnectionRolesSpec s = current.getSpec();
            current.setSpec(new ConnectionRolesSpec(
                    s.accountRef(),
                    s.stackName(),
                    s.template(),
                    s.parameters(),
                    s.capabilities(),
                    Map.of("edit", value),
                    s.terminationProtection(),
                    s.deletionPolicy()));
            return current;
        });
    }

    /** Every stack ever made under the name, deleted ones included. */
    List<StackSummary> stacksEverMade() {
        return cfn.listStacks().stackSummaries().stream()
                .filter(s -> s.stackName().equals(stackName()))
                .toList();
    }

    /** IAM roles in the account other than the one the operator assumes. */
    List<String> rolesMadeByStacks() {
        return localAws.iam().listRoles(account(), null).stream()
                .map(role -> role.roleName())
                .filter(role -> !role.equals(OperatorFixtures.OPERATOR_ROLE))
                .toList();
    }

    @Override
    public void assertExactlyOneInAws() {
        List<StackSummary> stacks = stacksEverMade();
        assertThat(stacks).as("stacks ever made under the name %s", stackName()).hasSize(1);
        assertThat(stacks.get(0).stackId()).isEqualTo(get().getStatus().stackId());
        assertThat(stacks.get(0).stackStatusAsString()).isIn("CREATE_COMPLETE", "UPDATE_COMPLETE");
        assertThat(rolesMadeByStacks()).as("IAM roles of the stack").hasSize(1);
    }

    @Override
    public void delete() {
        resource().delete();
    }

    @Override
    public boolean isGone() {
        return get() == null;
    }

    @Override
    public void assertNothingLeftInAws() {
        assertThat(stacksEverMade())
                .as("stacks under the name %s", stackName())
                .hasSize(1)
                .allSatisfy(stack -> assertThat(stack.stackStatusAsString()).isEqualTo("DELETE_COMPLETE"));
        assertThat(rolesMadeByStacks()).as("IAM roles left behind").isEmpty();
    }

    @Override
    public String toString() {
        return "ConnectionRoles " + tenant.namespace() + "/" + name;
    }
}
