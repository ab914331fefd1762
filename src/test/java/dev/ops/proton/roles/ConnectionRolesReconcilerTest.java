package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.status.Pause;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;

@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class ConnectionRolesReconcilerTest {

    static final String ENV = "222222222222";
    static final String NAMESPACE = "platform";
    /** The label a template ConfigMap carries so the operator watches it. */
    static final String TEMPLATE_LABEL = "proton.ops.dev/template";

    static final Map<String, String> PARAMETERS = Map.of("EnvironmentAccountId", "111111111111");
    static final String INLINE = """
            Parameters:
              Trusted: {Type: String, Default: "111111111111"}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {AWS: !Ref Trusted}, Action: sts:AssumeRole}]
            Outputs:
              RoleArn: {Value: !GetAtt Role.Arn}
            """;

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    CloudFormationClient cfn;

    @BeforeEach
    void accounts() {
        OperatorFixtures.readyAccount(client, localAws, "env-roles", ENV, List.of(NAMESPACE));
        cfn = LocalAwsClients.root(localAws, ENV).cloudFormation();
    }

    @Test
    void shouldDeployTheBuiltinTemplateAndCopyOutputs() {
        create("workshop", builtin("workshop-roles", null, DeletionPolicy.Retain));

        ConnectionRoles ready = awaitCondition("workshop", ConditionTypes.READY, "True");

        assertThat(ready.getStatus().stackStatus()).isEqualTo("CREATE_COMPLETE");
        assertThat(ready.getStatus().outputs())
                .containsEntry("ProtonRoleArn", "arn:aws:iam::" + ENV + ":role/WorkshopProtonRole")
                .containsKey("SwitchRoleUrl");
        Stack stack = stack("workshop-roles");
        assertThat(stack.tags()).anySatisfy(tag -> {
            assertThat(tag.key()).isEqualTo("proton.ops.dev/owner");
            assertThat(tag.value()).isEqualTo("platform/workshop");
        });
        assertThat(localAws.iam().findRole(ENV, "WorkshopProtonRole")).isPresent();
    }

    @Test
    void shouldUpdateTheStackWhenAParameterChangesAndDoNothingWhenNothingDoes() {
        create("params", inline("params-stack", INLINE, Map.of()));
        awaitCondition("params", ConditionTypes.READY, "True");
        long executes = localAws.calls().count(ENV, "cloudformation", "ExecuteChangeSet");
        long creates = localAws.calls().count(ENV, "cloudformation", "CreateStack");

        edit("params", spec -> withParameters(spec, Map.of("Trusted", "333333333333")));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> localAws.iam().listRoles(ENV, null).stream()
                        .anyMatch(r -> r.roleName().startsWith("params-stack-Role")
                                && r.assumeRolePolicyDocument().contains("333333333333")));
        awaitCondition("params", ConditionTypes.READY, "True");
        assertThat(localAws.calls().count(ENV, "cloudformation", "ExecuteChangeSet"))
                .isEqualTo(executes + 1);
        assertThat(localAws.calls().count(ENV, "cloudformation", "CreateStack")).isEqualTo(creates);
    }

    @Test
    void shouldStallNamingTheFailedResourceAndRecoverWhenTheSpecIsFixed() {
        String broken = """
                Resources:
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      Description: a role without a trust policy
                """;
        create("failing", inline("failing-stack", broken, Map.of()));

        ConnectionRoles stalled = awaitCondition("failing", ConditionTypes.STALLED, "True");

        Condition condition = Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED);
        assertThat(condition.getMessage()).contains("Role", "AssumeRolePolicyDocument");
        assertThat(stalled.getStatus().failure().events()).anySatisfy(e -> {
            assertThat(e.logicalResourceId()).isEqualTo("Role");
            assertThat(e.resourceStatus()).isEqualTo("CREATE_FAILED");
        });
        long createsWhileStalled = localAws.calls().count(ENV, "cloudformation", "CreateStack");
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(localAws.calls().count(ENV, "cloudformation", "CreateStack")).isEqualTo(createsWhileStalled);

        edit("failing", spec -> withTemplate(spec, new TemplateSource(null, INLINE, null)));

        awaitCondition("failing", ConditionTypes.READY, "True");
        assertThat(stack("failing-stack").stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
    }

    @Test
    void shouldStallOnAMissingCapability() {
        ConnectionRoles roles = builtin("nocaps-roles", null, DeletionPolicy.Retain);
        roles.setSpec(new ConnectionRolesSpec(
                roles.getSpec().accountRef(),
                "nocaps-roles",
                null,
                PARAMETERS,
                List.of(Capability.CAPABILITY_IAM),
                null,
                false,
                DeletionPolicy.Retain));
        create("nocaps", roles);

        ConnectionRoles stalled = awaitCondition("nocaps", ConditionTypes.STALLED, "True");

        assertThat(Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED)
                        .getMessage())
                .contains("CAPABILITY_NAMED_IAM");
    }

    @Test
    void shouldRefuseANamespaceTheAccountDoesNotAllowWithoutCallingAws() {
        client.namespaces()
                .resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata()
                        .withName("tenant")
                        .endMetadata()
                        .build())
                .createOr(n -> n.update());
        String quiet = "818181818181";
        OperatorFixtures.readyAccount(client, localAws, "quiet-roles", quiet, List.of(NAMESPACE));
        ConnectionRoles roles = builtin("tenant-roles", null, DeletionPolicy.Retain);
        ConnectionRolesSpec spec = roles.getSpec();
        roles.setSpec(new ConnectionRolesSpec(
                "quiet-roles",
                spec.stackName(),
                spec.template(),
                spec.parameters(),
                spec.capabilities(),
                spec.tags(),
                spec.terminationProtection(),
                spec.deletionPolicy()));
        roles.getMetadata().setNamespace("tenant");
        roles.getMetadata().setName("tenant-roles");
        client.resources(ConnectionRoles.class)
                .inNamespace("tenant")
                .resource(roles)
                .create();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ConnectionRoles current = client.resources(ConnectionRoles.class)
                    .inNamespace("tenant")
                    .withName("tenant-roles")
                    .get();
            return current.getStatus() != null
                    && Conditions.isTrue(current.getStatus().conditions(), ConditionTypes.STALLED);
        });

        ConnectionRoles current = client.resources(ConnectionRoles.class)
                .inNamespace("tenant")
                .withName("tenant-roles")
                .get();
        assertThat(Conditions.find(current.getStatus().conditions(), ConditionTypes.STALLED)
                        .getReason())
                .isEqualTo("NamespaceNotAllowed");
        assertThat(localAws.calls()
                        .count(k -> k.account().equals(quiet) && k.service().equals("cloudformation")))
                .isZero();
    }

    @Test
    void shouldCreateTheStackAgainWhenDeletedBehindItsBack() {
        create("recreated", inline("recreated-stack", INLINE, Map.of()));
        awaitCondition("recreated", ConditionTypes.READY, "True");
        String firstId = stack("recreated-stack").stackId();

        cfn.deleteStack(r -> r.stackName("recreated-stack"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cfn.describeStacks(r -> r.stackName(firstId))
                        .stacks()
                        .get(0)
                        .stackStatusAsString()
                        .equals("DELETE_COMPLETE"));
        edit("recreated", spec -> withParameters(spec, Map.of("Trusted", "111111111111")));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            ConnectionRoles current = get("recreated");
            return current.getStatus() != null
                    && current.getStatus().stackId() != null
                    && !current.getStatus().stackId().equals(firstId)
                    && "CREATE_COMPLETE".equals(current.getStatus().stackStatus());
        });
    }

    @Test
    void shouldRetainTheStackByDefaultAndDeleteItWithTheDeletePolicy() {
        create("retained", inline("retained-stack", INLINE, Map.of()));
        create("deleted", inlineWithPolicy("deleted-stack", DeletionPolicy.Delete));
        awaitCondition("retained", ConditionTypes.READY, "True");
        awaitCondition("deleted", ConditionTypes.READY, "True");
        String deletedId = stack("deleted-stack").stackId();

        client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .withName("retained")
                .delete();
        client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .withName("deleted")
                .delete();

        await().atMost(Duration.ofSeconds(30)).until(() -> get("retained") == null && get("deleted") == null);
        assertThat(stack("retained-stack").stackStatusAsString()).isEqualTo("CREATE_COMPLETE");
        assertThat(cfn.describeStacks(r -> r.stackName(deletedId))
                        .stacks()
                        .get(0)
                        .stackStatusAsString())
                .isIn("DELETE_IN_PROGRESS", "DELETE_COMPLETE");
    }

    @Test
    void shouldMakeNoAwsWritesWhilePaused() {
        ConnectionRoles roles = inline("paused-stack", INLINE, Map.of());
        roles.getMetadata().setAnnotations(Map.of(Pause.ANNOTATION, "true"));
        create("paused", roles);

        ConnectionRoles paused = awaitCondition("paused", ConditionTypes.RECONCILING, "True");
        assertThat(Conditions.find(paused.getStatus().conditions(), ConditionTypes.RECONCILING)
                        .getReason())
                .isEqualTo("Paused");
        assertThat(stackCreatedFor("paused-stack"))
                .as("stack created while paused")
                .isFalse();

        edit("paused", current -> {
            current.getMetadata().setAnnotations(Map.of());
            return current;
        });
        edit("paused", current -> withParameters(current, Map.of("Trusted", "111111111111")));

        awaitCondition("paused", ConditionTypes.READY, "True");
    }

    @Test
    void shouldUpdateTheStackWhenItsConfigMapTemplateIsEdited() {
        client.configMaps()
                .inNamespace(NAMESPACE)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("roles-template")
                        .withNamespace(NAMESPACE)
                        .withLabels(Map.of(TEMPLATE_LABEL, "true"))
                        .endMetadata()
                        .withData(Map.of("template.yaml", INLINE))
                        .build())
                .create();
        ConnectionRoles roles = inline("configmap-stack", null, Map.of());
        roles.setSpec(withTemplate(
                        roles, new TemplateSource(null, null, new ConfigMapKeyRef("roles-template", "template.yaml")))
                .getSpec());
        create("from-configmap", roles);
        awaitCondition("from-configmap", ConditionTypes.READY, "True");

        client.configMaps().inNamespace(NAMESPACE).withName("roles-template").edit(map -> {
            map.setData(
                    Map.of("template.yaml", INLINE.replace("Default: \"111111111111\"", "Default: \"444444444444\"")));
            return map;
        });

        await().atMost(Duration.ofSeconds(30))
                .until(() -> localAws.iam().listRoles(ENV, null).stream()
                        .anyMatch(r -> r.roleName().startsWith("configmap-stack-Role")
                                && r.assumeRolePolicyDocument().contains("444444444444")));
    }

    @Test
    void shouldSwitchTerminationProtectionAsTheSpecSays() {
        ConnectionRoles roles = inline("protected-stack", INLINE, Map.of());
        ConnectionRolesSpec spec = roles.getSpec();
        roles.setSpec(new ConnectionRolesSpec(
                spec.accountRef(),
                spec.stackName(),
                spec.template(),
                spec.parameters(),
                spec.capabilities(),
                spec.tags(),
                true,
                DeletionPolicy.Retain));
        create("protected", roles);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> stackCreatedFor("protected-stack")
                        && Boolean.TRUE.equals(stack("protected-stack").enableTerminationProtection()));
        awaitCondition("protected", ConditionTypes.READY, "True");

        edit("protected", current -> {
            ConnectionRolesSpec s = current.getSpec();
            current.setSpec(new ConnectionRolesSpec(
                    s.accountRef(),
                    s.stackName(),
                    s.template(),
                    s.parameters(),
                    s.capabilities(),
                    s.tags(),
                    false,
                    s.deletionPolicy()));
            return current;
        });

        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.FALSE.equals(stack("protected-stack").enableTerminationProtection()));
    }

    private boolean stackCreatedFor(String stackName) {
        return cfn.listStacks().stackSummaries().stream()
                .anyMatch(s -> s.stackName().equals(stackName));
    }

    private static ConnectionRoles builtin(String stackName, Map<String, String> tags, DeletionPolicy policy) {
        ConnectionRoles roles = new ConnectionRoles();
        roles.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).build());
        Map<String, String> parameters = Map.of(
                "EnvironmentAccountId",
                "111111111111",
                "RolePrefix",
                stackName.replace("-roles", "").substring(0, 1).toUpperCase()
                        + stackName.replace("-roles", "").substring(1));
        roles.setSpec(new ConnectionRolesSpec(
                "env-roles",
                stackName,
                null,
                parameters,
                List.of(Capability.CAPABILITY_NAMED_IAM),
                tags,
                false,
                policy));
        return roles;
    }

    private static ConnectionRoles inline(String stackName, String body, Map<String, String> parameters) {
        ConnectionRoles roles = new ConnectionRoles();
        roles.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).build());
        roles.setSpec(new ConnectionRolesSpec(
                "env-roles",
                stackName,
                body == null ? null : new TemplateSource(null, body, null),
                parameters,
                List.of(Capability.CAPABILITY_IAM),
                null,
                false,
                DeletionPolicy.Retain));
        return roles;
    }

    private static ConnectionRoles inlineWithPolicy(String stackName, DeletionPolicy policy) {
        ConnectionRoles roles = inline(stackName, INLINE, Map.of());
        ConnectionRolesSpec spec = roles.getSpec();
        roles.setSpec(new ConnectionRolesSpec(
                spec.accountRef(),
                spec.stackName(),
                spec.template(),
                spec.parameters(),
                spec.capabilities(),
                spec.tags(),
                false,
                policy));
        return roles;
    }

    private static ConnectionRoles withParameters(ConnectionRoles roles, Map<String, String> parameters) {
        ConnectionRolesSpec spec = roles.getSpec();
        roles.setSpec(new ConnectionRolesSpec(
                spec.accountRef(),
                spec.stackName(),
                spec.template(),
                parameters,
                spec.capabilities(),
                spec.tags(),
                spec.terminationProtection(),
                spec.deletionPolicy()));
        return roles;
    }

    private static ConnectionRoles withTemplate(ConnectionRoles roles, TemplateSource template) {
        ConnectionRolesSpec spec = roles.getSpec();
        roles.setSpec(new ConnectionRolesSpec(
                spec.accountRef(),
                spec.stackName(),
                template,
                spec.parameters(),
                spec.capabilities(),
                spec.tags(),
                spec.terminationProtection(),
                spec.deletionPolicy()));
        return roles;
    }

    private void create(String name, ConnectionRoles roles) {
        roles.getMetadata().setName(name);
        client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .resource(roles)
                .create();
    }

    private void edit(String name, UnaryOperator<ConnectionRoles> change) {
        OperatorFixtures.edit(
                client.resources(ConnectionRoles.class).inNamespace(NAMESPACE).withName(name), change);
    }

    private ConnectionRoles get(String name) {
        return client.resources(ConnectionRoles.class)
                .inNamespace(NAMESPACE)
                .withName(name)
                .get();
    }

    private Stack stack(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    private ConnectionRoles awaitCondition(String name, String type, String status) {
        OperatorFixtures.awaitCondition(
                () -> {
                    ConnectionRoles current = get(name);
                    return Conditions.of(current);
                },
                type,
                status);
        return get(name);
    }
}
