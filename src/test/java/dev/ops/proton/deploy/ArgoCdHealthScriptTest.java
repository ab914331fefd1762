package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs each kind's Argo CD health script (deploy/argocd/resource_customizations) on the resource states listed in
 * src/test/resources/argocd/&lt;Kind&gt;/health_test.yaml (Argo CD's own test format) and checks the verdict: kstatus
 * read as Healthy, Progressing, Degraded, or Suspended for a paused resource.
 */
class ArgoCdHealthScriptTest {

    static final List<String> KINDS = List.of("AwsAccount", "ConnectionRoles", "EnvironmentAccountConnection");
    private static final Path SCRIPTS = Path.of("deploy/argocd/resource_customizations/proton.ops.dev");
    private static final Path CASES = Path.of("src/test/resources/argocd");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String kind : KINDS) {
            for (Map<String, Object> test : tests(kind)) {
                Manifest expected = Manifest.of(test.get("healthStatus"));
                cases.add(Arguments.of(
                        kind, test.get("inputPath"), expected.string("status"), expected.string("message")));
            }
        }
        return cases.stream();
    }

    static Stream<String> kinds() {
        return KINDS.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("cases")
    void shouldJudgeTheResourceStateLikeKstatus(String kind, String inputPath, String status, String message)
            throws IOException {
        Manifest resource =
                Manifests.load(CASES.resolve(kind).resolve(inputPath)).get(0);
        assertThat(resource.kind()).as("fixture kind").isEqualTo(kind);

        LuaHealthScript.Verdict verdict =
                new LuaHealthScript(SCRIPTS.resolve(kind).resolve("health.lua")).evaluate(resource.object());

        assertThat(verdict).isEqualTo(new LuaHealthScript.Verdict(status, message));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shouldCoverEveryHealthStatusForEachKind(String kind) throws IOException {
        List<String> statuses = tests(kind).stream()
                .map(test -> Manifest.of(test.get("healthStatus")).string("status"))
                .collect(Collectors.toList());

        assertThat(statuses).contains("Healthy", "Progressing", "Degraded", "Suspended");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tests(String kind) throws IOException {
        Map<String, Object> table =
                new Yaml().load(Files.readString(CASES.resolve(kind).resolve("health_test.yaml")));
        return (List<Map<String, Object>>) table.get("tests");
    }
}
