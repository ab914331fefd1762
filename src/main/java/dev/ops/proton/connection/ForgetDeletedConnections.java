package dev.ops.proton.connection;

import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Frees what this process keeps per EnvironmentAccountConnection (observations, remembered owner tags, the state
 * gauge) when the informer reports the resource gone. Cleanup alone is not enough: a resource whose finalizer was
 * removed by hand never reaches it. JOSDK tells every {@link ResourceEventAware} event source of its primaries'
 * deletions, which is all this source is for; it produces no events of its own.
 */
final class ForgetDeletedConnections extends AbstractEventSource<Void, EnvironmentAccountConnection>
        implements ResourceEventAware<EnvironmentAccountConnection> {

    private final Consumer<String> forgetUid;

    ForgetDeletedConnections(Consumer<String> forgetUid) {
        super(Void.class, "forgetDeletedConnections");
        this.forgetUid = forgetUid;
    }

    @Override
    public void onResourceDeleted(EnvironmentAccountConnection resource) {
        forgetUid.accept(resource.getMetadata().getUid());
    }

    @Override
    public Set<Void> getSecondaryResources(EnvironmentAccountConnection primary) {
        return Set.of();
    }
}
