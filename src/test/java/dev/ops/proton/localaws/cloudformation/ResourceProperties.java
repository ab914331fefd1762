package dev.ops.proton.localaws.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading a resource's resolved properties the way CloudFormation's IAM resource handlers do. */
final class ResourceProperties {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResourceProperties() {}

    static Map<String, String> inlinePolicies(Map<String, Object> properties) {
        Map<String, String> policies = new LinkedHashMap<>();
        Object list = properties.get("Policies");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> policy)
                        || policy.get("PolicyName") == null
                        || policy.get("PolicyDocument") == null) {
                    throw new IamResourceProvisioner.ResourceFailure(
                            "Each of Policies needs PolicyName and PolicyDocument");
                }
                policies.put(String.valueOf(policy.get("PolicyName")), json(policy.get("PolicyDocument")));
            }
        }
        return policies;
    }

    static Map<String, String> tags(Map<String, Object> properties) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (properties.get("Tags") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> tag) {
                    tags.put(String.valueOf(tag.get("Key")), String.valueOf(tag.get("Value")));
                }
            }
        }
        return tags;
    }

    static int maxSession(Map<String, Object> properties) {
        Object value = properties.get("MaxSessionDuration");
        try {
            return value == null ? 3600 : Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new IamResourceProvisioner.ResourceFailure(
                    "Value of property MaxSessionDuration must be of type Integer");
        }
    }

    static String required(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            throw new IamResourceProvisioner.ResourceFailure("Property " + name + " cannot be empty.");
        }
        return String.valueOf(value);
    }

    static Object requiredObject(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            throw new IamResourceProvisioner.ResourceFailure("Property " + name + " cannot be empty.");
        }
        return value;
    }

    static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> result.add(String.valueOf(v)));
        } else if (value != null) {
            result.add(String.valueOf(value));
        }
        return result;
    }

    static String stringOr(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }

    static String json(Object document) {
        if (document instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IamResourceProvisioner.ResourceFailure(
                    "Policy document is not serializable: " + e.getOriginalMessage());
        }
    }

    static boolean sameJson(String a, String b) {
        try {
            return JSON.readTree(a).equals(JSON.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
