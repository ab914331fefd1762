package dev.ops.proton.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/** The pause annotation: {@code proton.ops.dev/paused: "true"} stops all AWS writes for a resource. */
public final class Pause {

    public static final String ANNOTATION = "proton.ops.dev/paused";

    private Pause() {}

    public static boolean isPaused(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations != null && "true".equalsIgnoreCase(annotations.get(ANNOTATION));
    }
}
