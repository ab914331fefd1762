package dev.ops.proton.bench;

import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The connections of a namespace that are CONNECTED and Ready, as a watch on the API server sees them. */
final class ReadyConnections implements AutoCloseable {

    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final Watch watch;

    ReadyConnections(KubernetesClient client, String namespace) {
        this.watch = client.resources(EnvironmentAccountConnection.class)
                .inNamespace(namespace)
                .watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, EnvironmentAccountConnection connection) {
                        String name = connection.getMetadata().getName();
                        if (action != Action.DELETED && isReady(connection)) {
                            ready.add(name);
                        } else {
                            ready.remove(name);
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                });
    }

    private static boolean isReady(EnvironmentAccountConnection connection) {
        var status = connection.getStatus();
        return status != null
                && "CONNECTED".equals(status.state())
                && Conditions.isTrue(status.conditions(), ConditionTypes.READY);
    }

    int count() {
        return ready.size();
    }

    @Override
    public void close() {
        watch.close();
    }
}
