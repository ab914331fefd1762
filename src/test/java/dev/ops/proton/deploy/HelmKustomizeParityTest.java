package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chart's defaults install what {@code kubectl kustomize deploy} does, where it matters for security and
 * operations: the same RBAC rules (operator, namespace Role, tenant roles), pod and container security contexts,
 * probes, resources, volumes, replicas, disruption budget and environment. Skipped, loudly, without kubectl.
 */
class HelmKustomizeParityTest {

    private static List<Manifest> kustomize;
    private static List<Manifest> helm;

    @BeforeAll
    static void render() throws Exception {
        if (Manifests.kubectlAvailable()) {
            kustomize = Manifests.kustomize(Path.of("deploy"));
            helm = HelmChart.render(null);
        } else {
            System.err.println("*** SKIPPED HelmKustomizeParityTest: kubectl is not on PATH, so the chart is NOT "
                    + "compared with `kubectl kustomize deploy`. Install kubectl to run it. ***");
        }
    }

    @BeforeEach
    void requireRendering() {
        Assumptions.assumeTrue(kustomize != null, "kubectl is not on PATH: chart and kustomize NOT compared");
    }

    @Test
    void shouldGrantTheSameRbacRules() {
        assertThat(rules(helm, "ClusterRole", "")).isEqualTo(rules(kustomize, "ClusterRole", ""));
        assertThat(rules(helm, "ClusterRole", "-tenant-view"))
                .isEqualTo(rules(kustomize, "ClusterRole", "-tenant-view"));
        assertThat(rules(helm, "ClusterRole", "-tenant-edit"))
                .isEqualTo(rules(kustomize, "ClusterRole", "-tenant-edit"));
        assertThat(rules(helm, "Role", "")).isEqualTo(rules(kustomize, "Role", ""));
        assertThat(aggregationLabels(helm))
                .isEqualTo(aggregationLabels(kustomize))
                .isNotEmpty();
    }

    @Test
    void shouldRunThePodTheSameHardenedWay() {
        Manifest helmPod = pod(helm);
        Manifest kustomizePod = pod(kustomize);

        for (String field : List.of(
                "securityContext",
                "volumes",
                "automountServiceAccountToken",
                "serviceAccountName",
                "terminationGracePeriodSeconds")) {
            assertThat(helmPod.at(field)).as(field).isEqualTo(kustomizePod.at(field));
        }
        Manifest helmContainer = Manifest.of(helmPod.list("containers").get(0));
        Manifest kustomizeContainer =
                Manifest.of(kustomizePod.list("containers").get(0));
        for (String field : List.of(
                "image",
                "imagePullPolicy",
                "ports",
                "securityContext",
                "startupProbe",
                "livenessProbe",
                "readinessProbe",
                "resources",
                "volumeMounts")) {
            assertThat(helmContainer.at(field)).as(field).isEqualTo(kustomizeContainer.at(field));
        }
        assertThat(env(helmContainer)).containsAllEntriesOf(env(kustomizeContainer));
    }

    @Test
    void shouldKeepTwoReplicasAndTheDisruptionBudget() {
        Manifest helmDeployment = HelmChartTest.only(helm, "Deployment");
        Manifest kustomizeDeployment = HelmChartTest.only(kustomize, "Deployment");

        assertThat(helmDeployment.at("spec", "replicas")).isEqualTo(kustomizeDeployment.at("spec", "replicas"));
        assertThat(helmDeployment.at("spec", "strategy")).isEqualTo(kustomizeDeployment.at("spec", "strategy"));
        assertThat(HelmChartTest.only(helm, "PodDisruptionBudget").at("spec", "maxUnavailable"))
                .isEqualTo(HelmChartTest.only(kustomize, "PodDisruptionBudget").at("spec", "maxUnavailable"));
        assertThat(HelmChartTest.only(helm, "ServiceAccount").name())
                .isEqualTo(HelmChartTest.only(kustomize, "ServiceAccount").name());
    }

    private static Object rules(List<Manifest> manifests, String kind, String nameSuffix) {
        List<Manifest> matching = manifests.stream()
                .filter(m -> m.kind().equals(kind) && m.name().equals("proton-connection-operator" + nameSuffix))
                .toList();
        assertThat(matching)
                .as(kind + " proton-connection-operator" + nameSuffix)
                .hasSize(1);
        return matching.get(0).at("rules");
    }

    private static Map<String, String> aggregationLabels(List<Manifest> manifests) {
        return manifests.stream()
                .filter(m -> m.kind().equals("ClusterRole"))
                .flatMap(m -> m.map("metadata", "labels").entrySet().stream()
                        .filter(e -> e.getKey().startsWith("rbac.authorization.k8s.io/aggregate-to-"))
                        .map(e -> Map.entry(
                                m.name() + " " + e.getKey(), e.getValue().toString())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Manifest pod(List<Manifest> manifests) {
        return Manifest.of(HelmChartTest.only(manifests, "Deployment").at("spec", "template", "spec"));
    }

    private static Map<String, Object> env(Manifest container) {
        return container.list("env").stream()
                .map(Manifest::of)
                .collect(Collectors.toMap(e -> e.string("name"), e -> e.object()));
    }
}
