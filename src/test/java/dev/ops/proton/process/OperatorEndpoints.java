package dev.ops.proton.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a packaged operator serves over HTTP (health, {@code /q/metrics}), read the same way by the process tests and
 * the benchmark: wait for the port it logs, GET a path, sum a metric's Prometheus samples.
 */
public final class OperatorEndpoints {

    private static final Duration PORT_WAIT = Duration.ofSeconds(90);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OperatorEndpoints() {}

    /** Waits until the operator serves HTTP, and returns one of its endpoints' status and body. */
    public static HttpResponse<String> get(PackagedOperator operator, String path)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + awaitPort(operator) + path))
                        .timeout(REQUEST_TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sums every sample of {@code metric} on the operator's /q/metrics; 0 when it has none. */
    public static double metricSum(PackagedOperator operator, String metric) throws IOException, InterruptedException {
        return metricSum(operator, metric, Map.of());
    }

    /** Sums the samples of {@code metric} whose labels include all of {@code labels}; 0 when none match. */
    public static double metricSum(PackagedOperator operator, String metric, Map<String, String> labels)
            throws IOException, InterruptedException {
        return get(operator, "/q/metrics")
                .body()
                .lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> labelsOf(line).entrySet().containsAll(labels.entrySet()))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static Map<String, String> labelsOf(String sample) {
        int open = sample.indexOf('{');
        Map<String, String> labels = new HashMap<>();
        if (open >= 0) {
            Matcher label = LABEL.matcher(sample.substring(open, sample.lastIndexOf('}')));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }

    /** The operator's HTTP port, waiting for it to be logged; fails early when the operator has ended. */
    private static int awaitPort(PackagedOperator operator) {
        Optional<Integer> port = await().atMost(PORT_WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(operator::httpPort, found -> found.isPresent() || !operator.isAlive());
        return port.orElseThrow(() -> new IllegalStateException(
                operator.identity() + " ended without serving HTTP; its log: " + operator.log()));
    }
}
