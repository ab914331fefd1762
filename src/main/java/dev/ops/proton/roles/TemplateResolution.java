package dev.ops.proton.roles;

import dev.ops.proton.status.Progress;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A ConnectionRoles template body, or the Stalled reason why there is none. The operator caches only the ConfigMaps
 * labelled {@value #LABEL}{@code : "true"} (its informer has that label selector), not every ConfigMap of every
 * watched namespace; a referenced ConfigMap missing from that cache is read once on demand, only to tell "does not
 * exist" from "lacks the label".
 *
 * @param body the template body, when found
 * @param blocked why there is none: {@code TemplateNotFound} or {@code TemplateNotLabelled}
 */
public record TemplateResolution(String body, Progress blocked) {

    /** The label a template ConfigMap carries so the operator watches it. */
    public static final String LABEL = "proton.ops.dev/template";

    public static final String TEMPLATE_NOT_FOUND = "TemplateNotFound";
    public static final String TEMPLATE_NOT_LABELLED = "TemplateNotLabelled";

    /** The label selector of the template ConfigMap informer. */
    public static String labelSelector() {
        return LABEL + "=true";
    }

    public boolean isResolved() {
        return body != null;
    }

    /**
     * @param cached the referenced ConfigMap as the labelled-ConfigMap informer has it (empty when not cached)
     */
    public static TemplateResolution of(
            ConnectionRoles roles, TemplateBodies templates, Optional<ConfigMap> cached, KubernetesClient client) {
        TemplateSource source = roles.getSpec().templateOrDefault();
        Optional<String> body = templates.bodyOf(source, cached);
        if (body.isPresent()) {
            return new TemplateResolution(body.get(), null);
        }
        String namespace = roles.getMetadata().getNamespace();
        ConfigMapKeyRef ref = source.configMapRef();
        String map = "ConfigMap " + namespace + "/" + ref.name();
        if (cached.isEmpty()) {
            ConfigMap unlabelled = client.configMaps()
                    .inNamespace(namespace)
                    .withName(ref.name())
                    .get();
            if (unlabelled != null) {
                return blocked(
                        TEMPLATE_NOT_LABELLED,
                        map + " exists but lacks the label " + LABEL + ": \"true\", so the operator does not watch it;"
                                + " label it (kubectl label configmap -n " + namespace + " " + ref.name() + " "
                                + LABEL + "=true)");
            }
            return blocked(TEMPLATE_NOT_FOUND, map + " with key " + ref.key() + " does not exist");
        }
        Map<String, String> data = cached.get().getData();
        Set<String> keys = new TreeSet<>(data == null ? Set.of() : data.keySet());
        return blocked(TEMPLATE_NOT_FOUND, map + " has no key " + ref.key() + "; its keys are " + keys);
    }

    private static TemplateResolution blocked(String reason, String message) {
        return new TemplateResolution(null, Progress.stalled(reason, message));
    }
}
