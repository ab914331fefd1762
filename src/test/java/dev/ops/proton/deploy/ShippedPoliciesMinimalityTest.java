package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ops.proton.connection.ConnectionGateway;
import dev.ops.proton.connection.ConnectionRoleArns;
import dev.ops.proton.connection.ObservedConnection;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsConfig;
import dev.ops.proton.roles.ObservedStack;
import dev.ops.proton.roles.StackFailureEvent;
import dev.ops.proton.roles.StackGateway;
import dev.ops.proton.testing.AccountBootstrap.PolicyEdit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The shipped policies are minimal: for every statement and every action in deploy/iam (but the operator's own trust
 * policies, which the local endpoint stands in for), removing it makes a named operator step fail with AWS's
 * AccessDenied naming that action, while the same step succeeds with the policies as shipped. Steps drive the
 * operator's own gateways ({@link StackGateway}, {@link ConnectionGateway}) and its AssumeRole, with the credentials
 * the operator uses; a step CloudFormation performs for the operator fails as a stack event naming the IAM action.
 */
class ShippedPoliciesMinimalityTest {

    private static final Path IAM = Path.of("deploy/iam");
    private static final Set<String> STOOD_IN_FOR =
            Set.of("operator-trust-policy-irsa.json", "operator-trust-policy-pod-identity.json");
    private static final String OPERATOR = "operator-policy.json";
    private static final String TRUST = "account-role-trust-policy.json";
    private static final String ENVIRONMENT = "environment-account-role-policy.json";
    private static final String MANAGEMENT = "management-account-role-policy.json";
    private static LocalAws localAws;

    /** What a step needs in place first (made with the shipped policies), passed on to the step itself. */
    private interface Prepare {
        Object prepare(ShippedPolicyWorld world);
    }

    /** The operator step; returns what explains a failure that is not an exception (stack events), or null. */
    private interface Act {
        String act(ShippedPolicyWorld world, Object prepared);
    }

    private record Step(String name, Prepare prepare, Act act) {}

    /**
     * One action of one statement, the step that needs it, and the action the denial names; {@code alsoWithout}
     * takes away what another shipped policy of the same role grants too (an account role gets both the environment
     * and the management account policies when it is both sides; either alone must suffice for its side).
     */
    private record Case(String file, String sid, String action, Step step, String denied, PolicyEdit alsoWithout) {}

    @BeforeAll
    static void start() {
        localAws = LocalAws.start(LocalAwsConfig.embedded().withStackOperationDelay(Duration.ofMillis(5)));
    }

    @AfterAll
    static void stop() {
        localAws.close();
    }

    // ---- the operator's steps ---------------------------------------------------------------------------------

    private static final Prepare NOTHING = world -> null;
    private static final Prepare STACK = world -> {
        StackGateway stacks = world.stacks();
        stacks.createStack(world.desiredStack(), "uid");
        return world.awaitStackSettled(stacks).stackId();
    };
    private static final Prepare STACK_WITH_TEAM_TAG = world -> {
        StackGateway stacks = world.stacks();
        stacks.createStack(world.desiredStack(world.managementAccount, Map.of("team", "platform")), "uid");
        return world.awaitStackSettled(stacks).stackId();
    };
    private static final Prepare CHANGE_SET = world -> {
        STACK.prepare(world);
        return readyChangeSet(world);
    };
    private static final Prepare CONNECTION_TO_MANAGEMENT_ROLE =
            world -> world.requestConnection(world.connectionsToManagementRole(), world.managementAccount, "multi-svc");
    private static final Prepare CONNECTION_TO_OPERATOR_ACCOUNT =
            world -> world.requestConnection(world.connectionsToOperatorAccount(), world.operatorAccount, "multi-svc");

