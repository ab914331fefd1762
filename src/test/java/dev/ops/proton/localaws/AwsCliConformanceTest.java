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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Checks the local AWS endpoint against an independent client: the AWS CLI runs the Proton workshop's manual flow
 * (deploy the role stack, read its first output, request, list, accept, get, delete, and the refusals) against the
 * standalone endpoint, started the way the README's local-aws command starts it ({@link LocalAwsMain}); and a role
 * session with only the AWS managed AWSProtonReadOnlyAccess policy sees AWS's denials through the CLI.
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

    @Test
    void shouldShowTheAwsCliADenialInAwsWords() throws Exception {
        String account = "777777777777";
        Map<String, String> root = Map.of("AWS_ACCESS_KEY_ID", account, "AWS_SECRET_ACCESS_KEY", "test");
        aws(
                root,
                "iam",
                "create-role",
                "--role-name",
                "ProtonViewer",
                "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::" + account + ":root\"},\"Action\":\"sts:AssumeRole\"}]}");
        aws(
                root,
                "iam",
                "attach-role-policy",
                "--role-name",
                "ProtonViewer",
                "--policy-arn",
                "arn:aws:iam::aws:policy/AWSProtonReadOnlyAccess");
        String credentials = aws(
                root,
                "sts",
                "assume-role",
                "--role-arn",
                "arn:aws:iam::" + account + ":role/ProtonViewer",
                "--role-session-name",
                "cli",
                "--query",
                "Credentials.[AccessKeyId,SecretAccessKey,SessionToken]",
                "--output",
                "text");
        String[] parts = credentials.trim().split("\\s+");
        Map<String, String> viewer =
                Map.of("AWS_ACCESS_KEY_ID", parts[0], "AWS_SECRET_ACCESS_KEY", parts[1], "AWS_SESSION_TOKEN", parts[2]);
        String principal = "arn:aws:sts::" + account + ":assumed-role/ProtonViewer/cli";

        assertThat(aws(
                        viewer,
                        "proton",
                        "list-environment-account-connections",
                        "--requested-by",
                        "ENVIRONMENT_ACCOUNT"))
                .contains("environmentAccountConnections");
        assertThat(awsFailing(
                        viewer,
                        "proton",
                        "create-environment-account-connection",
                        "--management-account-id",
                        "111111111111",
                        "--environment-name",
                        "denied"))
                .contains(
                        "An error occurred (AccessDeniedException) when calling the CreateEnvironmentAccountConnection "
                                + "operation: User: " + principal + " is not authorized to perform: "
                                + "proton:CreateEnvironmentAccountConnection on resource: * because no identity-based policy "
                                + "allows the proton:CreateEnvironmentAccountConnection action");
        assertThat(awsFailing(viewer, "iam", "get-role", "--role-name", "ProtonViewer"))
                .contains("An error occurred (AccessDenied) when calling the GetRole operation: User: " + principal
                        + " is not authorized to perform: iam:GetRole on resource: arn:aws:iam::" + account
                        + ":role/ProtonViewer because no identity-based policy allows the iam:GetRole action");
    }

    /** Runs the AWS CLI against the endpoint with the given credentials; its output, failing the test on an error. */
    private static String aws(Map<String, String> credentials, String... args) throws Exception {
        CliResult result = run(credentials, args);
        assertThat(result.exit())
                .as("aws %s:%n%s", String.join(" ", args), result.output())
                .isZero();
        return result.output();
    }

    /** Runs the AWS CLI expecting it to fail; its output. */
    private static String awsFailing(Map<String, String> credentials, String... args) throws Exception {
        CliResult result = run(credentials, args);
        assertThat(result.exit())
                .as("aws %s:%n%s", String.join(" ", args), result.output())
                .isNotZero();
        return result.output();
    }

    private record CliResult(int exit, String output) {}

    private static CliResult run(Map<String, String> credentials, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("aws", "--endpoint-url", "http://127.0.0.1:" + port, "--region", "us-east-1"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().putAll(credentials);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new CliResult(process.exitValue(), output);
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
