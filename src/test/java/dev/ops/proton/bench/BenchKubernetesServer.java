package dev.ops.proton.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The benchmark's embedded Kubernetes API: the Fabric8 mock server in CRUD mode, as {@code @WithKubernetesTestServer}
 * starts it, but with {@link NameIndexedCrudDispatcher} so that finding an object by name does not scan every
 * object. The operator reaches it through the same client properties Quarkus's own test resource sets.
 */
public class BenchKubernetesServer implements QuarkusTestResourceLifecycleManager {

    private static volatile KubernetesMockServer server;

    static KubernetesMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new KubernetesMockServer(
                new io.fabric8.mockwebserver.Context(),
                new MockWebServer(),
                new HashMap<>(),
                new NameIndexedCrudDispatcher(),
                false);
        server.init();
        Map<String, String> properties = new HashMap<>();
        properties.put(
                "kubernetes.master", server.createClient().getConfiguration().getMasterUrl());
        properties.put("kubernetes.trust.certificates", "true");
        properties.put("kubernetes.auth.tryKubeConfig", "false");
        properties.put("kubernetes.auth.tryServiceAccount", "false");
        properties.put("kubernetes.namespace", "test");
        properties.put("http2.disable", "true");
        properties.forEach(System::setProperty);
        return properties;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.destroy();
        }
    }
}
