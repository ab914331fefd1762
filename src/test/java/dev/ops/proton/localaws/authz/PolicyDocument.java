package dev.ops.proton.localaws.authz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An identity-based policy, parsed: its statements with Effect, Action or NotAction, Resource or NotResource, and
 * Condition. Single strings and lists are both accepted where IAM accepts both.
 *
 * @param name where the policy came from (inline policy name or managed policy ARN), for messages and tests
 * @param statements the statements in document order
 */
public record PolicyDocument(String name, List<Statement> statements) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /**
     * One statement.
     *
     * @param conditions operator (as written, e.g. {@code ForAnyValue:StringLike}) to condition key to values
     */
    public record Statement(
            String sid,
            boolean allow,
            List<String> actions,
            List<String> notActions,
            List<String> resources,
            List<String> notResources,
            Map<String, Map<String, List<String>>> conditions) {}

    /** Parses a policy document; a document IAM would refuse as malformed throws IllegalArgumentException. */
    public static PolicyDocument parse(String name, String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy " + name + " is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("policy " + name + " is not a JSON object");
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode statement : list(root.path("Statement"))) {
            statements.add(statement(name, statement));
        }
        return new PolicyDocument(name, statements);
    }

    private static Statement statement(String name, JsonNode node) {
        String effect = node.path("Effect").asText();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException(
                    "policy " + name + ": Effect must be Allow or Deny, not '" + effect + "'");
        }
        Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
        node.path("Condition").fields().forEachRemaining(operator -> {
            Map<String, List<String>> keys = new LinkedHashMap<>();
            operator.getValue().fields().forEachRemaining(key -> keys.put(key.getKey(), strings(key.getValue())));
            conditions.put(operator.getKey(), keys);
        });
        return new Statement(
                node.path("Sid").asText(null),
                effect.equals("Allow"),
                strings(node.path("Action")),
                strings(node.path("NotAction")),
                strings(node.path("Resource")),
                strings(node.path("NotResource")),
                conditions);
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            items.add(node);
        }
        return items;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : list(node)) {
            values.add(item.asText());
        }
        return values;
    }
}
