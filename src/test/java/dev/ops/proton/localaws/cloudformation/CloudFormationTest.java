package dev.ops.proton.localaws.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.localaws.LocalAwsConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetStatus;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** CloudFormation through the real SDK: stacks, change sets, rollback, capabilities, protection, isolation. */
class CloudFormationTest {

    static final String ACCOUNT = "222222222222";
    static final String TEMPLATE = """
            Parameters:
              Suffix: {Type: String}
              Trusted: {Type: String, Default: "111111111111"}
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  RoleName: !Sub "Proton-${Suffix}"
                  AssumeRolePolicyDocument:
                    Statement:
                      - {Effect: Allow, Principal: {AWS: !Sub "arn:aws:iam::${Trusted}:root"}, Action: sts:AssumeRole}
                  Policies:
                    - PolicyName: inline
                      PolicyDocument: {Statement: [{Effect: Allow, Action: "proton:Get*", Resource: "*"}]}
            Outputs:
              RoleArn: {Value: !GetAtt Role.Arn}
              RoleName: {Value: !Ref Role}
            """;
    static LocalAws localAws;
    static CloudFormationClient cfn;

    @BeforeAll
    static void start() {
        localAws = LocalAws.start(LocalAwsConfig.embedded().withStackOperationDelay(Duration.ofMillis(10)));
        cfn = LocalAwsClients.root(localAws, ACCOUNT).cloudFormation();
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    @Test
    void shouldCreateUpdateAndDeleteAStackWithRealRoles() {
        cfn.createStack(r -> r.stackName("lifecycle")
                .templateBody(TEMPLATE)
                .parameters(param("Suffix", "life"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        Stack created = awaitStatus("lifecycle", StackStatus.CREATE_COMPLETE);
        assertThat(cfn.describeStackEvents(r -> r.stackName("lifecycle")).stackEvents())
                .filteredOn(e -> e.logicalResourceId().equals("lifecycle"))
                .extracting(StackEvent::resourceStatusAsString)
                .containsExactly("CREATE_COMPLETE", "CREATE_IN_PROGRESS");

        assertThat(created.outputs()).extracting(Output::outputKey).containsExactly("RoleArn", "RoleName");
        assertThat(output(created, "RoleArn")).isEqualTo("arn:aws:iam::" + ACCOUNT + ":role/Proton-life");
        assertThat(localAws.iam().findRole(ACCOUNT, "Proton-life"))
                .get()
                .satisfies(role -> assertThat(role.inlinePolicies()).containsKey("inline"));

        cfn.updateStack(r -> r.stackName("lifecycle")
                .usePreviousTemplate(true)
                .parameters(param("Suffix", "life"), param("Trusted", "333333333333"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        awaitStatus("lifecycle", StackStatus.UPDATE_COMPLETE);
        assertThat(localAws.iam().role(ACCOUNT, "Proton-life").assumeRolePolicyDocument())
                .contains("333333333333");

        String stackId = created.stackId();
        cfn.deleteStack(r -> r.stackName("lifecycle"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cfn.describeStacks(r -> r.stackName(stackId))
                                .stacks()
                                .get(0)
                                .stackStatus()
                        == StackStatus.DELETE_COMPLETE);
        assertThat(localAws.iam().findRole(ACCOUNT, "Proton-life")).isEmpty();
        assertError(
                () -> cfn.describeStacks(r -> r.stackName("lifecycle")),
                "ValidationError",
                "Stack with id lifecycle does not exist");
    }

    @Test
    void shouldRefuseUpdatesWithoutChanges() {
        createAndWait("unchanged", "same");

        assertError(
                () -> cfn.updateStack(r -> r.stackName("unchanged")
                        .usePreviousTemplate(true)
                        .parameters(param("Suffix", "same"))
                        .capabilities(Capability.CAPABILITY_NAMED_IAM)),
                "ValidationError",
                "No updates are to be performed.");
    }

    @Test
    void shouldEnforceCapabilities() {
        assertError(
                () -> cfn.createStack(
                        r -> r.stackName("nocaps").templateBody(TEMPLATE).parameters(param("Suffix", "nocaps"))),
                "InsufficientCapabilitiesException",
                "Requires capabilities : [CAPABILITY_NAMED_IAM]");
        assertError(
                () -> cfn.createStack(r -> r.stackName("iamonly")
                        .templateBody(TEMPLATE)
                        .parameters(param("Suffix", "iamonly"))
                        .capabilities(Capability.CAPABILITY_IAM)),
                "InsufficientCapabilitiesException",
                "CAPABILITY_NAMED_IAM");
    }

    @Test
    void shouldRunChangeSetsAndRecogniseEmptyOnes() {
        cfn.createChangeSet(r -> r.stackName("viachangeset")
                .changeSetName("create1")
                .changeSetType(ChangeSetType.CREATE)
                .templateBody(TEMPLATE)
                .parameters(param("Suffix", "cs"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        assertThat(status("viachangeset")).isEqualTo(StackStatus.REVIEW_IN_PROGRESS);
        DescribeChangeSetResponse created =
                cfn.describeChangeSet(r -> r.stackName("viachangeset").changeSetName("create1"));
        assertThat(created.status()).isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        assertThat(created.changes())
                .singleElement()
                .satisfies(c -> assertThat(c.resourceChange().actionAsString()).isEqualTo("Add"));

        cfn.executeChangeSet(r -> r.stackName("viachangeset").changeSetName("create1"));
        Stack stack = awaitStatus("viachangeset", StackStatus.CREATE_COMPLETE);
        assertThat(output(stack, "RoleName")).isEqualTo("Proton-cs");

        cfn.createChangeSet(r -> r.stackName("viachangeset")
                .changeSetName("noop")
                .usePreviousTemplate(true)
                .parameters(Parameter.builder()
                        .parameterKey("Suffix")
                        .usePreviousValue(true)
                        .build())
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        DescribeChangeSetResponse empty =
                cfn.describeChangeSet(r -> r.stackName("viachangeset").changeSetName("noop"));
        assertThat(empty.status()).isEqualTo(ChangeSetStatus.FAILED);
        assertThat(empty.statusReason())
                .isEqualTo("The submitted information didn't contain changes. "
                        + "Submit different information to create a change set.");
        assertError(
                () -> cfn.executeChangeSet(r -> r.stackName("viachangeset").changeSetName("noop")),
                "InvalidChangeSetStatus",
                "cannot be executed");
        cfn.deleteChangeSet(r -> r.stackName("viachangeset").changeSetName("noop"));

        cfn.createChangeSet(r -> r.stackName("viachangeset")
                .changeSetName("modify")
                .usePreviousTemplate(true)
                .parameters(param("Suffix", "cs"), param("Trusted", "444444444444"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        assertThat(cfn.describeChangeSet(r -> r.stackName("viachangeset").changeSetName("modify"))
                        .changes())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.resourceChange().actionAsString()).isEqualTo("Modify");
                    assertThat(c.resourceChange().replacementAsString()).isEqualTo("False");
                });
        cfn.executeChangeSet(r -> r.stackName("viachangeset").changeSetName("modify"));
        awaitStatus("viachangeset", StackStatus.UPDATE_COMPLETE);
    }

    @Test
    void shouldReplaceTheStackTagsAChangeSetCarriesAndKeepThemWhenItCarriesNone() {
        cfn.createStack(r -> r.stackName("tagged")
                .templateBody(TEMPLATE)
                .parameters(param("Suffix", "tagged"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM)
                .tags(tag("team", "platform")));
        awaitStatus("tagged", StackStatus.CREATE_COMPLETE);

        cfn.createChangeSet(r -> r.stackName("tagged")
                .changeSetName("retag")
                .usePreviousTemplate(true)
                .parameters(param("Suffix", "tagged"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM)
                .tags(tag("team", "networking")));
        assertThat(cfn.describeChangeSet(r -> r.stackName("tagged").changeSetName("retag"))
                        .status())
                .as("a change of tags is a change")
                .isEqualTo(ChangeSetStatus.CREATE_COMPLETE);
        cfn.executeChangeSet(r -> r.stackName("tagged").changeSetName("retag"));
        assertThat(awaitStatus("tagged", StackStatus.UPDATE_COMPLETE).tags())
                .containsExactly(tag("team", "networking"));

        cfn.createChangeSet(r -> r.stackName("tagged")
                .changeSetName("untouched")
                .usePreviousTemplate(true)
                .parameters(param("Suffix", "tagged"), param("Trusted", "444444444444"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        cfn.executeChangeSet(r -> r.stackName("tagged").changeSetName("untouched"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cfn.describeStacks(r -> r.stackName("tagged"))
                        .stacks()
                        .get(0)
                        .lastUpdatedTime()
                        .isAfter(
                                cfn.describeChangeSet(r -> r.stackName("tagged").changeSetName("untouched"))
                                        .creationTime()));
        assertThat(awaitStatus("tagged", StackStatus.UPDATE_COMPLETE).tags())
                .as("no Tags in the request: the stack keeps its tags")
                .containsExactly(tag("team", "networking"));
    }

    @Test
    void shouldRollBackAFailingCreateWithExplainingEvents() {
        localAws.iam().createRole(ACCOUNT, "Proton-taken", "/", "{}", null, 3600, java.util.Map.of());

        cfn.createStack(r -> r.stackName("failing")
                .templateBody(TEMPLATE)
                .parameters(param("Suffix", "taken"))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        awaitStatus("failing", StackStatus.ROLLBACK_COMPLETE);

        List<StackEvent> events =
                cfn.describeStackEvents(r -> r.stackName("failing")).stackEvents();
        assertThat(events.get(0).resourceStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
        assertThat(events)
                .filteredOn(e -> "CREATE_FAILED".equals(e.resourceStatusAsString()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.logicalResourceId()).isEqualTo("Role");
                    assertThat(e.resourceStatusReason()).contains("Role with name Proton-taken already exists");
                });
        assertError(
                () -> cfn.updateStack(r -> r.stackName("failing")
                        .usePreviousTemplate(true)
                        .parameters(param("Suffix", "other"))
                        .capabilities(Capability.CAPABILITY_NAMED_IAM)),
                "ValidationError",
                "ROLLBACK_COMPLETE state and can not be updated");
        assertError(
                () -> cfn.createStack(r -> r.stackName("failing")
                        .templateBody(TEMPLATE)
                        .parameters(param("Suffix", "x"))
                        .capabilities(Capability.CAPABILITY_NAMED_IAM)),
                "AlreadyExistsException",
                "Stack [failing] already exists");
    }

    @Test
    void shouldHonourTerminationProtection() {
        createAndWait("protected", "protected");
        cfn.updateTerminationProtection(r -> r.stackName("protected").enableTerminationProtection(true));

        assertError(
                () -> cfn.deleteStack(r -> r.stackName("protected")),
                "ValidationError",
                "Stack [protected] cannot be deleted while TerminationProtection is enabled");
        cfn.updateTerminationProtection(r -> r.stackName("protected").enableTerminationProtection(false));
        cfn.deleteStack(r -> r.stackName("protected"));
    }

    @Test
    void shouldKeepStacksToTheirAccountAndRegion() {
        createAndWait("isolated", "isolated");
        CloudFormationClient other =
                LocalAwsClients.root(localAws, "333333333333").cloudFormation();

        assertError(() -> other.describeStacks(r -> r.stackName("isolated")), "ValidationError", "does not exist");
        cfn.deleteStack(r -> r.stackName("never-existed"));
    }

    @Test
    void shouldSummariseTemplatesAndRefuseUnsupportedTypes() {
        var summary = cfn.getTemplateSummary(r -> r.templateBody(TEMPLATE));
        assertThat(summary.parameters()).extracting(p -> p.parameterKey()).containsExactly("Suffix", "Trusted");
        assertThat(summary.capabilitiesAsStrings()).contains("CAPABILITY_NAMED_IAM");

        assertError(
                () -> cfn.createStack(
                        r -> r.stackName("bucket").templateBody("Resources: {B: {Type: AWS::S3::Bucket}}")),
                "ValidationError",
                "Unrecognized resource types: [AWS::S3::Bucket]");
        assertError(
                () -> cfn.createStack(r -> r.stackName("1bad").templateBody(TEMPLATE)), "ValidationError", "stackName");
    }

    private static void createAndWait(String name, String suffix) {
        cfn.createStack(r -> r.stackName(name)
                .templateBody(TEMPLATE)
                .parameters(param("Suffix", suffix))
                .capabilities(Capability.CAPABILITY_NAMED_IAM));
        awaitStatus(name, StackStatus.CREATE_COMPLETE);
    }

    private static Stack awaitStatus(String name, StackStatus expected) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status(name) == expected);
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
    }

    private static StackStatus status(String name) {
        return cfn.describeStacks(r -> r.stackName(name)).stacks().get(0).stackStatus();
    }

    private static String output(Stack stack, String key) {
        return stack.outputs().stream()
                .filter(o -> o.outputKey().equals(key))
                .findFirst()
                .orElseThrow()
                .outputValue();
    }

    private static software.amazon.awssdk.services.cloudformation.model.Tag tag(String key, String value) {
        return software.amazon.awssdk.services.cloudformation.model.Tag.builder()
                .key(key)
                .value(value)
                .build();
    }

    private static Parameter param(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static void assertError(Executable call, String code, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(CloudFormationException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}
