package dev.ops.proton.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The production artifact ({@code target/quarkus-app/quarkus-run.jar}, prod profile, leader election on) run as its
 * own process, as in a pod: a kubeconfig whose context namespace is the operator's, AWS credentials and endpoint from
 * the environment, its identity for the Lease in {@code HOSTNAME}, its HTTP port picked by the system. Its console
 * goes to a log file, never to the caller's output.
 */
public final class PackagedOperator implements AutoCloseable {

    public static final Path QUARKUS_APP = Path.of("target", "quarkus-app");
    public static final Path RUN_JAR = QUARKUS_APP.resolve("quarkus-run.jar");
    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:\\s]+:(\\d+)");
    private static final List<String> INHERITED_PREFIXES_DROPPED =
            List.of("QUARKUS_", "PROTON_OPERATOR_", "AWS_", "WATCH_NAMESPACES", "KUBECONFIG", "POD_NAMESPACE");

    private final String identity;
    private final Process process;
    private final Path log;

    private PackagedOperator(String identity, Process process, Path log) {
        this.identity = identity;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the packaged operator.
     *
     * @param identity its Lease identity ({@code HOSTNAME}, a pod's name in a cluster)
     * @param kubeconfig the API server, and the operator's namespace as the context namespace
     * @param awsEndpoint one endpoint for every AWS service
     * @param operatorAccount the 12-digit account the operator's credentials belong to (the local endpoint's
     *     convention for an access key id)
     * @param log where its console goes
     * @param extraEnvironment more settings, e.g. {@code WATCH_NAMESPACES}
     */
    public static PackagedOperator start(
            String identity,
            Path kubeconfig,
            URI awsEndpoint,
            String operatorAccount,
            Path log,
            Map<String, String> extraEnvironment) {
        if (!Files.isRegularFile(RUN_JAR)) {
            throw new IllegalStateException(RUN_JAR.toAbsolutePath() + " is missing: package the operator first");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder =
                new ProcessBuilder(java, "-jar", RUN_JAR.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> INHERITED_PREFIXES_DROPPED.stream().anyMatch(name::startsWith));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("HOSTNAME", identity);
        settings.put("KUBECONFIG", kubeconfig.toAbsolutePath().toString());
        settings.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
        settings.put("AWS_ACCESS_KEY_ID", operatorAccount);
        settings.put("AWS_SECRET_ACCESS_KEY", "test");
        settings.put("AWS_REGION", "us-east-1");
        settings.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        settings.put("QUARKUS_HTTP_PORT", "0");
        settings.putAll(extraEnvironment);
        env.putAll(settings);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = builder.start();
            // a child process outlives the JVM that started it: stop it with that JVM (Ctrl-C, a crashed test run)
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "stop-" + identity));
            return new PackagedOperator(identity, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String identity() {
        return identity;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Its console so far. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** The HTTP port once Quarkus has logged it. */
    public Optional<Integer> httpPort() {
        Matcher matcher = LISTENING.matcher(logText());
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    /** SIGTERM, as the kubelet sends when a pod is deleted. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown at all, as when a node dies. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to end; empty if it is still running after {@code timeout}. */
    public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    /** SIGTERM, then SIGKILL if it still runs after ten seconds. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process if it still runs, and waits for it to be gone. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
