package dev.ops.proton.kubeapi;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded Kubernetes API standalone, in the foreground, until stopped (Ctrl-C or SIGTERM), for a person
 * trying the packaged operator without a cluster.
 *
 * <p>Environment: {@code KUBE_API_HOST} (default 127.0.0.1), {@code KUBE_API_PORT} (default 0: a free port),
 * {@code KUBE_API_NAMESPACE} (the operator's namespace, default proton-operator), {@code KUBE_API_KUBECONFIG}
 * (where to write the kubeconfig, default target/embedded-kube-api/kubeconfig).
 */
public final class EmbeddedKubeApiMain {

    private EmbeddedKubeApiMain() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKubeApi api = EmbeddedKubeApi.start(
                env("KUBE_API_HOST", "127.0.0.1"),
                Integer.parseInt(env("KUBE_API_PORT", "0")),
                env("KUBE_API_NAMESPACE", "proton-operator"),
                EmbeddedKubeApi.CRDS);
        Path kubeconfig = api.writeKubeconfig(Path.of(env("KUBE_API_KUBECONFIG", "target/embedded-kube-api/kubeconfig"))
                .toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            api.close();
                            stopped.countDown();
                        },
                        "embedded-kube-api-shutdown"));
        System.out.println("Embedded Kubernetes API (Fabric8 mock server, CRUD) listening on " + api.url()
                + ", CRDs from crds/ installed. Stop with Ctrl-C.");
        System.out.println("  Kubeconfig (context namespace " + api.namespace() + "): " + kubeconfig);
        System.out.println("  Run the packaged operator against it: KUBECONFIG=" + kubeconfig
                + " AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=test"
                + " AWS_REGION=us-east-1 java -jar target/quarkus-app/quarkus-run.jar");
        System.out.println("  kubectl cannot use it (no discovery); POST objects' JSON to their collection paths.");
        stopped.await();
    }

    private static String env(String name, String defaultValue) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }
}
