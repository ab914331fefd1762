package dev.ops.proton.localaws.authz;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one authorization is about: the action, the resource ARN ({@code *} for actions without a resource type in the
 * Service Authorization Reference) and the condition keys present in the request. Condition key names are
 * case-insensitive in IAM, so they are kept lower-cased; a key absent here is absent from the request.
 */
public record RequestContext(String action, String resource, Map<String, List<String>> keys) {

    public RequestContext {
        Map<String, List<String>> normalized = new TreeMap<>();
        keys.forEach((key, values) -> normalized.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
        keys = Map.copyOf(normalized);
    }

    public static RequestContext of(String action, String resource) {
        return new RequestContext(action, resource, Map.of());
    }

    /** The values of a condition key, or null when the request does not carry it. */
    public List<String> values(String key) {
        return keys.get(key.toLowerCase(Locale.ROOT));
    }

    /** The same request with one more condition key. */
    public RequestContext with(String key, List<String> values) {
        Map<String, List<String>> more = new TreeMap<>(keys);
        more.put(key.toLowerCase(Locale.ROOT), values);
        return new RequestContext(action, resource, more);
    }

    public RequestContext with(String key, String value) {
        return with(key, List.of(value));
    }
}