    private static final Step ASSUME_ROLE =
            new Step("AwsAccount: AssumeRole into the environment account", NOTHING, (w, p) -> {
                w.assumeEnvironmentRole();
                return null;
            });
    private static final Step ASSUME_ROLE_POD_IDENTITY =
            new Step("AwsAccount: AssumeRole with EKS Pod Identity's transitive session tags", NOTHING, (w, p) -> {
                w.assumeEnvironmentRoleWithTransitiveTags();
                return null;
            });
    private static final Step CREATE_STACK = new Step("ConnectionRoles: CreateStack", NOTHING, (w, p) -> {
        w.stacks().createStack(w.desiredStack(), "uid");
        return null;
    });
    private static final Step STACK_CREATION =
            new Step("ConnectionRoles: the stack's roles are created", NOTHING, (w, p) -> {
                StackGateway stacks = w.stacks();
                stacks.createStack(w.desiredStack(), "uid");
                return failureReasons(stacks, w.awaitStackSettled(stacks));
            });
    private static final Step OBSERVE_STACK = new Step("ConnectionRoles: DescribeStacks", STACK, (w, p) -> {
        w.stacks().observe(ShippedPolicyWorld.STACK);
        return null;
    });
    private static final Step STACK_EVENTS =
            new Step("ConnectionRoles: explain a failure from stack events", STACK, (w, p) -> {
                w.stacks().recentFailureEvents((String) p, 5);
                return null;
            });
    private static final Step DELETE_STACK = new Step("ConnectionRoles: DeleteStack", STACK, (w, p) -> {
        w.stacks().deleteStack(ShippedPolicyWorld.STACK);
        return null;
    });
    private static final Step STACK_DELETION =
            new Step("ConnectionRoles: the stack's roles are deleted", STACK, (w, p) -> {
                StackGateway stacks = w.stacks();
                stacks.deleteStack(ShippedPolicyWorld.STACK);
                return failureReasons(stacks, w.awaitStackSettled(stacks));
            });
    private static final Step CREATE_CHANGE_SET = new Step("ConnectionRoles: CreateChangeSet", STACK, (w, p) -> {
        w.stacks().createUpdateChangeSet(w.desiredStack(w.operatorAccount, Map.of()), "uid");
        return null;
    });
    private static final Step DESCRIBE_CHANGE_SET =
            new Step("ConnectionRoles: DescribeChangeSet", CHANGE_SET, (w, p) -> {
                w.stacks().describeChangeSet(ShippedPolicyWorld.STACK, (String) p);
                return null;
            });
    private static final Step EXECUTE_CHANGE_SET = new Step("ConnectionRoles: ExecuteChangeSet", CHANGE_SET, (w, p) -> {
        w.stacks().executeChangeSet(ShippedPolicyWorld.STACK, (String) p);
        return null;
    });
    private static final Step DELETE_CHANGE_SET = new Step("ConnectionRoles: DeleteChangeSet", CHANGE_SET, (w, p) -> {
        w.stacks().deleteChangeSet(ShippedPolicyWorld.STACK, (String) p);
        return null;
    });
    private static final Step TERMINATION_PROTECTION =
            new Step("ConnectionRoles: UpdateTerminationProtection", STACK, (w, p) -> {
                w.stacks().updateTerminationProtection(ShippedPolicyWorld.STACK, true);
                return null;
            });
    private static final Step STACK_UPDATE = new Step(
            "ConnectionRoles: the stack's roles are updated (other trusted account, team tag dropped)",
            STACK_WITH_TEAM_TAG,
            (w, p) -> {
                StackGateway stacks = w.stacks();
                String changeSet = readyChangeSet(w);
                stacks.executeChangeSet(ShippedPolicyWorld.STACK, changeSet);
                return failureReasons(stacks, w.awaitStackSettled(stacks));
            });
    private static final Step REQUEST = new Step("Connection: request it (Create)", NOTHING, (w, p) -> {
        w.requestConnection(w.connectionsToManagementRole(), w.managementAccount, "multi-svc");
        return null;
    });
    private static final Step FIND = new Step(
            "Connection: find the live one to adopt (List, ListTagsForResource)",
            CONNECTION_TO_MANAGEMENT_ROLE,
            (w, p) -> {
                w.connectionsToManagementRole().findLive(w.managementAccount, "multi-svc");
                return null;
            });
    private static final Step GET = new Step(
            "Connection: observe it (Get, then ListTagsForResource to check its owner)",
            CONNECTION_TO_MANAGEMENT_ROLE,
            (w, p) -> {
                ConnectionGateway gateway = w.connectionsToManagementRole();
                gateway.getWithoutTags(((ObservedConnection) p).id());
                gateway.ownerTag(((ObservedConnection) p).arn());
                return null;
            });
    private static final Step UPDATE =
            new Step("Connection: change its roles (Update)", CONNECTION_TO_MANAGEMENT_ROLE, (w, p) -> {
                w.connectionsToManagementRole()
                        .updateRoles(
                                (ObservedConnection) p,
                                new ConnectionRoleArns(
                                        w.protonRoleArn(),
                                        "arn:aws:iam::" + w.environmentAccount
                                                + ":role/EnvironmentAccountCodeBuildRole",
                                        null));
                return null;
            });
    private static final Step TAG_OWNER =
            new Step("Connection: tag an adopted one with its owner", CONNECTION_TO_MANAGEMENT_ROLE, (w, p) -> {
                w.connectionsToManagementRole().tagOwner((ObservedConnection) p, ShippedPolicyWorld.OWNER);
                return null;
            });
    private static final Step DELETE = new Step("Connection: delete it", CONNECTION_TO_MANAGEMENT_ROLE, (w, p) -> {
        w.connectionsToManagementRole().delete((ObservedConnection) p);
        return null;
    });
    private static final Step ACCEPT_THROUGH_ROLE = new Step(
            "Connection: accept it in a management account reached through its role",
            CONNECTION_TO_MANAGEMENT_ROLE,
            (w, p) -> {
                w.connectionsToManagementRole().accept((ObservedConnection) p);
                return null;
            });
    private static final Step IN_USE_THROUGH_ROLE = new Step(
            "Connection: before deleting, list the environments using it (management account's role)",
            CONNECTION_TO_MANAGEMENT_ROLE,
            (w, p) -> {
                w.connectionsToManagementRole().environmentsUsing(((ObservedConnection) p).id());
                return null;
            });
    private static final Step ACCEPT_AS_OPERATOR = new Step(
            "Connection: accept it in the operator's own (management) account",
            CONNECTION_TO_OPERATOR_ACCOUNT,
            (w, p) -> {
                w.connectionsToOperatorAccount().accept((ObservedConnection) p);
                return null;
            });
    private static final Step IN_USE_AS_OPERATOR = new Step(
            "Connection: before deleting, list the environments using it (operator's own account)",
            CONNECTION_TO_OPERATOR_ACCOUNT,
            (w, p) -> {
                w.connectionsToOperatorAccount().environmentsUsing(((ObservedConnection) p).id());
                return null;
            });

