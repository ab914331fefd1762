package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ops.proton.config.LeaderElection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The second-installation overlay of docs/installing.md (docs/installations/team-a) changes the ServiceAccount, the
 * AWS role and the role's IRSA subject together: the rendered ServiceAccount is the one the trust policy beside the
 * overlay names, its annotation names that role, both bindings grant that ServiceAccount, and the shared objects (CRDs,
 * tenant roles) are left to the first installation. Skipped, loudly, without kubectl.
 */
class InstallationOverlayTest {

    private static final Path OVERLAY = Path.of("docs/installations/team-a");

    private static List<Manifest> rendered;

    @BeforeAll
    static void render() throws Exception {
        if (Manifests.kubectlAvailable()) {
            rendered = Manifests.kustomize(OVERLAY);
        } else {
            System.err.println("*** SKIPPED InstallationOverlayTest: kubectl is not on PATH, so " + OVERLAY
                    + " is NOT rendered or checked. Install kubectl to run it. ***");
        }
    }

    @BeforeEach
    void requireRendering() {
        Assumptions.assumeTrue(rendered != null, "kubectl is not on PATH: the installation overlay is NOT checked");
    }

    @Test
    void shouldNameTheSameServiceAccountInKubernetesAndInTheRoleTrustPolicy() throws Exception {
        Manifest serviceAccount = HelmChartTest.only(rendered, "ServiceAccount");
        JsonNode condition = new ObjectMapper()
                .readTree(OVERLAY.resolve("irsa-trust-policy.json").toFile())
                .path("Statement")
                .get(0)
                .path("Condition")
                .path("StringEquals");
        String subject = condition.properties().stream()
                .filter(entry -> entry.getKey().endsWith(":sub"))
                .map(entry -> entry.getValue().asText())
                .findFirst()
                .orElseThrow();

        assertThat(subject)
                .isEqualTo("system:serviceaccount:" + serviceAccount.namespace() + ":" + serviceAccount.name());
        assertThat(serviceAccount.namespace()).isEqualTo("proton-operator-team-a");
        assertThat(serviceAccount.annotation("eks.amazonaws.com/role-arn"))
                .isEqualTo("arn:aws:iam::111111111111:role/proton-connection-operator-team-a");
        for (String binding : List.of("RoleBinding", "ClusterRoleBinding")) {
            assertThat(HelmChartTest.only(rendered, binding).list("subjects"))
                    .as(binding)
                    .containsExactly(Map.of(
                            "kind", "ServiceAccount",
                            "name", serviceAccount.name(),
                            "namespace", serviceAccount.namespace()));
        }
        assertThat(HelmChartTest.only(rendered, "Deployment").string("spec", "template", "spec", "serviceAccountName"))
                .isEqualTo(serviceAccount.name());
    }

    @Test
    void shouldKeepTheLeaseTheOperatorTakesAndWatchItsOwnNamespaces() {
        Manifest role = HelmChartTest.only(rendered, "Role");
        Manifest container = Manifest.of(HelmChartTest.only(rendered, "Deployment")
                .list("spec", "template", "spec", "containers")
                .get(0));

        assertThat(role.list("rules"))
                .map(Manifest::of)
                .flatExtracting(rule -> rule.list("resourceNames"))
                .containsExactly(LeaderElection.LEASE_NAME);
        assertThat(container.list("env"))
                .contains(Map.of("name", "WATCH_NAMESPACES", "value", "team-a,team-a-staging"));
    }

    @Test
    void shouldLeaveTheSharedCrdsAndTenantRolesToTheFirstInstallation() {
        assertThat(rendered)
                .extracting(Manifest::kind)
                .doesNotContain("CustomResourceDefinition")
                .containsOnlyOnce("ClusterRole");
    }
}
