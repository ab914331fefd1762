package dev.ops.proton.bench;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counts the write requests (anything but GET) the embedded Kubernetes API server receives, split into Events and
 * writes to resources, from {@link #start()} on. The leader's Lease renewals (every few seconds, whatever the number
 * of resources) are counted apart.
 */
final class KubernetesWriteCounter implements Consumer<RecordedRequest> {

    private final AtomicLong eventWrites = new AtomicLong();
    private final AtomicLong resourceWrites = new AtomicLong();
    private final AtomicLong leaseWrites = new AtomicLong();
    private volatile boolean counting;

    /** Starts counting from now, at zero. */
    void start() {
        eventWrites.set(0);
        resourceWrites.set(0);
        leaseWrites.set(0);
        counting = true;
    }

    long eventWrites() {
        return eventWrites.get();
    }

    long resourceWrites() {
        return resourceWrites.get();
    }

    long leaseWrites() {
        return leaseWrites.get();
    }

    long total() {
        return eventWrites() + resourceWrites();
    }

    @Override
    public void accept(RecordedRequest request) {
        if (!counting || "GET".equals(request.getMethod())) {
            return;
        }
        String path = request.getPath();
        (path.contains("/leases") ? leaseWrites : path.contains("/events") ? eventWrites : resourceWrites)
                .incrementAndGet();
    }
}
