package dev.ops.proton.account;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a namespace may use an AwsAccount: named in {@code allowedNamespaces}, or matching
 * {@code allowedNamespaceSelector}; neither set means nobody. This is what closes the confused-deputy hole: a tenant
 * can only make the operator act in accounts a cluster admin opened to its namespace.
 *
 * <p>Label selector matching is written here because neither Fabric8's model nor JOSDK exposes a matcher for a
 * {@link LabelSelector} against a label map; it follows the Kubernetes semantics (all requirements ANDed).
 */
public final class NamespaceAccess {

    private NamespaceAccess() {}

    public static boolean allows(
            List<String> allowedNamespaces,
            LabelSelector allowedSelector,
            String namespace,
            Map<String, String> namespaceLabels) {
        if (allowedNamespaces != null && allowedNamespaces.contains(namespace)) {
            return true;
        }
        return allowedSelector != null
                && matches(allowedSelector, namespaceLabels == null ? Map.of() : namespaceLabels);
    }

    /** True when an AwsAccount's selector needs the namespace's labels to decide. */
    public static boolean needsLabels(List<String> allowedNamespaces, LabelSelector allowedSelector, String namespace) {
        return (allowedNamespaces == null || !allowedNamespaces.contains(namespace)) && allowedSelector != null;
    }

    /**
     * What is wrong with a selector as Kubernetes would judge it (the CRD schema can't: it doesn't know the
     * operators), or null when it is valid: an unknown operator, {@code In}/{@code NotIn} without values, or
     * {@code Exists}/{@code DoesNotExist} with values. An invalid selector would otherwise silently match nothing.
     */
    public static String problemWith(LabelSelector selector) {
        if (selector == null || selector.getMatchExpressions() == null) {
            return null;
        }
        for (int i = 0; i < selector.getMatchExpressions().size(); i++) {
            LabelSelectorRequirement requirement =
                    selector.getMatchExpressions().get(i);
            String where = "spec.allowedNamespaceSelector.matchExpressions[" + i + "]";
            boolean hasValues =
                    requirement.getValues() != null && !requirement.getValues().isEmpty();
            String operator = String.valueOf(requirement.getOperator());
            switch (operator) {
                case "In", "NotIn" -> {
                    if (!hasValues) {
                        return where + ": operator " + operator + " needs at least one value";
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (hasValues) {
                        return where + ": operator " + operator + " takes no values";
                    }
                }
                default -> {
                    return where + ": operator " + operator + " is not one of In, NotIn, Exists, DoesNotExist";
                }
            }
        }
        return null;
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> required : selector.getMatchLabels().entrySet()) {
                if (!required.getValue().equals(labels.get(required.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!matches(requirement, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        switch (requirement.getOperator()) {
            case "In":
                return value != null && values.contains(value);
            case "NotIn":
                return value == null || !values.contains(value);
            case "Exists":
                return labels.containsKey(requirement.getKey());
            case "DoesNotExist":
                return !labels.containsKey(requirement.getKey());
            default:
                return false;
        }
    }
}
