package dev.ops.proton.localaws.protocol;

import dev.ops.proton.localaws.AwsException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form fields of a query-protocol request, with the protocol's list and map conventions:
 * {@code Name.member.N} for lists (an empty list arrives as a bare {@code Name=}) and
 * {@code Name.member.N.Field} for lists of structures.
 */
public final class QueryParams {

    private final Map<String, String> fields;

    public QueryParams(Map<String, String> fields) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    public String get(String name) {
        return fields.get(name);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** A required member; absent gives AWS's ValidationError wording. */
    public String required(String name) {
        String value = fields.get(name);
        if (value == null) {
            throw AwsException.validation(
                    "ValidationError",
                    "1 validation error detected: Value null at '" + lowerFirst(name)
                            + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    public Optional<Integer> optionalInt(String name) {
        String value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw AwsException.validation(
                    "ValidationError",
                    "Value '" + value + "' at '" + lowerFirst(name)
                            + "' failed to satisfy constraint: Member must be a number");
        }
    }

    public boolean bool(String name, boolean defaultValue) {
        String value = fields.get(name);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }

    /** The items of a list of strings, {@code name.member.1 ...}, in order. */
    public List<String> list(String name) {
        List<String> items = new ArrayList<>();
        for (int i = 1; fields.containsKey(name + ".member." + i); i++) {
            items.add(fields.get(name + ".member." + i));
        }
        return items;
    }

    /** The items of a list of structures, each as its field map, {@code name.member.N.Field}. */
    public List<Map<String, String>> structs(String name) {
        List<Map<String, String>> items = new ArrayList<>();
        for (int i = 1; ; i++) {
            String prefix = name + ".member." + i + ".";
            Map<String, String> item = new LinkedHashMap<>();
            fields.forEach((key, value) -> {
                if (key.startsWith(prefix)) {
                    item.put(key.substring(prefix.length()), value);
                }
            });
            if (item.isEmpty()) {
                return items;
            }
            items.add(item);
        }
    }

    /** A list of key/value structures (tags, parameters) as an ordered map. */
    public Map<String, String> keyValues(String name, String keyField, String valueField) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map<String, String> item : structs(name)) {
            map.put(item.get(keyField), item.get(valueField));
        }
        return map;
    }

    private static String lowerFirst(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
