package dev.ops.proton.localaws.authz;

import java.util.ArrayList;
import java.util.Map;

/** The tag condition keys of a request that carries tags: {@code aws:RequestTag/<key>} and {@code aws:TagKeys}. */
public final class TagKeys {

    private TagKeys() {}

    public static RequestContext withRequestTags(RequestContext request, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return request;
        }
        RequestContext result = request.with("aws:TagKeys", new ArrayList<>(tags.keySet()));
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            result = result.with("aws:RequestTag/" + tag.getKey(), tag.getValue());
        }
        return result;
    }

    public static RequestContext withResourceTags(RequestContext request, Map<String, String> tags) {
        RequestContext result = request;
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            result = result.with("aws:ResourceTag/" + tag.getKey(), tag.getValue());
        }
        return result;
    }
}
