package dev.ops.proton.localaws.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.AccessDeniedException;
import software.amazon.awssdk.services.proton.model.Tag;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The endpoint's authorization seen through the real SDK clients: a role in each account whose inline policy a row
 * sets, its session making one call, and whether AWS's AccessDenied comes back. Rows cover each condition operator
 * and key the product meets, NotAction and NotResource, explicit deny, PassRole, cross-account calls; the other tests
 * cover the denial's shape, existence hiding, the CloudFormation rollback and session tags.
 */
class AuthorizationThroughSdkTest {

    private static final String ENV = "222222222222";
    private static final String MANAGEMENT = "111111111111";
    private static final String SUBJECT = "Subject";
    /** The role the rows attach managed policies to (never the subject: that would change its own permissions). */
    private static final String ATTACHEE = "Attachee";

    private static final String PROTON_ROLE = "arn:aws:iam::" + ENV + ":role/EnvironmentAccountProtonRole";
    private static LocalAws localAws;
    private static Clients env;
    private static Clients management;

    /** A subject role's session in one account. */
    private record Clients(String account, ProtonClient proton, IamClient iam, CloudFormationClient cfn) {}

    @BeforeAll
    static void start() {
        localAws = LocalAws.startEmbedded();
        env = subject(ENV);
        management = subject(MANAGEMENT);
        LocalAwsClients.root(localAws, ENV)
                .iam()
                .createRole(r -> r.roleName(ATTACHEE).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\"}"));
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    private static Clients subject(String account) {
        IamClient root = LocalAwsClients.root(localAws, account).iam();
        root.createRole(r -> r.roleName(SUBJECT)
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + account + ":root\"},"
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}"));
        Credentials session = LocalAwsClients.root(localAws, account)
                .sts()
                .assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/" + SUBJECT)
                        .roleSessionName("subject"))
                .credentials();
        LocalAwsClients clients = LocalAwsClients.session(localAws, session).withoutRetries();
        return new Clients(account, clients.proton(), clients.iam(), clients.cloudFormation());
    }

    private static void policy(Clients who, String statements) {
        LocalAwsClients.root(localAws, who.account())
                .iam()
                .putRolePolicy(r -> r.roleName(SUBJECT)
                        .policyName("row")
                        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}"));
    }

    // ---- the table ------------------------------------------------------------------------------------------

    private enum Call {
        CREATE_TAGGED_OWNER(c -> createConnection(c, List.of(tag("proton.ops.dev/owner", "platform/a")), null)),
        CREATE_TAGGED_TEAM(c -> createConnection(c, List.of(tag("team", "data")), null)),
        CREATE_UNTAGGED(c -> createConnection(c, List.of(), null)),
        CREATE_WITH_ROLE(c -> createConnection(c, List.of(), PROTON_ROLE)),
        GET_ROLE(c -> c.iam().getRole(r -> r.roleName("EnvironmentAccountProtonRole"))),
        LIST_ROLES(c -> c.iam().listRoles()),
        ATTACH_READ_ONLY(c -> c.iam()
                .attachRolePolicy(
                        r -> r.roleName(ATTACHEE).policyArn("arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess"))),
        ATTACH_ADMIN(c -> c.iam()
                .attachRolePolicy(r -> r.roleName(ATTACHEE).policyArn("arn:aws:iam::aws:policy/AdministratorAccess"))),
        DESCRIBE_CHANGE_SET(c -> c.cfn().describeChangeSet(r -> r.stackName("s").changeSetName("proton-1"))),
        LIST_CONNECTIONS(c -> c.proton().listEnvironmentAccountConnections(r -> r.requestedBy("ENVIRONMENT_ACCOUNT")));

        private final Consumer<Clients> call;

        Call(Consumer<Clients> call) {
            this.call = call;
        }
    }

    static Stream<Arguments> rows() {
        String create = "\"Action\":\"proton:CreateEnvironmentAccountConnection\",\"Resource\":\"*\"";
        String attach = "\"Action\":\"iam:AttachRolePolicy\",\"Resource\":\"*\"";
        String anyCfn = "\"Action\":\"cloudformation:DescribeChangeSet\",\"Resource\":\"*\"";
        return Stream.of(
                row("no policy", "", Call.LIST_CONNECTIONS, false),
                row(
                        "Action wildcard",
                        allow("\"Action\":\"proton:List*\",\"Resource\":\"*\""),
                        Call.LIST_CONNECTIONS,
                        true),
                row(
                        "NotAction covers the rest",
                        allow("\"NotAction\":\"iam:*\",\"Resource\":\"*\""),
                        Call.LIST_CONNECTIONS,
                        true),
                row(
                        "NotAction excludes",
                        allow("\"NotAction\":\"proton:*\",\"Resource\":\"*\""),
                        Call.LIST_CONNECTIONS,
                        false),
                row(
                        "Resource ARN wildcard",
                        allow("\"Action\":\"iam:GetRole\",\"Resource\":\"arn:aws:iam::*:role/Environment*\""),
                        Call.GET_ROLE,
                        true),
                row(
                        "Resource of another role",
                        allow("\"Action\":\"iam:GetRole\",\"Resource\":\"arn:aws:iam::*:role/Other\""),
                        Call.GET_ROLE,
                        false),
                row(
                        "NotResource excludes",
                        allow("\"Action\":\"iam:GetRole\",\"NotResource\":\"arn:aws:iam::*:role/Environment*\""),
                        Call.GET_ROLE,
                        false),
                row(
                        "NotResource covers the rest",
                        allow("\"Action\":\"iam:GetRole\",\"NotResource\":\"arn:aws:iam::*:role/Other\""),
                        Call.GET_ROLE,
                        true),
                row(
                        "ListRoles only on *",
                        allow("\"Action\":\"iam:ListRoles\",\"Resource\":\"arn:aws:iam::*:role/*\""),
                        Call.LIST_ROLES,
                        false),
                row(
                        "explicit deny wins",
                        allow("\"Action\":\"*\",\"Resource\":\"*\"") + ","
                                + deny("\"Action\":\"proton:List*\",\"Resource\":\"*\""),
                        Call.LIST_CONNECTIONS,
                        false),
                row(
                        "Null RequestTag present",
                        cond(create, "Null", "aws:RequestTag/proton.ops.dev/owner", "\"false\""),
                        Call.CREATE_TAGGED_OWNER,
                        true),
                row(
                        "Null RequestTag absent",
                        cond(create, "Null", "aws:RequestTag/proton.ops.dev/owner", "\"false\""),
                        Call.CREATE_UNTAGGED,
                        false),
                row(
                        "StringEquals RequestTag",
                        cond(create, "StringEquals", "aws:RequestTag/team", "\"data\""),
                        Call.CREATE_TAGGED_TEAM,
                        true),
                row(
                        "StringEquals RequestTag absent",
                        cond(create, "StringEquals", "aws:RequestTag/team", "\"data\""),
                        Call.CREATE_TAGGED_OWNER,
                        false),
                row(
                        "StringNotEquals RequestTag",
                        cond(create, "StringNotEquals", "aws:RequestTag/team", "\"data\""),
                        Call.CREATE_TAGGED_TEAM,
                        false),
                row(
                        "StringNotEqualsIfExists absent",
                        cond(create, "StringNotEqualsIfExists", "aws:RequestTag/team", "\"data\""),
                        Call.CREATE_UNTAGGED,
                        true),
                row(
                        "StringLike RequestTag",
                        cond(create, "StringLike", "aws:RequestTag/proton.ops.dev/owner", "\"platform/*\""),
                        Call.CREATE_TAGGED_OWNER,
                        true),
                row(
                        "ForAllValues TagKeys",
                        cond(create, "ForAllValues:StringLike", "aws:TagKeys", "\"proton.ops.dev/*\""),
                        Call.CREATE_TAGGED_OWNER,
                        true),
                row(
                        "ForAllValues TagKeys other key",
                        cond(create, "ForAllValues:StringLike", "aws:TagKeys", "\"proton.ops.dev/*\""),
                        Call.CREATE_TAGGED_TEAM,
                        false),
                row(
                        "ForAnyValue TagKeys",
                        cond(create, "ForAnyValue:StringEquals", "aws:TagKeys", "\"team\""),
                        Call.CREATE_TAGGED_TEAM,
                        true),
                row(
                        "ForAnyValue TagKeys none",
                        cond(create, "ForAnyValue:StringEquals", "aws:TagKeys", "\"team\""),
                        Call.CREATE_UNTAGGED,
                        false),
                row(
                        "PrincipalAccount",
                        cond(
                                "\"Action\":\"proton:List*\",\"Resource\":\"*\"",
                                "StringEquals",
                                "aws:PrincipalAccount",
                                "\"" + ENV + "\""),
                        Call.LIST_CONNECTIONS,
                        true),
                row(
                        "PrincipalAccount other",
                        cond(
                                "\"Action\":\"proton:List*\",\"Resource\":\"*\"",
                                "StringEquals",
                                "aws:PrincipalAccount",
                                "\"" + MANAGEMENT + "\""),
                        Call.LIST_CONNECTIONS,
                        false),
                row(
                        "ArnEquals PolicyARN",
                        cond(
                                attach,
                                "ArnEquals",
                                "iam:PolicyARN",
                                "\"arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess\""),
                        Call.ATTACH_READ_ONLY,
                        true),
                row(
                        "ArnEquals PolicyARN other",
                        cond(
                                attach,
                                "ArnEquals",
                                "iam:PolicyARN",
                                "\"arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess\""),
                        Call.ATTACH_ADMIN,
                        false),
                row(
                        "ArnLike PolicyARN",
                        cond(attach, "ArnLike", "iam:PolicyARN", "\"arn:aws:iam::aws:policy/AWSProton*\""),
                        Call.ATTACH_READ_ONLY,
                        true),
                row(
                        "StringLike ChangeSetName",
                        cond(anyCfn, "StringLike", "cloudformation:ChangeSetName", "\"proton-*\""),
                        Call.DESCRIBE_CHANGE_SET,
                        true),
                row(
                        "StringEquals ChangeSetName other",
                        cond(anyCfn, "StringEquals", "cloudformation:ChangeSetName", "\"manual\""),
                        Call.DESCRIBE_CHANGE_SET,
                        false),
                row(
                        "Bool on a key the request lacks",
                        cond(
                                "\"Action\":\"proton:List*\",\"Resource\":\"*\"",
                                "Bool",
                                "aws:MultiFactorAuthPresent",
                                "\"true\""),
                        Call.LIST_CONNECTIONS,
                        false),
                row(
                        "BoolIfExists on a key the request lacks",
                        cond(
                                "\"Action\":\"proton:List*\",\"Resource\":\"*\"",
                                "BoolIfExists",
                                "aws:MultiFactorAuthPresent",
                                "\"true\""),
                        Call.LIST_CONNECTIONS,
                        true),
                row(
                        "PassRole to Proton",
                        allow(create) + "," + passRole("proton.amazonaws.com"),
                        Call.CREATE_WITH_ROLE,
                        true),
                row(
                        "PassRole to another service",
                        allow(create) + "," + passRole("ec2.amazonaws.com"),
                        Call.CREATE_WITH_ROLE,
                        false),
                row("no PassRole", allow(create), Call.CREATE_WITH_ROLE, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void shouldAllowOrDenyAsTheRowSays(String name, String statements, Call call, boolean allowed) {
        policy(env, statements);
        boolean denied;
        try {
            call.call.accept(env);
            denied = false;
        } catch (AwsServiceException e) {
            denied = e.statusCode() == 403 || e.awsErrorDetails().errorCode().startsWith("AccessDenied");
        }
        assertThat(denied).as(name).isEqualTo(!allowed);
    }

    // ---- shape, existence, cross-account -------------------------------------------------------------------

    @Test
    void shouldDenyInAwsWordsPerProtocol() {
        policy(env, deny("\"Action\":\"iam:GetRole\",\"Resource\":\"*\""));

        assertThatThrownBy(
                        () -> env.proton().listEnvironmentAccountConnections(r -> r.requestedBy("ENVIRONMENT_ACCOUNT")))
                .isInstanceOfSatisfying(
                        AccessDeniedException.class,
                        e -> assertThat(e.getMessage())
                                .startsWith(
                                        "User: arn:aws:sts::" + ENV
                                                + ":assumed-role/Subject/subject is not authorized to "
                                                + "perform: proton:ListEnvironmentAccountConnections on resource: * because no "
                                                + "identity-based policy allows the proton:ListEnvironmentAccountConnections action"));
        assertThatThrownBy(() -> env.iam().getRole(r -> r.roleName("Anything")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("User: arn:aws:sts::" + ENV + ":assumed-role/Subject/subject is not authorized "
                                    + "to perform: iam:GetRole on resource: arn:aws:iam::" + ENV + ":role/Anything "
                                    + "with an explicit deny in an identity-based policy");
                });
    }

    @Test
    void shouldTellADeniedCallerNothingAboutExistence() {
        String id = LocalAwsClients.root(localAws, ENV)
                .proton()
                .createEnvironmentAccountConnection(r -> r.managementAccountId(MANAGEMENT)
                        .environmentName(
                                "exists-" + UUID.randomUUID().toString().substring(0, 8)))
                .environmentAccountConnection()
                .id();
        policy(env, allow("\"Action\":\"proton:List*\",\"Resource\":\"*\""));

        String missing = UUID.randomUUID().toString();
        assertThatThrownBy(() -> env.proton().getEnvironmentAccountConnection(r -> r.id(id)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> env.proton().getEnvironmentAccountConnection(r -> r.id(missing)))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> env.iam().getRole(r -> r.roleName("NoSuchRole")))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));
    }

    @Test
    void shouldAuthorizeACrossAccountAcceptOnTheConnectionArnOfTheEnvironmentAccount() {
        String id = LocalAwsClients.root(localAws, ENV)
                .proton()
                .createEnvironmentAccountConnection(r -> r.managementAccountId(MANAGEMENT)
                        .environmentName("cross-" + UUID.randomUUID().toString().substring(0, 8)))
                .environmentAccountConnection()
                .id();
        policy(
                management,
                allow("\"Action\":\"proton:AcceptEnvironmentAccountConnection\",\"Resource\":\"arn:aws:proton:*:"
                        + MANAGEMENT + ":environment-account-connection/*\""));
        assertThatThrownBy(() -> management.proton().acceptEnvironmentAccountConnection(r -> r.id(id)))
                .isInstanceOfSatisfying(
                        AccessDeniedException.class,
                        e -> assertThat(e.getMessage())
                                .contains("on resource: arn:aws:proton:us-east-1:" + ENV
                                        + ":environment-account-connection/" + id));

        policy(
                management,
                allow("\"Action\":\"proton:AcceptEnvironmentAccountConnection\",\"Resource\":\"arn:aws:proton:*:" + ENV
                        + ":environment-account-connection/*\""));
        assertThat(management
                        .proton()
                        .acceptEnvironmentAccountConnection(r -> r.id(id))
                        .environmentAccountConnection()
                        .statusAsString())
                .isEqualTo("CONNECTED");
    }

    @Test
    void shouldRollBackAStackWhoseRoleTheCallerMayNotCreate() {
        policy(
                env,
                allow("\"Action\":[\"cloudformation:CreateStack\",\"cloudformation:DescribeStacks\","
                        + "\"cloudformation:DescribeStackEvents\"],\"Resource\":\"*\""));
        String template = "{\"Resources\":{\"Role\":{\"Type\":\"AWS::IAM::Role\",\"Properties\":{"
                + "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"proton.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}}}}}";

        env.cfn()
                .createStack(r ->
                        r.stackName("denied-role").templateBody(template).capabilitiesWithStrings("CAPABILITY_IAM"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> env.cfn()
                                .describeStacks(r -> r.stackName("denied-role"))
                                .stacks()
                                .get(0)
                                .stackStatus()
                        == StackStatus.ROLLBACK_COMPLETE);
        List<StackEvent> events =
                env.cfn().describeStackEvents(r -> r.stackName("denied-role")).stackEvents();
        assertThat(events)
                .filteredOn(
                        e -> "CREATE_FAILED".equals(e.resourceStatusAsString()) && "Role".equals(e.logicalResourceId()))
                .singleElement()
                .satisfies(e -> assertThat(e.resourceStatusReason())
                        .contains("is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::" + ENV
                                + ":role/denied-role-Role-")
                        .contains("HandlerErrorCode: AccessDenied"));
        assertThat(localAws.iam().listRoles(ENV, "/"))
                .noneMatch(role -> role.roleName().startsWith("denied-role"));
    }

    @Test
    void shouldNeedTagResourceForTagsAtCreateStack() {
        policy(env, allow("\"Action\":\"cloudformation:CreateStack\",\"Resource\":\"*\""));

        assertThatThrownBy(() -> env.cfn()
                        .createStack(r -> r.stackName("tagged")
                                .templateBody("{\"Resources\":{}}")
                                .tags(t -> t.key("team").value("platform"))))
                .isInstanceOfSatisfying(
                        AwsServiceException.class,
                        e -> assertThat(e.getMessage())
                                .contains("cloudformation:TagResource on resource: arn:aws:cloudformation:us-east-1:"
                                        + ENV + ":stack/tagged/*"));
    }

    @Test
    void shouldNeedTagSessionInTheTrustAndIdentityPoliciesForTransitiveSessionTags() {
        IamClient root = LocalAwsClients.root(localAws, ENV).iam();
        root.createRole(r -> r.roleName("Target")
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ENV + ":role/Tagged\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}"));
        root.createRole(r -> r.roleName("Tagged")
                .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ENV + ":root\"},"
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}"));
        root.putRolePolicy(r -> r.roleName("Tagged")
                .policyName("chain")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::" + ENV + ":role/Target\"}]}"));
        Credentials tagged = LocalAwsClients.root(localAws, ENV)
                .sts()
                .assumeRole(r -> r.roleArn("arn:aws:iam::" + ENV + ":role/Tagged")
                        .roleSessionName("pod")
                        .tags(t -> t.key("eks-cluster-name").value("c1"))
                        .transitiveTagKeys("eks-cluster-name"))
                .credentials();
        var chained = LocalAwsClients.session(localAws, tagged).withoutRetries().sts();

        assertThatThrownBy(() -> chained.assumeRole(
                        r -> r.roleArn("arn:aws:iam::" + ENV + ":role/Target").roleSessionName("next")))
                .as("the chaining role's own policy does not allow sts:TagSession")
                .hasMessageContaining("is not authorized to perform: sts:TagSession on resource")
                .hasMessageContaining("because no identity-based policy allows the sts:TagSession action");

        root.putRolePolicy(r -> r.roleName("Tagged")
                .policyName("chain")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"],\"Resource\":\"arn:aws:iam::" + ENV
                        + ":role/Target\"}]}"));
        assertThatThrownBy(() -> chained.assumeRole(
                        r -> r.roleArn("arn:aws:iam::" + ENV + ":role/Target").roleSessionName("next")))
                .as("the trust policy does not allow sts:TagSession yet")
                .hasMessageContaining("is not authorized to perform: sts:TagSession on resource")
                .hasMessageNotContaining("identity-based policy");

        root.updateAssumeRolePolicy(r -> r.roleName("Target")
                .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::" + ENV + ":role/Tagged\"},"
                        + "\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}"));
        assertThat(chained.assumeRole(r -> r.roleArn("arn:aws:iam::" + ENV + ":role/Target")
                                .roleSessionName("next"))
                        .assumedRoleUser()
                        .arn())
                .endsWith("assumed-role/Target/next");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static void createConnection(Clients c, List<Tag> tags, String roleArn) {
        c.proton()
                .createEnvironmentAccountConnection(r -> r.managementAccountId(MANAGEMENT)
                        .environmentName("row-" + UUID.randomUUID().toString().substring(0, 8))
                        .roleArn(roleArn)
                        .tags(tags));
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private static Arguments row(String name, String statements, Call call, boolean allowed) {
        return Arguments.of(name, statements, call, allowed);
    }

    private static String allow(String body) {
        return "{\"Effect\":\"Allow\"," + body + "}";
    }

    private static String deny(String body) {
        return "{\"Effect\":\"Deny\"," + body + "}";
    }

    private static String cond(String body, String operator, String key, String values) {
        return allow(body + ",\"Condition\":{\"" + operator + "\":{\"" + key + "\":" + values + "}}");
    }

    private static String passRole(String service) {
        return cond(
                "\"Action\":\"iam:PassRole\",\"Resource\":\"arn:aws:iam::*:role/EnvironmentAccount*\"",
                "StringEquals",
                "iam:PassedToService",
                "\"" + service + "\"");
    }
}
