package dev.ops.proton.localaws.cloudformation.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template bound to parameter values and pseudo parameters: validates the parameters, evaluates conditions, and
 * resolves intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::If, Fn::Equals, Fn::Not, Fn::And,
 * Fn::Or, Fn::Select, Fn::Split, Fn::Base64, Condition). Resources that exist already are supplied by an
 * {@link ResourceAttributes} callback, so this stays free of I/O.
 */
public final class Evaluation {

    /** Pseudo parameters every template may Ref. */
    public static final Set<String> PSEUDO_PARAMETERS = Set.of(
            "AWS::AccountId",
            "AWS::Region",
            "AWS::StackName",
            "AWS::StackId",
            "AWS::Partition",
            "AWS::URLSuffix",
            "AWS::NoValue",
            "AWS::NotificationARNs");
    /** Resolves to "remove this property", as {@code Ref: AWS::NoValue} does. */
    public static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** Physical ids and attributes of resources already provisioned. */
    public interface ResourceAttributes {
        /** What Ref returns for the resource, or null when it doesn't exist yet. */
        String ref(String logicalId);

        /** What Fn::GetAtt returns, or null when unknown. */
        String attribute(String logicalId, String attribute);
    }

    /** The stack identity behind the pseudo parameters. */
    public record StackContext(String accountId, String region, String stackName, String stackId) {}

    private final Template template;
    private final Map<String, String> parameterValues;
    private final StackContext stack;
    private final Map<String, Boolean> conditionValues = new HashMap<>();

    private Evaluation(Template template, Map<String, String> parameterValues, StackContext stack) {
        this.template = template;
        this.parameterValues = parameterValues;
        this.stack = stack;
    }

    /** Binds parameters (defaults filled in, constraints checked) and evaluates the conditions. */
    public static Evaluation bind(Template template, Map<String, String> given, StackContext stack) {
        Set<String> undeclared = new TreeSet<>(given.keySet());
        undeclared.removeAll(template.parameters().keySet());
        if (!undeclared.isEmpty()) {
            throw new TemplateException("Parameters: " + undeclared + " do not exist in the template");
        }
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> missing = new TreeSet<>();
        for (ParameterDeclaration declaration : template.parameters().values()) {
            String value =
                    given.containsKey(declaration.name()) ? given.get(declaration.name()) : declaration.defaultValue();
            if (value == null) {
                missing.add(declaration.name());
                continue;
            }
            checkConstraints(declaration, value);
            values.put(declaration.name(), value);
        }
        if (!missing.isEmpty()) {
            throw new TemplateException("Parameters: " + missing + " must have values");
        }
        Evaluation evaluation = new Evaluation(template, values, stack);
        template.conditions().keySet().forEach(evaluation::condition);
        return evaluation;
    }

    public Map<String, String> parameterValues() {
        return parameterValues;
    }

    public Template template() {
        return template;
    }

    /** Whether a resource or output with this Condition exists. */
    public boolean isActive(String conditionName) {
        return conditionName == null || condition(conditionName);
    }

    /** Resources whose condition holds, in creation order. */
    public List<ResourceDeclaration> activeResources() {
        List<ResourceDeclaration> active = new ArrayList<>();
        for (String id : template.creationOrder()) {
            ResourceDeclaration resource = template.resources().get(id);
            if (isActive(resource.condition())) {
                active.add(resource);
            }
        }
        return active;
    }

    /** Resolves a resource's properties; {@code AWS::NoValue} members are dropped. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resolveProperties(ResourceDeclaration resource, ResourceAttributes resources) {
        Object resolved = resolve(resource.properties(), resources);
        return resolved instanceof Map ? (Map<String, Object>) resolved : Map.of();
    }

    /** Resolves every output whose condition holds, in declaration order. */
    public Map<String, Output> resolveOutputs(ResourceAttributes resources) {
        Map<String, Output> outputs = new LinkedHashMap<>();
        template.outputs().forEach((name, output) -> {
            Object condition = output.get("Condition");
            if (isActive(condition == null ? null : String.valueOf(condition))) {
                Object value = resolve(output.get("Value"), resources);
                outputs.put(
                        name,
                        new Output(
                                name,
                                stringify(value),
                                output.get("Description") == null ? null : String.valueOf(output.get("Description"))));
            }
        });
        return outputs;
    }

