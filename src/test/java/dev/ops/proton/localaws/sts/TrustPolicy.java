package dev.ops.proton.localaws.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ops.proton.localaws.auth.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates a role's trust policy (AssumeRolePolicyDocument) for an {@code sts:AssumeRole} request, as IAM does
 * for the parts this endpoint models: AWS principals (account id or root ARN: any identity of that account; role
 * ARN: sessions of that role; assumed-role session ARN: that session), service and federated principals (never an
 * account caller), {@code *}; conditions StringEquals, StringLike, StringNotEquals and StringNotLike on
 * {@code sts:ExternalId} and {@code aws:PrincipalAccount}. A condition key the request lacks fails StringEquals and
 * StringLike. Unknown operators or keys fail closed. An explicit Deny wins.
 */
public final class TrustPolicy {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrustPolicy() {}

    /** The request context the conditions are evaluated against. */
    public record Request(Caller caller, String externalId) {

        String conditionValue(String key) {
            return switch (key.toLowerCase(java.util.Locale.ROOT)) {
                case "sts:externalid" -> externalId;
                case "aws:principalaccount" -> caller.accountId();
                default -> null;
            };
        }

        static boolean knownKey(String key) {
            String lower = key.toLowerCase(java.util.Locale.ROOT);
            return lower.equals("sts:externalid") || lower.equals("aws:principalaccount");
        }
    }

    /** True when the document allows the request to assume the role and no statement denies it. */
    public static boolean allows(String document, Request request) {
        return allows(document, request, "sts:AssumeRole");
    }

    /** True when the document allows the action (sts:AssumeRole, sts:TagSession) and no statement denies it. */
    public static boolean allows(String document, Request request, String action) {
        JsonNode policy;
        try {
            policy = JSON.readTree(document);
        } catch (java.io.IOException e) {
            return false;
        }
        boolean allowed = false;
        for (JsonNode statement : asList(policy.path("Statement"))) {
            if (!covers(statement, action) || !principalMatches(statement.path("Principal"), request.caller())) {
                continue;
            }
            boolean conditionsHold = conditionsHold(statement.path("Condition"), request);
            String effect = statement.path("Effect").asText();
            if ("Deny".equals(effect) && conditionsHold) {
                return false;
            }
            if ("Allow".equals(effect) && conditionsHold) {
                allowed = true;
            }
        }
        return allowed;
    }

    private static boolean covers(JsonNode statement, String wanted) {
        for (JsonNode action : asList(statement.path("Action"))) {
            if (wildcardMatches(
                    action.asText().toLowerCase(java.util.Locale.ROOT), wanted.toLowerCase(java.util.Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean principalMatches(JsonNode principal, Caller caller) {
        if (principal.isTextual()) {
            return "*".equals(principal.asText());
        }
        for (JsonNode aws : asList(principal.path("AWS"))) {
            if (awsPrincipalMatches(aws.asText(), caller)) {
                return true;
            }
        }
        return false;
    }

    private static boolean awsPrincipalMatches(String principal, Caller caller) {
        if (principal.equals("*")) {
            return true;
        }
        if (principal.equals(caller.accountId()) || principal.equals("arn:aws:iam::" + caller.accountId() + ":root")) {
            return true;
        }
        if (principal.equals(caller.arn())) {
            return true;
        }
        return caller.roleArn() != null && principal.equals(caller.roleArn());
    }

    private static boolean conditionsHold(JsonNode conditions, Request request) {
        if (conditions.isMissingNode() || conditions.isNull()) {
            return true;
        }
        for (Map.Entry<String, JsonNode> operator : iterable(conditions)) {
            for (Map.Entry<String, JsonNode> keyValues : iterable(operator.getValue())) {
                if (!Request.knownKey(keyValues.getKey())) {
                    return false;
                }
                String actual = request.conditionValue(keyValues.getKey());
                if (!operatorHolds(operator.getKey(), actual, asList(keyValues.getValue()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean operatorHolds(String operator, String actual, List<JsonNode> expected) {
        switch (operator) {
            case "StringEquals":
                return actual != null
                        && expected.stream().anyMatch(v -> v.asText().equals(actual));
            case "StringLike":
                return actual != null && expected.stream().anyMatch(v -> wildcardMatches(v.asText(), actual));
            case "StringNotEquals":
                return actual == null
                        || expected.stream().noneMatch(v -> v.asText().equals(actual));
            case "StringNotLike":
                return actual == null || expected.stream().noneMatch(v -> wildcardMatches(v.asText(), actual));
            default:
                return false;
        }
    }

    /** IAM wildcards: {@code *} any run of characters, {@code ?} one character. */
    static boolean wildcardMatches(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(regex.toString(), value);
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode() && !node.isNull()) {
            items.add(node);
        }
        return items;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
