package dev.ops.proton.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.faults.FaultPlan;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The metrics the alert rules and the dashboard of deploy/monitoring are built on, as the running operator exports
 * them on /q/metrics: resources by condition read from the controllers' caches, the leader gauge, AWS calls, and
 * JOSDK's reconcile counters.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class ResourceConditionMetricsTest {

    /** An account the local AWS endpoint has no operator role in: AssumeRole is denied. */
    static final String UNREACHABLE = "454545454545";

    private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:proton_operator|operator_sdk)_[a-z_]+)\\b");

    @Inject
    KubernetesClient client;

    @Inject
    ResourceConditionMetrics conditionMetrics;

    @InjectLocalAws
    LocalAws localAws;

    @TestHTTPResource("/q/metrics")
    URL metricsUrl;

    @Test
    void shouldCountStalledResourcesByKindAndReason() {
        awaitStalled("denied-metrics", UNREACHABLE);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            conditionMetrics.refresh();
            assertThat(scrape())
                    .containsPattern("proton_operator_resource_conditions\\{condition=\"Stalled\",kind=\"AwsAccount\","
                            + "reason=\"AccessDenied\",status=\"True\"} [1-9]")
                    .containsPattern("proton_operator_resource_conditions\\{condition=\"Ready\",kind=\"AwsAccount\","
                            + "reason=\"AccessDenied\",status=\"False\"} [1-9]")
                    // Tests run without leader election: this process reconciles at once.
                    .containsPattern("(?m)^proton_operator_leader 1\\.0$");
        });
    }

    @Test
    void shouldExportEveryMetricTheAlertRulesAndTheDashboardUse() throws Exception {
        awaitStalled("denied-rules", UNREACHABLE);
        // An STS outage makes an AwsAccount's reconcile throw, so JOSDK counts a failed reconcile.
        localAws.faults(FaultPlan.parse("error=1.0,services=sts"));
        try {
            client.resources(AwsAccount.class)
                    .resource(OperatorFixtures.awsAccount("outage-rules", "464646464646", List.of("platform")))
                    .create();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> scrape().contains("operator_sdk_controllers_execution_reconcile_failure_total"));
        } finally {
            localAws.faults(FaultPlan.NONE);
        }
        conditionMetrics.refresh();

        Set<String> used = metricNames(Files.readString(Path.of("deploy/monitoring/rules.yaml")));
        used.addAll(metricNames(Files.readString(Path.of("deploy/monitoring/grafana-dashboard.json"))));
        Set<String> exported = metricNames(scrape());

        assertThat(used)
                .contains(
                        "proton_operator_resource_conditions",
                        "proton_operator_leader",
                        "proton_operator_aws_calls_total",
                        "operator_sdk_controllers_execution_reconcile_failure_total");
        assertThat(exported).containsAll(used);
    }

    private void awaitStalled(String name, String accountId) {
        if (client.resources(AwsAccount.class).withName(name).get() == null) {
            client.resources(AwsAccount.class)
                    .resource(OperatorFixtures.awsAccount(name, accountId, List.of("platform")))
                    .create();
        }
        OperatorFixtures.awaitCondition(
                () -> Conditions.of(
                        client.resources(AwsAccount.class).withName(name).get()),
                "Stalled",
                "True");
    }

    private static Set<String> metricNames(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private String scrape() throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(metricsUrl.toURI()).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
