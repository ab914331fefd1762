package dev.ops.proton.bench;

import dev.ops.proton.testing.LocalAwsTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The operator starts only when the benchmark says so (after every manifest is applied). Production settings where
 * they matter for cost: the operator's INFO logs (to target/bench/operator.log, so the
 * console shows the figures), production resync and poll intervals (no resync falls inside a run), and an
 * in-process local AWS endpoint and an embedded Kubernetes API.
 */
public class BenchProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.banner.enabled", "false"),
                Map.entry("quarkus.operator-sdk.start-operator", "false"),
                Map.entry("quarkus.log.console.level", "WARN"),
                Map.entry("quarkus.log.category.\"dev.ops.proton\".level", "INFO"),
                Map.entry("quarkus.log.category.\"io.fabric8\".level", "ERROR"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", "target/bench/operator.log"),
                Map.entry("proton-operator.resync-period", "10m"),
                Map.entry("proton-operator.poll-interval", "5s"),
                Map.entry("proton-operator.stalled-recheck", "1m"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(
                new TestResourceEntry(BenchKubernetesServer.class), new TestResourceEntry(LocalAwsTestResource.class));
    }
}
