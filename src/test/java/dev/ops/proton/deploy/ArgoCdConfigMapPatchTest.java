package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The argocd-cm patch people apply must carry exactly the health scripts that {@link ArgoCdHealthScriptTest} tests:
 * each value byte for byte its .lua file, under the key Argo CD looks up for the kind.
 */
class ArgoCdConfigMapPatchTest {

    private static final Path PATCH = Path.of("deploy/argocd/argocd-cm-patch.yaml");
    private static final Path SCRIPTS = Path.of("deploy/argocd/resource_customizations/proton.ops.dev");

    @Test
    void shouldPatchTheArgoCdConfigMap() throws IOException {
        Manifest patch = Manifests.load(PATCH).get(0);

        assertThat(patch.kind()).isEqualTo("ConfigMap");
        assertThat(patch.name()).isEqualTo("argocd-cm");
        assertThat(patch.namespace()).isEqualTo("argocd");
    }

    @Test
    void shouldEmbedEachHealthScriptVerbatimUnderItsKindKey() throws IOException {
        Map<String, Object> data = Manifests.load(PATCH).get(0).map("data");

        assertThat(data.keySet())
                .containsExactlyInAnyOrderElementsOf(ArgoCdHealthScriptTest.KINDS.stream()
                        .map(kind -> "resource.customizations.health.proton.ops.dev_" + kind)
                        .toList());
        for (String kind : ArgoCdHealthScriptTest.KINDS) {
            String script = Files.readString(SCRIPTS.resolve(kind).resolve("health.lua"));
            assertThat(data.get("resource.customizations.health.proton.ops.dev_" + kind))
                    .as("argocd-cm value for " + kind + " vs its health.lua")
                    .isEqualTo(script);
        }
    }
}
