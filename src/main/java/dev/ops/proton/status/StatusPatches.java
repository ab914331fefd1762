package dev.ops.proton.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Status written from a cleanup, where JOSDK offers no status patch of its own: a JSON patch that sets the whole
 * status and nothing else, without optimistic locking. While a resource is deleted only this operator writes its
 * status and each write carries all of it, while others change its metadata (finalizers, deletionTimestamp) and the
 * cached copy lags behind, so a locked patch would conflict again and again. (A merge patch of the whole resource
 * copy also sent its spec and metadata, which the Fabric8 mock server then merged into the stored object.)
 */
public final class StatusPatches {

    private StatusPatches() {}

    public static <T extends HasMetadata> void patchStatus(KubernetesClient client, T resource, Object status) {
        client.resource(resource)
                .subresource("status")
                .patch(
                        PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(status) + "}]");
    }
}
