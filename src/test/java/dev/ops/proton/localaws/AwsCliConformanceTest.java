package dev.ops.proton.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Checks the local AWS endpoint against an independent client: the AWS CLI runs the Proton workshop's manual flow
 * (deploy the role stack, read its first output, request, list, accept, get, delete, and the refusals) against the
 * standalone endpoint, started the way the README's local-aws command starts it ({@link LocalAwsMain}).
 *
 * <p>Runs in the {@code conformance} profile. Where the AWS CLI or jq is absent it says so loudly and is skipped.
 */
@Tag("conformance")
class AwsCliConformanceTest {

    private static Process endpoint;
    private static int port;

    @BeforeAll
    static void startStandaloneEndpoint() throws Exception {
        assumeTrue(onPath("aws") && onPath("jq"), () -> loud("the AWS CLI and jq are needed"));
        port = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalAwsMain.class.getName());
        builder.environment().put("LOCAL_AWS_PORT", String.valueOf(port));
        builder.environment().put("LOCAL_AWS_STACK_DELAY_MS", "20");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        endpoint = builder.start();
        awaitListening(port, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (endpoint != null) {
            endpoint.destroy();
            endpoint.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldRunTheWorkshopFlowWithTheAwsCli() throws Exception {
        Path script = Path.of("src/test/resources/conformance/workshop-flow.sh");
        Path template = Path.of("src/main/resources/templates/environment-account-roles.yaml");
        Process flow = new ProcessBuilder("bash", script.toString(), "http://127.0.0.1:" + port, template.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(flow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = flow.waitFor(5, TimeUnit.MINUTES);
        System.out.println(output);

        assertThat(finished).as("workshop flow finished").isTrue();
        assertThat(flow.exitValue())
                .as("workshop flow exit code; output:%n%s", output)
                .isZero();
        assertThat(output).contains("ok: accepted: CONNECTED", "ok: deleted from the environment account");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String loud(String what) {
        String message = "SKIPPING AWS CLI conformance: " + what + " on PATH (not found)";
        System.err.println("*".repeat(message.length()));
        System.err.println(message);
        System.err.println("*".repeat(message.length()));
        return message;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitListening(int port, Duration timeout) {
        await("standalone endpoint listening on port " + port).atMost(timeout).until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }
}
