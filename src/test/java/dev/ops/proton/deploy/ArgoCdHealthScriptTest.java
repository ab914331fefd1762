package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ops.proton.deploy.LuaHealthScript.Libraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs deploy/argocd/resource_customizations as Argo CD's own health test does (util/lua/health_test.go): every
 * health.lua with the cases of the health_test.yaml beside it, each inputPath relative to that folder. Each case runs
 * with the libraries Argo CD gives a script from argocd-cm (how this project installs them) and with those of a
 * built-in script (once proposed upstream). The three scripts are one script by design: Argo CD keys one per kind.
 */
class ArgoCdHealthScriptTest {

    static final List<String> KINDS = List.of("AwsAccount", "ConnectionRoles", "EnvironmentAccountConnection");
    static final Path CUSTOMIZATIONS = Path.of("deploy/argocd/resource_customizations");
    private static final Path GROUP = CUSTOMIZATIONS.resolve("proton.ops.dev");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (Path script : healthScripts()) {
            for (Map<String, Object> test : tests(script.getParent())) {
                Manifest expected = Manifest.of(test.get("healthStatus"));
                for (Libraries libraries : Libraries.values()) {
                    cases.add(Arguments.of(
                            CUSTOMIZATIONS.relativize(script.getParent()).toString(),
                            test.get("inputPath"),
                            libraries,
                            expected.string("status"),
                            expected.string("message")));
                }
            }
        }
        return cases.stream();
    }

    static Stream<String> kinds() {
        return KINDS.stream();
    }

    @ParameterizedTest(name = "{0} {1} ({2}): {3}")
    @MethodSource("cases")
    void shouldJudgeTheResourceStateLikeKstatus(
            String customization, String inputPath, Libraries libraries, String status, String message)
            throws IOException {
        Path directory = CUSTOMIZATIONS.resolve(customization);
        Manifest resource = Manifests.load(directory.resolve(inputPath)).get(0);
        assertThat(directory.getParent().getFileName() + "/" + resource.kind())
                .as("fixture kind")
                .isEqualTo(resource.string("apiVersion").replaceAll("/.*", "") + "/" + directory.getFileName());

        LuaHealthScript.Verdict verdict =
                new LuaHealthScript(directory.resolve("health.lua")).evaluate(resource.object(), libraries);

        assertThat(verdict).isEqualTo(new LuaHealthScript.Verdict(status, message));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void shouldCoverEveryHealthStatusForEachKind(String kind) throws IOException {
        List<String> statuses = tests(GROUP.resolve(kind)).stream()
                .map(test -> Manifest.of(test.get("healthStatus")).string("status"))
                .collect(Collectors.toList());

        assertThat(statuses).contains("Healthy", "Progressing", "Degraded", "Suspended");
    }

    @Test
    void shouldFindAScriptAndItsTestsForEachKind() throws IOException {
        assertThat(healthScripts())
                .containsExactlyInAnyOrderElementsOf(KINDS.stream()
                        .map(kind -> GROUP.resolve(kind).resolve("health.lua"))
                        .toList());
    }

    @Test
    void shouldKeepTheThreeScriptsIdentical() throws IOException {
        String first = Files.readString(GROUP.resolve(KINDS.get(0)).resolve("health.lua"));
        for (String kind : KINDS) {
            assertThat(Files.readString(GROUP.resolve(kind).resolve("health.lua")))
                    .as("%s/health.lua must equal %s/health.lua (one script, one copy per kind)", kind, KINDS.get(0))
                    .isEqualTo(first);
        }
    }

    @Test
    void shouldRunConfigMapScriptsWithoutTheStringMathAndIoLibraries() throws IOException {
        Path probe = Files.createTempFile("probe", ".lua");
        try {
            for (String call : List.of(
                    "string.format('%s', 'x')", "math.floor(1.5)", "io.write('x')", "os.exit(1)", "('x'):upper()")) {
                Files.writeString(probe, "return {status = " + call + "}");
                assertThatThrownBy(() -> new LuaHealthScript(probe).evaluate(Map.of(), Libraries.ARGO_CD_CONFIG_MAP))
                        .as(call)
                        .isInstanceOf(org.luaj.vm2.LuaError.class);
            }
            Files.writeString(
                    probe,
                    "local os = require('os'); return {status = type(os.time()) .. ' ' .. type(os.date('!%Y'))}");
            assertThat(new LuaHealthScript(probe)
                            .evaluate(Map.of(), Libraries.ARGO_CD_CONFIG_MAP)
                            .status())
                    .isEqualTo("number string");
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static List<Path> healthScripts() throws IOException {
        try (Stream<Path> files = Files.walk(CUSTOMIZATIONS)) {
            return files.filter(path -> path.getFileName().toString().equals("health.lua"))
                    .sorted()
                    .toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tests(Path directory) throws IOException {
        Map<String, Object> table = new Yaml().load(Files.readString(directory.resolve("health_test.yaml")));
        return (List<Map<String, Object>>) table.get("tests");
    }
}
