package dev.ops.proton.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import java.util.Objects;

/**
 * Which updates of a primary resource wake its controller: what JOSDK's generation-aware processing lets through
 * (a spec change bumps the generation; deletion starts; the finalizer is added or removed), plus a change of the
 * {@link Pause} annotation, so that pausing and unpausing take effect at once rather than at the next resync, and of
 * the {@link ReconcileRequest} annotation, which asks for exactly that.
 * Annotations don't bump the generation, and JOSDK can only narrow its generation-aware filter, not widen it, so
 * the controllers turn generation awareness off and use this filter in its place. The operator's own status writes
 * still wake nothing.
 */
public class SpecOrPauseChanged implements OnUpdateFilter<HasMetadata> {

    @Override
    public boolean accept(HasMetadata updated, HasMetadata old) {
        Long generation = updated.getMetadata().getGeneration();
        return generation == null
                || old.getMetadata().getGeneration() == null
                || generation > old.getMetadata().getGeneration()
                || updated.isMarkedForDeletion()
                || !Objects.equals(
                        updated.getMetadata().getFinalizers(), old.getMetadata().getFinalizers())
                || Pause.isPaused(updated) != Pause.isPaused(old)
                || !Objects.equals(ReconcileRequest.of(updated), ReconcileRequest.of(old));
    }
}
