package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helm chart (deploy/helm/proton-connection-operator) through Helm's own library: it lints, renders with its
 * defaults and with a values file setting every value, each rendered object loads strictly into the Fabric8 model
 * of its kind, its schema refuses bad values, and its crds/ are the repository's crds/. That the defaults render the
 * kustomize installation's hardening is HelmKustomizeParityTest's job.
 */
class HelmChartTest {

    static final Path ALL_VALUES = Path.of("src/test/resources/helm-values-all.yaml");
    static final Path BAD_VALUES = Path.of("src/test/resources/helm-values-bad.yaml");

    @Test
    void shouldLintStrictly() {
        LintResult lint = HelmChart.lint();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void shouldRenderObjectsValidForTheirKindWithTheDefaults() {
        List<Manifest> rendered = HelmChart.render(null);

        assertThat(kinds(rendered))
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "ClusterRole",
                        "ClusterRole",
                        "ClusterRole",
                        "ClusterRoleBinding",
                        "Role",
                        "RoleBinding",
                        "Deployment",
                        "PodDisruptionBudget");
        rendered.forEach(StrictKubernetesModel::load);
    }

    @Test
    void shouldRenderObjectsValidForTheirKindWithEveryValueSet() {
        List<Manifest> rendered = HelmChart.render(ALL_VALUES);

        assertThat(kinds(rendered)).contains("Service", "ServiceMonitor", "PrometheusRule");
        rendered.forEach(StrictKubernetesModel::load);
    }

    @Test
    void shouldCatchAFieldTheKubernetesModelDoesNotKnow() {
        Manifest deployment = only(HelmChart.render(null), "Deployment");
        Manifest.of(deployment.at("spec", "template", "spec")).object().put("nodeSelecter", Map.of("a", "b"));

        assertThatThrownBy(() -> StrictKubernetesModel.load(deployment)).hasMessageContaining("nodeSelecter");
    }

    @Test
    void shouldPutEveryValueIntoTheManifests() throws IOException {
        List<Manifest> rendered = HelmChart.render(ALL_VALUES);
        Manifest deployment = only(rendered, "Deployment");
        Manifest pod = Manifest.of(deployment.at("spec", "template", "spec"));
        Manifest container = Manifest.of(pod.list("containers").get(0));
        Map<String, String> env = container.list("env").stream()
                .map(Manifest::of)
                .filter(e -> e.string("value") != null)
                .collect(Collectors.toMap(e -> e.string("name"), e -> e.string("value")));

        assertThat(container.string("image"))
                .isEqualTo("registry.example.com/platform/proton-connection-operator:0.1.0-rc1");
        assertThat(container.string("imagePullPolicy")).isEqualTo("Always");
        assertThat(deployment.at("spec", "replicas")).isEqualTo(3);
        assertThat(deployment.name()).isEqualTo("proton-ops-team-a");
        assertThat(container.string("resources", "limits", "memory")).isEqualTo("768Mi");
        assertThat(env)
                .containsEntry("WATCH_NAMESPACES", "team-a,team-a-staging")
                .containsEntry("PROTON_OPERATOR_ACCOUNT_SELECTOR", "team=a,tier in (prod,staging)")
                .containsEntry("PROTON_OPERATOR_RESYNC_PERIOD", "15m")
                .containsEntry("PROTON_OPERATOR_DEFAULT_REGION", "eu-west-1")
                .containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("AWS_ENDPOINT_URL", "https://vpce.example.internal")
                .containsEntry("AWS_ENDPOINT_URL_STS", "https://sts.eu-west-1.amazonaws.com")
                .containsEntry("AWS_ENDPOINT_URL_PROTON", "https://proton.eu-west-1.amazonaws.com")
                .containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")
                .containsEntry("QUARKUS_LOG_LEVEL", "DEBUG")
                .containsEntry("PROTON_OPERATOR_STALLED_RECHECK", "2m");
        assertThat(pod.string("serviceAccountName")).isEqualTo("proton-operator-team-a");
        assertThat(only(rendered, "ServiceAccount").annotation("eks.amazonaws.com/role-arn"))
                .isEqualTo("arn:aws:iam::111111111111:role/proton-connection-operator-team-a");
        assertThat(pod.list("imagePullSecrets")).containsExactly(Map.of("name", "registry-credentials"));
        assertThat(pod.string("priorityClassName")).isEqualTo("system-cluster-critical");
        assertThat(pod.string("nodeSelector", "kubernetes.io/os")).isEqualTo("linux");
        assertThat(pod.list("tolerations")).hasSize(1);
        assertThat(pod.at("affinity", "nodeAffinity")).isNotNull();
        assertThat(Manifest.of(pod.list("topologySpreadConstraints").get(0)).string("whenUnsatisfiable"))
                .isEqualTo("DoNotSchedule");
        assertThat(deployment.string("spec", "template", "metadata", "annotations", "example.com/owner"))
                .isEqualTo("platform");
        assertThat(deployment.string("spec", "template", "metadata", "labels", "team"))
                .isEqualTo("a");
        assertThat(only(rendered, "PodDisruptionBudget").at("spec", "maxUnavailable"))
                .isEqualTo(2);
        assertThat(only(rendered, "Service").at("spec", "ports", 0, "port")).isEqualTo(9090);
        assertThat(only(rendered, "ServiceMonitor").string("spec", "endpoints", 0, "interval"))
                .isEqualTo("15s");
        assertThat(only(rendered, "ServiceMonitor").string("metadata", "labels", "release"))
                .isEqualTo("kube-prometheus-stack");
        assertThat(only(rendered, "PrometheusRule").at("spec", "groups"))
                .isEqualTo(new Yaml()
                        .<Map<String, Object>>load(Files.readString(AlertRulesTest.RULES))
                        .get("groups"));
        assertThat(rendered)
                .filteredOn(m -> m.kind().equals("ClusterRole"))
                .extracting(Manifest::name)
                .containsExactlyInAnyOrder(
                        "proton-ops-team-a", "proton-ops-team-a-tenant-view", "proton-ops-team-a-tenant-edit");
    }

