package dev.ops.proton.localaws.authz;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Evaluates a statement's Condition block as the IAM User Guide's condition element reference describes: every
 * operator block must hold, every key within it must hold, and a key holds when the request's value matches any of
 * the policy's values. Operators: StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase,
 * StringLike, StringNotLike, ArnEquals, ArnLike, ArnNotEquals, ArnNotLike, Bool and Null, each (but Null) with the
 * IfExists suffix and the ForAnyValue / ForAllValues set qualifiers.
 *
 * <p>A key the request lacks: IfExists makes the condition hold; negated operators hold; positive ones fail;
 * ForAllValues holds (the empty set); ForAnyValue fails. An operator this class does not know fails closed.
 */
public final class ConditionEvaluator {

    private ConditionEvaluator() {}

    public static boolean holds(Map<String, Map<String, List<String>>> conditions, RequestContext request) {
        for (Map.Entry<String, Map<String, List<String>>> block : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : block.getValue().entrySet()) {
                if (!keyHolds(block.getKey(), request.values(key.getKey()), key.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean keyHolds(String written, List<String> actual, List<String> expected) {
        String operator = written;
        String qualifier = null;
        int colon = operator.indexOf(':');
        if (colon > 0) {
            qualifier = operator.substring(0, colon);
            operator = operator.substring(colon + 1);
        }
        boolean ifExists = operator.endsWith("IfExists");
        if (ifExists) {
            operator = operator.substring(0, operator.length() - "IfExists".length());
        }
        if (operator.equals("Null")) {
            boolean absent = actual == null || actual.isEmpty();
            return expected.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        Comparison comparison = Comparison.of(operator);
        if (comparison == null) {
            return false;
        }
        if (actual == null || actual.isEmpty()) {
            if (ifExists || "ForAllValues".equals(qualifier)) {
                return true;
            }
            if ("ForAnyValue".equals(qualifier)) {
                return false;
            }
            return comparison.negated;
        }
        if ("ForAllValues".equals(qualifier)) {
            return actual.stream().allMatch(value -> comparison.holds(value, expected));
        }
        if ("ForAnyValue".equals(qualifier)) {
            return actual.stream().anyMatch(value -> comparison.holds(value, expected));
        }
        if (qualifier != null) {
            return false;
        }
        return comparison.negated
                ? actual.stream().allMatch(value -> comparison.holds(value, expected))
                : actual.stream().anyMatch(value -> comparison.holds(value, expected));
    }

    /** One value of the request against the policy's values: a match with any (or, negated, with none). */
    private record Comparison(BiPredicate<String, String> matches, boolean negated) {

        boolean holds(String value, List<String> expected) {
            boolean any = expected.stream().anyMatch(pattern -> matches.test(pattern, value));
            return negated ? !any : any;
        }

        static Comparison of(String operator) {
            return switch (operator) {
                case "StringEquals" -> new Comparison(String::equals, false);
                case "StringNotEquals" -> new Comparison(String::equals, true);
                case "StringEqualsIgnoreCase" -> new Comparison(String::equalsIgnoreCase, false);
                case "StringNotEqualsIgnoreCase" -> new Comparison(String::equalsIgnoreCase, true);
                case "StringLike" -> new Comparison(IamPattern::wildcardMatches, false);
                case "StringNotLike" -> new Comparison(IamPattern::wildcardMatches, true);
                case "ArnEquals", "ArnLike" -> new Comparison(IamPattern::arnMatches, false);
                case "ArnNotEquals", "ArnNotLike" -> new Comparison(IamPattern::arnMatches, true);
                case "Bool" ->
                    new Comparison(
                            (pattern, value) -> pattern.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT)),
                            false);
                default -> null;
            };
        }
    }
}
