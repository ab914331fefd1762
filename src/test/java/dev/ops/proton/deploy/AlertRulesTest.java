package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/monitoring: the alert rules pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}), the PrometheusRule and the Helm chart carry exactly those rules, and the Grafana
 * dashboard is well-formed. The promtool checks skip, loudly, where promtool is not installed (.ci/run installs it).
 * That every metric they use is exported is ResourceConditionMetricsTest's job.
 */
class AlertRulesTest {

    static final Path MONITORING = Path.of("deploy/monitoring");
    static final Path RULES = MONITORING.resolve("rules.yaml");
    static final Path CHART_RULES = HelmChart.DIRECTORY.resolve("files/alert-rules.yaml");

    @Test
    void shouldPassPromtoolCheckRules() throws Exception {
        requirePromtool();

        assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS: 7 rules found");
    }

    @Test
    void shouldPassTheRulesUnitTests() throws Exception {
        requirePromtool();

        assertThat(promtool(
                        "test", "rules", MONITORING.resolve("rules_test.yaml").toString()))
                .contains("SUCCESS");
    }

    @Test
    void shouldCarryTheSameRulesInThePrometheusRule() throws IOException {
        Manifest rule =
                Manifests.load(MONITORING.resolve("prometheusrule.yaml")).get(0);

        assertThat(rule.kind()).isEqualTo("PrometheusRule");
        assertThat(rule.at("spec", "groups")).isEqualTo(groups(RULES)).isNotNull();
    }

    @Test
    void shouldScrapeTheMetricsServiceWithValidPrometheusOperatorObjects() throws IOException {
        Manifest monitor =
                Manifests.load(MONITORING.resolve("servicemonitor.yaml")).get(0);
        Manifest service = Manifests.load(Path.of("deploy/service.yaml")).get(0);

        StrictKubernetesModel.load(monitor);
        StrictKubernetesModel.load(
                Manifests.load(MONITORING.resolve("prometheusrule.yaml")).get(0));
        assertThat(service.map("metadata", "labels"))
                .containsAllEntriesOf(monitor.map("spec", "selector", "matchLabels"));
        assertThat(monitor.string("spec", "endpoints", 0, "port"))
                .isEqualTo(service.string("spec", "ports", 0, "name"));
        assertThat(monitor.string("spec", "endpoints", 0, "path")).isEqualTo("/q/metrics");
        assertThat(monitor.namespace()).isEqualTo(service.namespace());
    }

    @Test
    void shouldShipTheSameRulesInTheHelmChart() throws IOException {
        assertThat(Files.readString(CHART_RULES))
                .as("%s must be a copy of %s: cp %s %s", CHART_RULES, RULES, RULES, CHART_RULES)
                .isEqualTo(Files.readString(RULES));
    }

    @Test
    void shouldQueryPrometheusInEveryDashboardPanel() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(MONITORING.resolve("grafana-dashboard.json").toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("proton-connection-operator");
        assertThat(dashboard.path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets")
                    .forEach(target -> assertThat(target.path("expr").asText())
                            .containsAnyOf("proton_operator_", "operator_sdk_")
                            .isNotBlank());
        });
    }

    private static Object groups(Path rules) throws IOException {
        return new Yaml()
                .<java.util.Map<String, Object>>load(Files.readString(rules))
                .get("groups");
    }

    private static void requirePromtool() {
        boolean available = promtoolAvailable();
        if (!available) {
            System.err.println(
                    "*** SKIPPED AlertRulesTest: promtool is not on PATH, so deploy/monitoring's alert rules "
                            + "are NOT checked. Install it (Debian: apt-get install prometheus); .ci/run does. ***");
        }
        Assumptions.assumeTrue(available, "promtool is not on PATH: the alert rules are NOT checked");
    }

    private static boolean promtoolAvailable() {
        try {
            promtool("--version");
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs promtool; its output, or an IllegalStateException carrying it when promtool fails. */
    private static String promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
