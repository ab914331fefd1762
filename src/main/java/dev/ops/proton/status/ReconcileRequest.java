package dev.ops.proton.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * The reconcile-now annotation, {@code proton.ops.dev/reconcile-requested-at} with any value (a timestamp, say):
 * setting or changing it makes the operator observe AWS at once, reusing no recent observation, and record the value
 * it handled in {@code status.lastHandledReconcileAt}, as Flux's {@code reconcile.fluxcd.io/requestedAt} does. A
 * value already recorded asks for nothing more.
 */
public final class ReconcileRequest {

    public static final String ANNOTATION = "proton.ops.dev/reconcile-requested-at";

    private ReconcileRequest() {}

    /** The annotation's value, null when absent. */
    public static String of(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ANNOTATION);
    }

    /** A request not yet handled: observe afresh. */
    public static boolean isNew(HasMetadata resource, String lastHandled) {
        String requested = of(resource);
        return requested != null && !requested.equals(lastHandled);
    }

    /** What status records once this reconcile is written: the value now requested, else the one handled before. */
    public static String handled(HasMetadata resource, String lastHandled) {
        String requested = of(resource);
        return requested != null ? requested : lastHandled;
    }
}
