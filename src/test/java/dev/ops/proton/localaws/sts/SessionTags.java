package dev.ops.proton.localaws.sts;

import dev.ops.proton.localaws.QueryCall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session tags of an AssumeRole: the calling session's transitive tags (the IAM User Guide, "Chaining roles with
 * session tags") plus the tags the request passes; and which of them stay transitive for the next link of the chain.
 */
final class SessionTags {

    private SessionTags() {}

    /** Every session tag the new session gets. */
    static Map<String, String> of(QueryCall call) {
        Map<String, String> tags = new LinkedHashMap<>(call.params().keyValues("Tags", "Key", "Value"));
        tags.putAll(call.caller().transitiveTags());
        return tags;
    }

    /** The new session's transitive tags: the inherited ones and the request's tags named in TransitiveTagKeys. */
    static Map<String, String> transitive(QueryCall call) {
        Map<String, String> requested = call.params().keyValues("Tags", "Key", "Value");
        List<String> keys = call.params().list("TransitiveTagKeys");
        Map<String, String> transitive = new LinkedHashMap<>();
        requested.forEach((key, value) -> {
            if (keys.contains(key)) {
                transitive.put(key, value);
            }
        });
        transitive.putAll(call.caller().transitiveTags());
        return transitive;
    }
}
