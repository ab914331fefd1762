package dev.ops.proton.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Status written from a cleanup, where JOSDK offers no status patch of its own. The patch goes without optimistic
 * locking, as JOSDK's own status patches do: the status is the operator's alone, and a resource being deleted is
 * updated by others (finalizers, deletionTimestamp) while the cleanup works, so a locked patch would conflict again
 * and again.
 */
public final class StatusPatches {

    private StatusPatches() {}

    public static <T extends HasMetadata> void patchStatus(KubernetesClient client, T resource) {
        T copy = client.getKubernetesSerialization().clone(resource);
        copy.getMetadata().setResourceVersion(null);
        client.resource(copy).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE));
    }
}