    /** A resolved stack output. */
    public record Output(String key, String value, String description) {}

    /** Resolves intrinsic functions in any template value. */
    public Object resolve(Object value, ResourceAttributes resources) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                    return intrinsic(key, map.get(key), resources);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object r = resolve(v, resources);
                if (r != NO_VALUE) {
                    resolved.put(String.valueOf(k), r);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object r = resolve(item, resources);
                if (r != NO_VALUE) {
                    resolved.add(r);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object intrinsic(String function, Object argument, ResourceAttributes resources) {
        switch (function) {
            case "Ref":
                return ref(String.valueOf(argument), resources);
            case "Fn::GetAtt":
                return getAtt(argument, resources);
            case "Fn::Sub":
                return sub(argument, resources);
            case "Fn::Join": {
                List<?> args = list(function, argument, 2);
                List<?> items = asList(function, resolve(args.get(1), resources));
                List<String> parts = new ArrayList<>();
                items.forEach(item -> parts.add(stringify(item)));
                return String.join(stringify(resolve(args.get(0), resources)), parts);
            }
            case "Fn::Select": {
                List<?> args = list(function, argument, 2);
                int index = Integer.parseInt(stringify(resolve(args.get(0), resources)));
                List<?> items = asList(function, resolve(args.get(1), resources));
                if (index < 0 || index >= items.size()) {
                    throw new TemplateException(
                            "Template error: Fn::Select cannot select nonexistent value at index " + index);
                }
                return items.get(index);
            }
            case "Fn::Split": {
                List<?> args = list(function, argument, 2);
                String delimiter = stringify(resolve(args.get(0), resources));
                return List.of(stringify(resolve(args.get(1), resources)).split(Pattern.quote(delimiter), -1));
            }
            case "Fn::Base64":
                return Base64.getEncoder()
                        .encodeToString(stringify(resolve(argument, resources)).getBytes(StandardCharsets.UTF_8));
            case "Fn::If": {
                List<?> args = list(function, argument, 3);
                return resolve(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2), resources);
            }
            case "Condition":
                return condition(String.valueOf(argument));
            case "Fn::Equals":
            case "Fn::Not":
            case "Fn::And":
            case "Fn::Or":
                return conditionFunction(function, argument);
            default:
                throw TemplateException.format("Unsupported intrinsic function " + function);
        }
    }

    private Object ref(String name, ResourceAttributes resources) {
        switch (name) {
            case "AWS::AccountId":
                return stack.accountId();
            case "AWS::Region":
                return stack.region();
            case "AWS::StackName":
                return stack.stackName();
            case "AWS::StackId":
                return stack.stackId();
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NotificationARNs":
                return List.of();
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameterValues.containsKey(name)) {
            String value = parameterValues.get(name);
            String type = template.parameters().get(name).type();
            return type.startsWith("List<") || type.equals("CommaDelimitedList")
                    ? List.of(value.split(",", -1))
                    : value;
        }
        String physical = resources.ref(name);
        if (physical == null) {
            throw new TemplateException("Template error: resource " + name + " has no physical id yet");
        }
        return physical;
    }

    private Object getAtt(Object argument, ResourceAttributes resources) {
        List<?> args =
                argument instanceof String text ? List.of(text.split("\\.", 2)) : list("Fn::GetAtt", argument, 2);
        String logicalId = String.valueOf(args.get(0));
        String attribute = stringify(resolve(args.get(1), resources));
        String value = resources.attribute(logicalId, attribute);
        if (value == null) {
            throw new TemplateException("Template error: resource " + logicalId + " does not support attribute type "
                    + attribute + " in Fn::GetAtt");
        }
        return value;
    }

    private Object sub(Object argument, ResourceAttributes resources) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> args) {
            if (args.size() != 2 || !(args.get(1) instanceof Map<?, ?> vars)) {
                throw TemplateException.format("Fn::Sub takes a string, or a list of a string and a map");
            }
            text = String.valueOf(args.get(0));
            vars.forEach((k, v) -> variables.put(String.valueOf(k), resolve(v, resources)));
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String expression = matcher.group(1);
            String replacement;
            if (expression.startsWith("!")) {
                replacement = "${" + expression.substring(1) + "}";
            } else if (variables.containsKey(expression)) {
                replacement = stringify(variables.get(expression));
            } else if (expression.contains(".") && !PSEUDO_PARAMETERS.contains(expression)) {
                String[] parts = expression.split("\\.", 2);
                replacement = stringify(getAtt(List.of(parts[0], parts[1]), resources));
            } else {
                replacement = stringify(ref(expression.trim(), resources));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private boolean condition(String name) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        Object definition = template.conditions().get(name);
        if (definition == null) {
            throw TemplateException.format("Unresolved condition dependency " + name + " in Fn::If");
        }
        conditionValues.put(name, false);
        boolean value = truth(resolveCondition(definition));
        conditionValues.put(name, value);
        return value;
    }

    private Object resolveCondition(Object definition) {
        if (definition instanceof Map<?, ?> map && map.size() == 1) {
            String key = String.valueOf(map.keySet().iterator().next());
            if (key.equals("Condition")) {
                return condition(String.valueOf(map.get(key)));
            }
            if (key.equals("Fn::Equals") || key.equals("Fn::Not") || key.equals("Fn::And") || key.equals("Fn::Or")) {
                return conditionFunction(key, map.get(key));
            }
        }
        return resolve(definition, NO_RESOURCES);
    }

    private boolean conditionFunction(String function, Object argument) {
        switch (function) {
            case "Fn::Equals": {
                List<?> args = list(function, argument, 2);
                return stringify(resolve(args.get(0), NO_RESOURCES))
                        .equals(stringify(resolve(args.get(1), NO_RESOURCES)));
            }
            case "Fn::Not":
                return !truth(resolveCondition(list(function, argument, 1).get(0)));
            case "Fn::And":
                return asList(function, argument).stream().allMatch(c -> truth(resolveCondition(c)));
            default:
                return asList(function, argument).stream().anyMatch(c -> truth(resolveCondition(c)));
        }
    }

    private static final ResourceAttributes NO_RESOURCES = new ResourceAttributes() {
        @Override
        public String ref(String logicalId) {
            throw TemplateException.format("Conditions can't reference resources (" + logicalId + ")");
        }

        @Override
        public String attribute(String logicalId, String attribute) {
            throw TemplateException.format("Conditions can't reference resources (" + logicalId + ")");
        }
    };

    private static boolean truth(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return Boolean.parseBoolean(String.valueOf(value));
    }

    private static List<?> list(String function, Object argument, int size) {
        if (!(argument instanceof List<?> list) || list.size() != size) {
            throw TemplateException.format(function + " requires a list of " + size + " elements");
        }
        return list;
    }

    private static List<?> asList(String function, Object value) {
        if (!(value instanceof List<?> list)) {
            throw TemplateException.format(function + " requires a list");
        }
        return list;
    }

    /** The string form CloudFormation gives a resolved value (lists join with commas). */
    public static String stringify(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(stringify(v)));
            return String.join(",", parts);
        }
        return value == null ? "" : String.valueOf(value);
    }

    private static void checkConstraints(ParameterDeclaration declaration, String value) {
        String name = declaration.name();
        if (!declaration.allowedValues().isEmpty()
                && !declaration.allowedValues().contains(value)) {
            throw new TemplateException("Parameter '" + name + "' must be one of AllowedValues");
        }
        if (declaration.allowedPattern() != null && !value.matches(declaration.allowedPattern())) {
            throw new TemplateException("Parameter '" + name + "' must match pattern " + declaration.allowedPattern());
        }
        if (declaration.minLength() != null && value.length() < declaration.minLength()) {
            throw new TemplateException(
                    "Parameter '" + name + "' must contain at least " + declaration.minLength() + " characters");
        }
        if (declaration.maxLength() != null && value.length() > declaration.maxLength()) {
            throw new TemplateException(
                    "Parameter '" + name + "' must contain at most " + declaration.maxLength() + " characters");
        }
        if (declaration.type().equals("Number")) {
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TemplateException("Parameter '" + name + "' must be a number");
            }
        }
    }
}