    private static final Step LIST_REQUESTS_AS_OPERATOR = new Step(
            "Accept-only side: list the requests in the operator's own (management) account",
            CONNECTION_TO_OPERATOR_ACCOUNT,
            (w, p) -> {
                w.acceptSideAsOperator().requestsFor("multi-svc");
                return null;
            });
    private static final Step REJECT_AS_OPERATOR = new Step(
            "Accept-only side: reject a request that doesn't match, in the operator's own (management) account",
            CONNECTION_TO_OPERATOR_ACCOUNT,
            (w, p) -> {
                w.acceptSideAsOperator().reject((ObservedConnection) p);
                return null;
            });
    private static final Step LIST_REQUESTS_THROUGH_ROLE = new Step(
            "Accept-only side: list the requests in a management account reached through its role",
            CONNECTION_TO_MANAGEMENT_ROLE,
            (w, p) -> {
                w.acceptSideThroughRole().requestsFor("multi-svc");
                return null;
            });
    private static final Step REJECT_THROUGH_ROLE = new Step(
            "Accept-only side: reject a request that doesn't match, in a management account reached through its role",
            CONNECTION_TO_MANAGEMENT_ROLE,
            (w, p) -> {
                w.acceptSideThroughRole().reject((ObservedConnection) p);
                return null;
            });

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        add(cases, OPERATOR, "AssumeTheRoleOfEachAwsAccount", "sts:AssumeRole", ASSUME_ROLE);
        add(cases, OPERATOR, "AssumeTheRoleOfEachAwsAccount", "sts:TagSession", ASSUME_ROLE_POD_IDENTITY);
        add(
                cases,
                OPERATOR,
                "AcceptConnectionsOfTheEnvironmentAccounts",
                "proton:AcceptEnvironmentAccountConnection",
                ACCEPT_AS_OPERATOR);
        add(
                cases,
                OPERATOR,
                "RejectRequestsOfTheEnvironmentAccountsThatDoNotMatch",
                "proton:RejectEnvironmentAccountConnection",
                REJECT_AS_OPERATOR);
        add(
                cases,
                OPERATOR,
                "FindRequestsToAccept",
                "proton:ListEnvironmentAccountConnections",
                LIST_REQUESTS_AS_OPERATOR);
        add(
                cases,
                OPERATOR,
                "FindEnvironmentsUsingAConnectionBeforeDeletingIt",
                "proton:ListEnvironments",
                IN_USE_AS_OPERATOR);
        add(cases, TRUST, "TheOperatorRoleWithTheExternalId", "sts:AssumeRole", ASSUME_ROLE);
        add(cases, TRUST, "TheOperatorRoleWithTheExternalId", "sts:TagSession", ASSUME_ROLE_POD_IDENTITY);
        add(cases, MANAGEMENT, "AcceptConnections", "proton:AcceptEnvironmentAccountConnection", ACCEPT_THROUGH_ROLE);
        add(
                cases,
                MANAGEMENT,
                "RejectRequestsThatDoNotMatch",
                "proton:RejectEnvironmentAccountConnection",
                REJECT_THROUGH_ROLE);
        cases.add(new Case(
                MANAGEMENT,
                "FindRequestsToAccept",
                "proton:ListEnvironmentAccountConnections",
                LIST_REQUESTS_THROUGH_ROLE,
                "proton:ListEnvironmentAccountConnections",
                PolicyEdit.without(ENVIRONMENT, "FindConnectionsOfThisAccount", null)));
        add(
                cases,
                MANAGEMENT,
                "FindEnvironmentsUsingAConnectionBeforeDeletingIt",
                "proton:ListEnvironments",
                IN_USE_THROUGH_ROLE);
        String stacks = "ConnectionRolesStacks";
        add(cases, ENVIRONMENT, stacks, "cloudformation:CreateStack", CREATE_STACK);
        add(cases, ENVIRONMENT, stacks, "cloudformation:DeleteStack", DELETE_STACK);
        add(cases, ENVIRONMENT, stacks, "cloudformation:DescribeStacks", OBSERVE_STACK);
        add(cases, ENVIRONMENT, stacks, "cloudformation:DescribeStackEvents", STACK_EVENTS);
        add(cases, ENVIRONMENT, stacks, "cloudformation:CreateChangeSet", CREATE_CHANGE_SET);
        add(cases, ENVIRONMENT, stacks, "cloudformation:DescribeChangeSet", DESCRIBE_CHANGE_SET);
        add(cases, ENVIRONMENT, stacks, "cloudformation:ExecuteChangeSet", EXECUTE_CHANGE_SET);
        add(cases, ENVIRONMENT, stacks, "cloudformation:DeleteChangeSet", DELETE_CHANGE_SET);
        add(cases, ENVIRONMENT, stacks, "cloudformation:UpdateTerminationProtection", TERMINATION_PROTECTION);
        add(
                cases,
                ENVIRONMENT,
                "TagConnectionRolesStacksWhenCreatingOrChangingThem",
                "cloudformation:TagResource",
                CREATE_STACK);
        add(
                cases,
                ENVIRONMENT,
                "TagConnectionRolesStacksWhenCreatingOrChangingThem",
                "cloudformation:UntagResource",
                STACK_UPDATE);
        String roles = "RolesOfTheBuiltinTemplate";
        add(cases, ENVIRONMENT, roles, "iam:CreateRole", STACK_CREATION);
        add(cases, ENVIRONMENT, roles, "iam:DeleteRole", STACK_DELETION);
        add(cases, ENVIRONMENT, roles, "iam:GetRole", STACK_CREATION);
        add(cases, ENVIRONMENT, roles, "iam:UpdateAssumeRolePolicy", STACK_UPDATE);
        add(cases, ENVIRONMENT, roles, "iam:TagRole", STACK_CREATION);
        add(cases, ENVIRONMENT, roles, "iam:UntagRole", STACK_UPDATE);
        add(cases, ENVIRONMENT, roles, "iam:PutRolePolicy", STACK_CREATION);
        add(cases, ENVIRONMENT, roles, "iam:GetRolePolicy", STACK_CREATION);
        add(cases, ENVIRONMENT, roles, "iam:DeleteRolePolicy", STACK_DELETION);
        add(cases, ENVIRONMENT, roles, "iam:ListRolePolicies", STACK_DELETION);
        add(cases, ENVIRONMENT, roles, "iam:ListAttachedRolePolicies", STACK_DELETION);
        add(cases, ENVIRONMENT, "SignInRoleReadOnlyProtonPolicyOnly", "iam:AttachRolePolicy", STACK_CREATION);
        add(cases, ENVIRONMENT, "SignInRoleReadOnlyProtonPolicyOnly", "iam:DetachRolePolicy", STACK_DELETION);
        add(cases, ENVIRONMENT, "HandTheConnectionRolesToProton", "iam:PassRole", REQUEST);
        add(
                cases,
                ENVIRONMENT,
                "RequestOnlyConnectionsTaggedWithTheirOwner",
                "proton:CreateEnvironmentAccountConnection",
                REQUEST);
        cases.add(new Case(
                ENVIRONMENT,
                "FindConnectionsOfThisAccount",
                "proton:ListEnvironmentAccountConnections",
                FIND,
                "proton:ListEnvironmentAccountConnections",
                PolicyEdit.without(MANAGEMENT, "FindRequestsToAccept", null)));
        String manage = "ManageConnectionsOfThisAccount";
        add(cases, ENVIRONMENT, manage, "proton:GetEnvironmentAccountConnection", GET);
        add(cases, ENVIRONMENT, manage, "proton:UpdateEnvironmentAccountConnection", UPDATE);
        add(cases, ENVIRONMENT, manage, "proton:DeleteEnvironmentAccountConnection", DELETE);
        add(cases, ENVIRONMENT, manage, "proton:TagResource", TAG_OWNER);
        add(cases, ENVIRONMENT, manage, "proton:ListTagsForResource", FIND);
        return cases;
    }

    private static void add(List<Case> cases, String file, String sid, String action, Step step) {
        cases.add(new Case(file, sid, action, step, action, PolicyEdit.NONE));
    }

    // ---- the proofs -------------------------------------------------------------------------------------------

    @Test
    void shouldNameAStepForEveryActionOfEveryShippedStatement() throws IOException {
        Set<String> shipped = new TreeSet<>();
        for (String file : shippedFiles()) {
            for (JsonNode statement :
                    new ObjectMapper().readTree(IAM.resolve(file).toFile()).path("Statement")) {
                JsonNode actions = statement.path("Action");
                List<JsonNode> list = new ArrayList<>();
                if (actions.isArray()) {
                    actions.forEach(list::add);
                } else {
                    list.add(actions);
                }
                list.forEach(a -> shipped.add(file + " " + statement.path("Sid").asText() + " " + a.asText()));
            }
        }
        Set<String> proven = cases().stream()
                .map(c -> c.file() + " " + c.sid() + " " + c.action())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(proven).isEqualTo(shipped);
    }

    @TestFactory
    Stream<DynamicTest> shouldFailTheStepWithoutTheAction() {
        return cases().stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.file() + " " + c.sid() + " without " + c.action() + ": "
                                + c.step().name(),
                        () -> assertDeniedWithout(PolicyEdit.without(c.file(), c.sid(), c.action()), c)));
    }

    @TestFactory
    Stream<DynamicTest> shouldFailTheStepWithoutTheStatement() {
        Map<String, Case> firstPerStatement = new LinkedHashMap<>();
        cases().forEach(c -> firstPerStatement.putIfAbsent(c.file() + " " + c.sid(), c));
        return firstPerStatement.values().stream()
                .map(c -> DynamicTest.dynamicTest(
                        c.file() + " without statement " + c.sid() + ": "
                                + c.step().name(),
                        () -> assertDeniedWithout(PolicyEdit.without(c.file(), c.sid(), null), c)));
    }

    @TestFactory
    Stream<DynamicTest> shouldSucceedInEveryStepWithThePoliciesAsShipped() {
        Map<String, Step> steps = new LinkedHashMap<>();
        cases().forEach(c -> steps.putIfAbsent(c.step().name(), c.step()));
        return steps.values().stream()
                .map(step -> DynamicTest.dynamicTest(step.name(), () -> {
                    ShippedPolicyWorld world = new ShippedPolicyWorld(localAws);
                    Object prepared = step.prepare().prepare(world);
                    assertThat(step.act().act(world, prepared)).isNull();
                }));
    }

    private static void assertDeniedWithout(PolicyEdit edit, Case c) {
        ShippedPolicyWorld world = new ShippedPolicyWorld(localAws);
        Object prepared = c.step().prepare().prepare(world);
        world.bootstrap.edit((file, policy) -> {
            edit.apply(file, policy);
            c.alsoWithout().apply(file, policy);
        });
        String evidence;
        try {
            evidence = c.step().act().act(world, prepared);
        } catch (RuntimeException denied) {
            evidence = denied.getMessage();
        }
        assertThat(evidence)
                .as(c.step().name())
                .contains("is not authorized to perform: " + c.denied() + " on resource");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** An UPDATE change set to another trusted account without the team tag, once CloudFormation has computed it. */
    private static String readyChangeSet(ShippedPolicyWorld world) {
        StackGateway stacks = world.stacks();
        var desired = world.desiredStack(world.operatorAccount, Map.of());
        stacks.createUpdateChangeSet(desired, "uid");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stacks.describeChangeSet(ShippedPolicyWorld.STACK, desired.changeSetName())
                        .map(c -> c.status().equals("CREATE_COMPLETE"))
                        .orElse(false));
        return desired.changeSetName();
    }

    /** The reasons of the failure events of the stack's last operation; null when it ended well. */
    private static String failureReasons(StackGateway stacks, ObservedStack stack) {
        if (stack == null
                || !(stack.stackStatus().contains("FAILED")
                        || stack.stackStatus().contains("ROLLBACK"))) {
            return null;
        }
        return stacks.recentFailureEvents(stack.stackId(), 10).stream()
                .map(StackFailureEvent::reason)
                .collect(Collectors.joining("\n"));
    }

    private static List<String> shippedFiles() throws IOException {
        try (Stream<Path> files = Files.list(IAM)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".json") && !STOOD_IN_FOR.contains(f))
                    .sorted()
                    .toList();
        }
    }
}
