package dev.ops.proton.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ops.proton.localaws.LocalAwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Bootstraps accounts at a local AWS endpoint the way docs/installing.md tells users to, with the policies shipped in
 * deploy/iam: the operator's own identity is the role {@value #OPERATOR_ROLE} in its account with
 * operator-policy.json (standing in for IRSA: its session credentials are what the operator runs with); every other
 * account gets the role {@value #ACCOUNT_ROLE} with account-role-trust-policy.json (naming the operator's role, with
 * the account's ExternalId or without the condition), environment-account-role-policy.json and
 * management-account-role-policy.json (an account may be either side of a connection); each bootstrapped account is
 * added to operator-policy.json's lists, as the guide says to do per account.
 *
 * <p>The only edits are the ones the guide names: account ids, the ExternalId, and (with {@link Names}) the stack and
 * role names an installation uses. The tests, the fault matrix, the sandbox and the benchmark all bootstrap through
 * this class; it speaks to the endpoint over HTTP only, so a harness can bootstrap an endpoint in another process.
 */
public final class AccountBootstrap {

    public static final String OPERATOR_ROLE = "proton-connection-operator";
    public static final String ACCOUNT_ROLE = "ProtonConnectionOperator";
    private static final Path IAM = Path.of("deploy/iam");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHIPPED_STACK = "AWSProtonWorkshop-AccountConnectionRoles";
    private static final String SHIPPED_ROLE_PREFIX = "EnvironmentAccount";
    private static final int MAX_SESSION_SECONDS = 43_200;
    private static final Map<String, AccountBootstrap> BY_ENDPOINT = new ConcurrentHashMap<>();

    /**
     * The stack and role names the environment-account policy is scoped to (the guide's customisation points):
     * {@link #shipped()} keeps the workshop's; {@link #any()} lets every name through, for test suites that deploy
     * stacks of many names and inline templates with roles of their own, keeping every action and condition. A
     * prefix replaces the built-in template's {@code RolePrefix} default; {@code *} stands for any role name.
     */
    public record Names(String stackName, String rolePrefix) {
        public static Names shipped() {
            return new Names(SHIPPED_STACK, SHIPPED_ROLE_PREFIX);
        }

        public static Names any() {
            return new Names("*", "*");
        }
    }

    /** The operator's own credentials: a session of {@value #OPERATOR_ROLE}. */
    public record OperatorCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {

        /** As the SDK's environment variables, for an operator process. */
        public Map<String, String> environment() {
            return Map.of(
                    "AWS_ACCESS_KEY_ID", accessKeyId,
                    "AWS_SECRET_ACCESS_KEY", secretAccessKey,
                    "AWS_SESSION_TOKEN", sessionToken);
        }

        /** As the SDK's system properties, for an operator in this JVM. */
        public void applyAsSystemProperties() {
            System.setProperty("aws.accessKeyId", accessKeyId);
            System.setProperty("aws.secretAccessKey", secretAccessKey);
            System.setProperty("aws.sessionToken", sessionToken);
        }

        public static void clearSystemProperties() {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            System.clearProperty("aws.sessionToken");
        }
    }

    /**
     * A change to one shipped policy document before it is put, as a test that proves the policies minimal makes it
     * (drop one action or statement). {@link #NONE} leaves every policy as shipped.
     */
    @FunctionalInterface
    public interface PolicyEdit {
        PolicyEdit NONE = (file, policy) -> {};

        void apply(String file, ObjectNode policy);

        /** Removes the action from the statement (the whole statement when action is null or its only action). */
        static PolicyEdit without(String file, String sid, String action) {
            return (edited, policy) -> {
                if (!edited.equals(file)) {
                    return;
                }
                ArrayNode statements = policy.withArray("Statement");
                for (int i = statements.size() - 1; i >= 0; i--) {
                    ObjectNode statement = (ObjectNode) statements.get(i);
                    if (!sid.equals(statement.path("Sid").asText())) {
                        continue;
                    }
                    JsonNode actions = statement.path("Action");
                    if (action == null
                            || (!actions.isArray() && actions.asText().equals(action))) {
                        statements.remove(i);
                        continue;
                    }
                    ArrayNode kept = JSON.createArrayNode();
                    actions.forEach(a -> {
                        if (!a.asText().equals(action)) {
                            kept.add(a);
                        }
                    });
                    statement.set("Action", kept);
                }
            };
        }
    }

    private final URI endpoint;
    private final String operatorAccountId;
    private final Names names;
    private final Map<String, String> externalIds = new LinkedHashMap<>();
    private OperatorCredentials operatorCredentials;
    private PolicyEdit edit = PolicyEdit.NONE;

    public AccountBootstrap(URI endpoint, String operatorAccountId, Names names) {
        this.endpoint = endpoint;
        this.operatorAccountId = operatorAccountId;
        this.names = names;
    }

    /** The one bootstrap of an endpoint (so every test class of a run adds to the same operator policy). */
    public static AccountBootstrap of(URI endpoint, String operatorAccountId, Names names) {
        return BY_ENDPOINT.computeIfAbsent(
                endpoint + "|" + operatorAccountId, key -> new AccountBootstrap(endpoint, operatorAccountId, names));
    }

    public String operatorRoleArn() {
        return "arn:aws:iam::" + operatorAccountId + ":role/" + OPERATOR_ROLE;
    }

    public static String accountRoleArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":role/" + ACCOUNT_ROLE;
    }

    /** Creates the operator's role (once) and returns credentials of a fresh 12-hour session of it. */
    public synchronized OperatorCredentials operator() {
        if (operatorCredentials == null) {
            try (IamClient iam = LocalAwsClients.root(endpoint, operatorAccountId)
                    .patiently()
                    .iam()) {
                try {
                    iam.createRole(r -> r.roleName(OPERATOR_ROLE)
                            .maxSessionDuration(MAX_SESSION_SECONDS)
                            .assumeRolePolicyDocument(standInForIrsa()));
                } catch (EntityAlreadyExistsException alreadyThere) {
                    // bootstrapped by an earlier run against the same endpoint
                }
                putOperatorPolicy(iam);
            }
            Credentials session = LocalAwsClients.root(endpoint, operatorAccountId)
                    .patiently()
                    .sts()
                    .assumeRole(r -> r.roleArn(operatorRoleArn())
                            .roleSessionName("proton-connection-operator")
                            .durationSeconds(MAX_SESSION_SECONDS))
                    .credentials();
            operatorCredentials =
                    new OperatorCredentials(session.accessKeyId(), session.secretAccessKey(), session.sessionToken());
        }
        return operatorCredentials;
    }

    /** Bootstraps an account whose role needs no ExternalId (idempotent). */
    public void account(String accountId) {
        account(accountId, null);
    }

    /** Bootstraps an account whose role's trust policy requires the ExternalId (null: none); idempotent. */
    public synchronized void account(String accountId, String externalId) {
        operator();
        boolean known = externalIds.containsKey(accountId);
        if (known && java.util.Objects.equals(externalIds.get(accountId), externalId)) {
            return;
        }
        putAccountPolicies(accountId, externalId);
        externalIds.put(accountId, externalId);
        if (!known) {
            try (IamClient iam = LocalAwsClients.root(endpoint, operatorAccountId)
                    .patiently()
                    .iam()) {
                putOperatorPolicy(iam);
            }
        }
    }

    /**
     * Puts every policy again with the edit applied (each account's trust and permission policies, the operator's
     * policy), or as shipped again with {@link PolicyEdit#NONE}. Sessions already issued see the change at once.
     */
    public synchronized void edit(PolicyEdit newEdit) {
        operator();
        this.edit = newEdit;
        try (IamClient iam =
                LocalAwsClients.root(endpoint, operatorAccountId).patiently().iam()) {
            iam.updateAssumeRolePolicy(r -> r.roleName(OPERATOR_ROLE).policyDocument(standInForIrsa()));
            putOperatorPolicy(iam);
        }
        externalIds.forEach(this::putAccountPolicies);
    }

    private void putAccountPolicies(String accountId, String externalId) {
        try (IamClient iam =
                LocalAwsClients.root(endpoint, accountId).patiently().iam()) {
            String trust = trustPolicy(externalId);
            try {
                iam.getRole(r -> r.roleName(ACCOUNT_ROLE));
                iam.updateAssumeRolePolicy(r -> r.roleName(ACCOUNT_ROLE).policyDocument(trust));
            } catch (NoSuchEntityException absent) {
                iam.createRole(r -> r.roleName(ACCOUNT_ROLE).assumeRolePolicyDocument(trust));
            }
            iam.putRolePolicy(r -> r.roleName(ACCOUNT_ROLE)
                    .policyName("environment-account")
                    .policyDocument(environmentAccountPolicy()));
            iam.putRolePolicy(r -> r.roleName(ACCOUNT_ROLE)
                    .policyName("management-account")
                    .policyDocument(read("management-account-role-policy.json").toString()));
        }
    }

    /** The operator's role trusts its own account's principals: the stand-in for the IRSA web identity. */
    private String standInForIrsa() {
        ObjectNode trust = shipped("account-role-trust-policy.json");
        ObjectNode statement = (ObjectNode) trust.withArray("Statement").get(0);
        statement.put("Sid", "StandInForIrsaInTheLocalEndpoint");
        statement.putObject("Principal").put("AWS", "arn:aws:iam::" + operatorAccountId + ":root");
        statement.remove("Condition");
        return trust.toString();
    }

    private String trustPolicy(String externalId) {
        ObjectNode trust = read("account-role-trust-policy.json");
        if (trust.withArray("Statement").isEmpty()) {
            return trust.toString();
        }
        ObjectNode statement = (ObjectNode) trust.withArray("Statement").get(0);
        statement.putObject("Principal").put("AWS", operatorRoleArn());
        if (externalId == null) {
            statement.remove("Condition");
        } else {
            ((ObjectNode) statement.path("Condition").path("StringEquals")).put("sts:ExternalId", externalId);
        }
        return trust.toString();
    }

    private String environmentAccountPolicy() {
        String policy = read("environment-account-role-policy.json").toString();
        String stacks = policy.replace("stack/" + SHIPPED_STACK + "/", "stack/" + names.stackName() + "/");
        return names.rolePrefix().equals("*")
                ? stacks.replaceAll("role/" + SHIPPED_ROLE_PREFIX + "\\w+", "role/*")
                : stacks.replace("role/" + SHIPPED_ROLE_PREFIX, "role/" + names.rolePrefix());
    }

    private void putOperatorPolicy(IamClient iam) {
        ObjectNode policy = read("operator-policy.json");
        for (JsonNode node : policy.withArray("Statement")) {
            ObjectNode statement = (ObjectNode) node;
            String sid = statement.path("Sid").asText();
            if (sid.equals("AssumeTheRoleOfEachAwsAccount")) {
                ArrayNode roles = statement.putArray("Resource");
                externalIds.keySet().forEach(account -> roles.add(accountRoleArn(account)));
            } else if (sid.equals("AcceptConnectionsOfTheEnvironmentAccounts")
                    || sid.equals("RejectRequestsOfTheEnvironmentAccountsThatDoNotMatch")) {
                ArrayNode connections = statement.putArray("Resource");
                externalIds
                        .keySet()
                        .forEach(account ->
                                connections.add("arn:aws:proton:*:" + account + ":environment-account-connection/*"));
            }
        }
        iam.putRolePolicy(r -> r.roleName(OPERATOR_ROLE)
                .policyName("proton-connection-operator")
                .policyDocument(policy.toString()));
    }

    /** Every account bootstrapped so far. */
    public synchronized List<String> accounts() {
        return List.copyOf(externalIds.keySet());
    }

    /** The shipped policy with the current edit applied. */
    private ObjectNode read(String file) {
        ObjectNode policy = shipped(file);
        edit.apply(file, policy);
        return policy;
    }

    private static ObjectNode shipped(String file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(IAM.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read deploy/iam/" + file, e);
        }
    }
}
