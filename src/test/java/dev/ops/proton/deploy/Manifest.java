package dev.ops.proton.deploy;

import java.util.List;
import java.util.Map;

/**
 * One Kubernetes object as SnakeYAML loads it (maps, lists, scalars), with path navigation so tests read like the
 * manifest: {@code manifest.string("spec", "template", "spec", "containers", 0, "image")}.
 */
record Manifest(Map<String, Object> object) {

    String kind() {
        return string("kind");
    }

    String name() {
        return string("metadata", "name");
    }

    String namespace() {
        return string("metadata", "namespace");
    }

    String annotation(String key) {
        Map<String, Object> annotations = map("metadata", "annotations");
        return annotations == null ? null : (String) annotations.get(key);
    }

    /** The value at a path of map keys (String) and list indexes (Integer); null when any step is missing. */
    Object at(Object... path) {
        Object current = object;
        for (Object step : path) {
            if (step instanceof Integer && current instanceof List) {
                List<?> list = (List<?>) current;
                int index = (Integer) step;
                current = index < list.size() ? list.get(index) : null;
            } else if (current instanceof Map) {
                current = ((Map<?, ?>) current).get(step);
            } else {
                return null;
            }
        }
        return current;
    }

    String string(Object... path) {
        Object value = at(path);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object... path) {
        return (Map<String, Object>) at(path);
    }

    @SuppressWarnings("unchecked")
    List<Object> list(Object... path) {
        Object value = at(path);
        return value == null ? List.of() : (List<Object>) value;
    }

    /** A nested object (a container, a rule) navigated the same way. */
    @SuppressWarnings("unchecked")
    static Manifest of(Object object) {
        return new Manifest((Map<String, Object>) object);
    }
}