    @Test
    void shouldInstallASecondReleaseWithTheServiceAccountItsRoleTrusts() throws IOException {
        Path installation = Path.of("docs/installations/team-a");
        List<Manifest> rendered = HelmChart.render(
                "proton-connection-operator-team-a",
                "proton-operator-team-a",
                installation.resolve("helm-values.yaml"));
        Manifest serviceAccount = only(rendered, "ServiceAccount");
        String subject = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(installation.resolve("irsa-trust-policy.json").toFile())
                        .findValue("StringEquals")
                        .properties()
                        .stream()
                        .filter(entry -> entry.getKey().endsWith(":sub"))
                        .map(entry -> entry.getValue().asText())
                        .findFirst()
                        .orElseThrow();

        assertThat(subject)
                .isEqualTo("system:serviceaccount:" + serviceAccount.namespace() + ":" + serviceAccount.name());
        assertThat(serviceAccount.annotation("eks.amazonaws.com/role-arn"))
                .isEqualTo("arn:aws:iam::111111111111:role/proton-connection-operator-team-a");
        assertThat(only(rendered, "ClusterRole").name()).isEqualTo("proton-connection-operator-team-a");
        assertThat(only(rendered, "ClusterRoleBinding").list("subjects"))
                .containsExactly(Map.of(
                        "kind", "ServiceAccount",
                        "name", serviceAccount.name(),
                        "namespace", serviceAccount.namespace()));
        assertThat(only(rendered, "Deployment").list("spec", "template", "spec", "containers"))
                .map(Manifest::of)
                .flatExtracting(container -> container.list("env"))
                .contains(Map.of("name", "WATCH_NAMESPACES", "value", "team-a,team-a-staging"));
    }

    @Test
    void shouldRefuseValuesOutsideTheSchema() {
        assertThatThrownBy(() -> HelmChart.render(BAD_VALUES))
                .hasMessageContaining("replica")
                .hasMessageContaining("replicas")
                .hasMessageContaining("format");
    }

    @Test
    void shouldShipTheRepositoryCrdsUnchanged() throws IOException {
        Path repository = Path.of("crds");
        Path chart = HelmChart.DIRECTORY.resolve("crds");

        assertThat(yamlFiles(chart)).isEqualTo(yamlFiles(repository));
        for (String file : yamlFiles(repository)) {
            assertThat(Files.readString(chart.resolve(file)))
                    .as("%s differs from crds/%s: cp crds/*.yml %s/", chart.resolve(file), file, chart)
                    .isEqualTo(Files.readString(repository.resolve(file)));
        }
    }

    static Manifest only(List<Manifest> rendered, String kind) {
        List<Manifest> matching =
                rendered.stream().filter(m -> m.kind().equals(kind)).toList();
        assertThat(matching).as(kind).hasSize(1);
        return matching.get(0);
    }

    private static List<String> kinds(List<Manifest> rendered) {
        return rendered.stream().map(Manifest::kind).toList();
    }

    private static List<String> yamlFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }
}
