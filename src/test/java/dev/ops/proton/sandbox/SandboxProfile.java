package dev.ops.proton.sandbox;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Quiet logs (the progress view is the output), brisk polling, and the sandbox's AWS endpoint. */
public class SandboxProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.banner.enabled", "false"),
                Map.entry("quarkus.log.level", "WARN"),
                Map.entry("quarkus.log.category.\"dev.ops.proton\".level", "WARN"),
                Map.entry("quarkus.log.category.\"io.fabric8\".level", "ERROR"),
                Map.entry("quarkus.log.category.\"io.javaoperatorsdk\".level", "ERROR"),
                Map.entry("quarkus.log.console.format", "%d{HH:mm:ss} %-5p %s%n"),
                Map.entry("proton-operator.poll-interval", "500ms"),
                Map.entry("proton-operator.stalled-recheck", "5s"),
                Map.entry("proton-operator.resync-period", "30s"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SandboxAwsResource.class));
    }
}
