package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The built-in role template must pass cfn-lint, AWS's own template linter. Runs in the {@code conformance} profile;
 * skipped loudly where cfn-lint is absent.
 */
@Tag("conformance")
class BuiltinTemplateLintTest {

    @Test
    void shouldPassCfnLint() throws Exception {
        boolean present = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            present |= Files.isExecutable(Path.of(dir, "cfn-lint"));
        }
        if (!present) {
            System.err.println(
                    "********** SKIPPING cfn-lint check of the built-in template: cfn-lint not on PATH **********");
        }
        assumeTrue(present, "cfn-lint not on PATH");

        Process lint = new ProcessBuilder("cfn-lint", "src/main/resources/templates/environment-account-roles.yaml")
                .redirectErrorStream(true)
                .start();
        String findings = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(lint.exitValue()).as("cfn-lint findings:%n%s", findings).isZero();
    }
}
