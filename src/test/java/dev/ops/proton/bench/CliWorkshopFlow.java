package dev.ops.proton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * The workshop's manual steps for a connection, scripted with the AWS CLI against the same endpoint: request it as
 * the environment account ({@code create-environment-account-connection}), then accept it as the management account
 * ({@code accept-environment-account-connection}). The baseline the operator is compared with; absent where the AWS
 * CLI is not installed.
 */
final class CliWorkshopFlow {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;

    CliWorkshopFlow(URI endpoint) {
        this.endpoint = endpoint;
    }

    static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "aws"))) {
                return true;
            }
        }
        return false;
    }

    /** Connects {@code count} environments by hand; the mean wall-clock seconds per connection. */
    OptionalDouble secondsPerConnection(int count, String environmentAccount, String managementAccount)
            throws IOException, InterruptedException {
        if (count == 0 || !available()) {
            return OptionalDouble.empty();
        }
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String created = aws(
                    environmentAccount,
                    "proton",
                    "create-environment-account-connection",
                    "--environment-name",
                    "cli-bench-" + i,
                    "--management-account-id",
                    managementAccount,
                    "--role-arn",
                    "arn:aws:iam::" + environmentAccount + ":role/ProtonServiceRole");
            String id = JSON.readTree(created)
                    .path("environmentAccountConnection")
                    .path("id")
                    .asText();
            aws(managementAccount, "proton", "accept-environment-account-connection", "--id", id);
        }
        return OptionalDouble.of((System.nanoTime() - started) / 1e9 / count);
    }

    private String aws(String account, String... arguments) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", account);
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.remove("AWS_SESSION_TOKEN");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.remove("AWS_ENDPOINT_URL");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("aws " + String.join(" ", arguments) + " failed: " + output);
        }
        return output;
    }
}
