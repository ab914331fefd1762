package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/iam/operator-trust-policy-pod-identity.json, as the EKS user guide describes a Pod Identity role's trust
 * policy: the EKS Pod Identity service principal with sts:AssumeRole and sts:TagSession (it tags every session), and
 * conditions on the session tags it sets (kubernetes-namespace, kubernetes-service-account) naming the ServiceAccount
 * that deploy/ and the Helm chart create, so no other Pod Identity association in the account can use the role.
 */
class PodIdentityTrustPolicyTest {

    private static final Path POLICY = Path.of("deploy/iam/operator-trust-policy-pod-identity.json");

    @Test
    void shouldLetOnlyEksPodIdentityAssumeAndTagTheSession() throws IOException {
        JsonNode statement = onlyStatement();

        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("pods.eks.amazonaws.com");
        assertThat(texts(statement.path("Action"))).containsExactlyInAnyOrder("sts:AssumeRole", "sts:TagSession");
    }

    @Test
    void shouldRestrictTheRoleToTheOperatorServiceAccountThroughItsSessionTags() throws IOException {
        JsonNode equals = onlyStatement().path("Condition").path("StringEquals");
        Manifest serviceAccount =
                Manifests.load(Path.of("deploy/serviceaccount.yaml")).get(0);
        Manifest chartValues =
                Manifests.load(HelmChart.DIRECTORY.resolve("values.yaml")).get(0);

        assertThat(equals.path("aws:RequestTag/kubernetes-namespace").asText())
                .isEqualTo(serviceAccount.namespace())
                .isEqualTo(HelmChart.NAMESPACE);
        assertThat(equals.path("aws:RequestTag/kubernetes-service-account").asText())
                .isEqualTo(serviceAccount.name())
                .isEqualTo(chartValues.string("serviceAccount", "name"));
        assertThat(equals.path("aws:SourceAccount").asText()).matches("[0-9]{12}");
        assertThat(equals.path("aws:RequestTag/eks-cluster-arn").asText())
                .startsWith("arn:aws:eks:")
                .contains(":" + equals.path("aws:SourceAccount").asText() + ":cluster/");
    }

    private static JsonNode onlyStatement() throws IOException {
        JsonNode statements = new ObjectMapper().readTree(POLICY.toFile()).path("Statement");
        assertThat(statements.size()).isEqualTo(1);
        return statements.get(0);
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        node.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
