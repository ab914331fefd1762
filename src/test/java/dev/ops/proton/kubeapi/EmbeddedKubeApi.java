package dev.ops.proton.kubeapi;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Kubernetes API for running the packaged operator as its own process without a cluster: the Fabric8 mock server
 * in CRUD mode over plain HTTP on a loopback port, answering what the operator needs beyond it
 * ({@link EmbeddedApiDispatcher}), with the CRDs from {@code crds/} installed and the operator's namespace created.
 * {@link #writeKubeconfig} writes a kubeconfig whose context namespace is the operator's namespace, as a pod's
 * ServiceAccount gives it (JOSDK puts its Lease there). Development tooling: never in the production artifact.
 */
public final class EmbeddedKubeApi implements AutoCloseable {

    public static final Path CRDS = Path.of("crds");
    /** Held so that the level sticks: the mock server logs every request at INFO. */
    private static final java.util.logging.Logger REQUEST_LOG = quiet("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final String host;
    private final String namespace;
    private final KubernetesClient client;
    private final Thread drainer;
    private volatile Consumer<RecordedRequest> requestListener = request -> {};

    private EmbeddedKubeApi(KubernetesMockServer server, String host, String namespace) {
        this.server = server;
        this.host = host;
        this.namespace = namespace;
        this.client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
        this.drainer = new Thread(this::drainRequests, "embedded-kube-api-requests");
        drainer.setDaemon(true);
        drainer.start();
    }

    /**
     * Hands every request the server receives from now on to {@code listener} (one thread, in arrival order), e.g.
     * to count writes. The mock server records each request; they are drained as they arrive, so the record never
     * grows with a long run.
     */
    public void onRequest(Consumer<RecordedRequest> listener) {
        this.requestListener = listener;
    }

    private void drainRequests() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS);
                if (request != null) {
                    requestListener.accept(request);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Starts the API server on {@code host}:{@code port} (0 picks a free port), installs the CRDs found in
     * {@code crds} and creates {@code namespace}.
     */
    public static EmbeddedKubeApi start(String host, int port, String namespace, Path crds) {
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new EmbeddedApiDispatcher(), false);
        try {
            server.init(InetAddress.getByName(host), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKubeApi api = new EmbeddedKubeApi(server, host, namespace);
        try {
            api.installCrds(crds);
            api.client
                    .namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(namespace)
                            .endMetadata()
                            .build())
                    .create();
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return api;
    }

    /** Loopback, a free port, the operator's namespace {@code proton-operator}, the CRDs of this checkout. */
    public static EmbeddedKubeApi startEphemeral() {
        return start("127.0.0.1", 0, "proton-operator", CRDS);
    }

    public String url() {
        // the address it listens on, not the name the mock server reports ("localhost" may resolve to ::1 first)
        return "http://" + host + ":" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    public String namespace() {
        return namespace;
    }

    /** A client of this API server whose default namespace is the operator's. */
    public KubernetesClient client() {
        return client;
    }

    /** Writes a kubeconfig for this server, its context namespace the operator's, and returns its path. */
    public Path writeKubeconfig(Path file) {
        String kubeconfig = String.join(
                "\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: embedded",
                "  cluster:",
                "    server: " + url(),
                "contexts:",
                "- name: embedded",
                "  context:",
                "    cluster: embedded",
                "    user: embedded",
                "    namespace: " + namespace,
                "current-context: embedded",
                "users:",
                "- name: embedded",
                "  user:",
                "    token: embedded",
                "");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, kubeconfig);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private Config clientConfig() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace(namespace)
                .withHttp2Disable(true)
                .build();
    }

    private void installCrds(Path crds) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(crds)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith("-v1.yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no CRDs (*-v1.yml) in " + crds.toAbsolutePath());
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                CustomResourceDefinition crd =
                        client.getKubernetesSerialization().unmarshal(in);
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .resource(crd)
                        .create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static java.util.logging.Logger quiet(String category) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    @Override
    public void close() {
        drainer.interrupt();
        client.close();
        server.destroy();
    }
}
