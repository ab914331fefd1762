package dev.ops.proton.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the write requests (anything but GET) the embedded Kubernetes API server receives, split into Events and
 * writes to resources. The mock server records every request in a queue; a daemon thread drains it as requests
 * arrive, so the record neither grows with the run nor weighs on the heap figure.
 */
final class KubernetesWriteCounter implements AutoCloseable {

    private final KubernetesMockServer server;
    private final AtomicLong eventWrites = new AtomicLong();
    private final AtomicLong resourceWrites = new AtomicLong();
    private final Thread drainer;
    private volatile boolean counting;
    private volatile boolean running = true;

    KubernetesWriteCounter(KubernetesMockServer server) {
        this.server = server;
        this.drainer = new Thread(this::drain, "kubernetes-write-counter");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** Starts counting from now; what arrived before is drained and ignored. */
    void start() throws InterruptedException {
        while (server.takeRequest(50, TimeUnit.MILLISECONDS) != null) {
            // discard the set-up's requests
        }
        eventWrites.set(0);
        resourceWrites.set(0);
        counting = true;
    }

    long eventWrites() {
        return eventWrites.get();
    }

    long resourceWrites() {
        return resourceWrites.get();
    }

    private void drain() {
        while (running) {
            try {
                RecordedRequest request = server.takeRequest(100, TimeUnit.MILLISECONDS);
                if (request != null && counting && !"GET".equals(request.getMethod())) {
                    (request.getPath().contains("/events") ? eventWrites : resourceWrites).incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        drainer.interrupt();
    }
}
