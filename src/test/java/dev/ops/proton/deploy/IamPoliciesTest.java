package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies in deploy/iam stay least-privilege (no wildcard actions; {@code "Resource": "*"} for exactly the
 * actions AWS gives no resource type; roles passed to Proton only) and agree with the manifests: the operator may
 * assume (and tag sessions into) exactly the roles the example AwsAccounts name and accept the connections of exactly
 * those environment accounts, each account role trusts the operator's role with the example's ExternalId, and the
 * operator role trusts the ServiceAccount that deploy/ creates. That each action is needed at all is
 * {@link ShippedPoliciesMinimalityTest}'s proof, through the local AWS endpoint's authorization.
 */
class IamPoliciesTest {

    private static final Path IAM = Path.of("deploy/iam");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The shipped actions that have no resource type in the Service Authorization Reference: "*" is their only
     * resource, and a statement naming an ARN never grants them.
     */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCE_TYPE = Set.of(
            "proton:CreateEnvironmentAccountConnection",
            "proton:ListEnvironmentAccountConnections",
            "proton:ListEnvironments");

    @Test
    void shouldGrantNoWildcardAction() throws IOException {
        assertThat(allStatements()).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.has("NotAction")).isFalse();
            assertThat(strings(statement.path("Action"))).noneMatch(action -> action.contains("*"));
        });
    }

    @Test
    void shouldGrantEveryResourceOnlyWhereAwsOffersNoResourceType() throws IOException {
        assertThat(allStatements())
                .filteredOn(statement -> strings(statement.path("Resource")).contains("*"))
                .isNotEmpty()
                .allSatisfy(statement ->
                        assertThat(strings(statement.path("Action"))).isSubsetOf(ACTIONS_WITHOUT_RESOURCE_TYPE));
    }

    @Test
    void shouldGrantActionsWithoutResourceTypeOnEveryResource() throws IOException {
        assertThat(allStatements())
                .filteredOn(statement -> !strings(statement.path("Resource")).contains("*"))
                .allSatisfy(statement -> assertThat(strings(statement.path("Action")))
                        .doesNotContainAnyElementsOf(ACTIONS_WITHOUT_RESOURCE_TYPE));
    }

    @Test
    void shouldAcceptTheConnectionsOfTheExampleEnvironmentAccounts() throws IOException {
        Set<String> connectionsOfEnvironmentAccounts =
                Manifests.kustomizationResources(Path.of("deploy/examples")).stream()
                        .filter(m -> "AwsAccount".equals(m.kind()) && m.at("spec", "assumeRole") != null)
                        .map(m -> "arn:aws:proton:*:" + m.string("spec", "accountId")
                                + ":environment-account-connection/*")
                        .collect(Collectors.toSet());

        Set<String> acceptable = statements("operator-policy.json").stream()
                .filter(statement ->
                        strings(statement.path("Action")).contains("proton:AcceptEnvironmentAccountConnection"))
                .flatMap(statement -> strings(statement.path("Resource")).stream())
                .collect(Collectors.toSet());

        assertThat(acceptable).isEqualTo(connectionsOfEnvironmentAccounts);
    }

    @Test
    void shouldPassRolesToProtonOnly() throws IOException {
        assertThat(allStatements())
                .filteredOn(statement -> strings(statement.path("Action")).contains("iam:PassRole"))
                .isNotEmpty()
                .allSatisfy(statement -> assertThat(statement
                                .path("Condition")
                                .path("StringEquals")
                                .path("iam:PassedToService")
                                .asText())
                        .isEqualTo("proton.amazonaws.com"));
    }

    @Test
    void shouldLetTheOperatorAssumeExactlyTheRolesOfTheExampleAccounts() throws IOException {
        Set<String> exampleRoles = Manifests.kustomizationResources(Path.of("deploy/examples")).stream()
                .filter(m -> "AwsAccount".equals(m.kind()) && m.at("spec", "assumeRole") != null)
                .map(m -> m.string("spec", "assumeRole", "roleArn"))
                .collect(Collectors.toSet());

        Set<String> assumable = statements("operator-policy.json").stream()
                .filter(statement ->
                        strings(statement.path("Action")).containsAll(List.of("sts:AssumeRole", "sts:TagSession")))
                .flatMap(statement -> strings(statement.path("Resource")).stream())
                .collect(Collectors.toSet());

        assertThat(assumable).isEqualTo(exampleRoles);
    }

    @Test
    void shouldTrustTheOperatorRoleWithTheExampleExternalId() throws IOException {
        Manifest serviceAccount =
                Manifests.load(Path.of("deploy/serviceaccount.yaml")).get(0);
        Manifest secret = Manifests.load(Path.of("deploy/examples/external-id-secret.yaml"))
                .get(0);

        assertThat(statements("account-role-trust-policy.json")).singleElement().satisfies(statement -> {
            assertThat(statement.path("Principal").path("AWS").asText())
                    .isEqualTo(serviceAccount.annotation("eks.amazonaws.com/role-arn"));
            assertThat(strings(statement.path("Action"))).containsExactly("sts:AssumeRole", "sts:TagSession");
            assertThat(statement
                            .path("Condition")
                            .path("StringEquals")
                            .path("sts:ExternalId")
                            .asText())
                    .isEqualTo(secret.string("stringData", "externalId"));
        });
    }

    @Test
    void shouldTrustOnlyTheOperatorServiceAccountThroughIrsa() throws IOException {
        Manifest serviceAccount =
                Manifests.load(Path.of("deploy/serviceaccount.yaml")).get(0);
        String subject = "system:serviceaccount:" + serviceAccount.namespace() + ":" + serviceAccount.name();

        assertThat(statements("operator-trust-policy-irsa.json"))
                .singleElement()
                .satisfies(statement -> {
                    assertThat(strings(statement.path("Action"))).containsExactly("sts:AssumeRoleWithWebIdentity");
                    List<String> conditionValues = new ArrayList<>();
                    statement
                            .path("Condition")
                            .path("StringEquals")
                            .forEach(value -> conditionValues.add(value.asText()));
                    assertThat(conditionValues).contains(subject, "sts.amazonaws.com");
                });
    }

    private static List<JsonNode> allStatements() throws IOException {
        List<JsonNode> statements = new ArrayList<>();
        try (Stream<Path> files = Files.list(IAM)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList())) {
                statements.addAll(statements(file.getFileName().toString()));
            }
        }
        return statements;
    }

    private static List<JsonNode> statements(String file) throws IOException {
        JsonNode policy = JSON.readTree(IAM.resolve(file).toFile());
        assertThat(policy.path("Version").asText()).as(file).isEqualTo("2012-10-17");
        List<JsonNode> statements = new ArrayList<>();
        policy.path("Statement").forEach(statements::add);
        return statements;
    }

    /** An IAM policy field that may be one string or a list of strings. */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode()) {
            values.add(node.asText());
        }
        return values;
    }
}
