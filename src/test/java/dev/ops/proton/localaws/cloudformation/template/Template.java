package dev.ops.proton.localaws.cloudformation.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed CloudFormation template (YAML with short or long intrinsic forms, or JSON), checked the way
 * CloudFormation checks a template before any resource is touched: known sections and resource types, references
 * to declared names only, no dependency cycles. Knows the capabilities its IAM resources require and the order
 * in which resources must be created.
 */
public final class Template {

    /** Resource types this endpoint can provision. */
    public static final Set<String> SUPPORTED_TYPES =
            Set.of("AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy");

    private static final Set<String> SECTIONS = Set.of(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Mappings",
            "Conditions",
            "Transform",
            "Resources",
            "Outputs",
            "Rules");
    private static final Set<String> NAMED_IAM_PROPERTIES = Set.of("RoleName", "ManagedPolicyName");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String description;
    private final Map<String, ParameterDeclaration> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, ResourceDeclaration> resources;
    private final Map<String, Map<String, Object>> outputs;

    private Template(
            String description,
            Map<String, ParameterDeclaration> parameters,
            Map<String, Object> conditions,
            Map<String, ResourceDeclaration> resources,
            Map<String, Map<String, Object>> outputs) {
        this.description = description;
        this.parameters = parameters;
        this.conditions = conditions;
        this.resources = resources;
        this.outputs = outputs;
    }

    /** Parses and checks a template body. */
    public static Template parse(String body) {
        if (body == null || body.isBlank()) {
            throw TemplateException.format("Template body must not be empty");
        }
        Object root = body.trim().startsWith("{") ? parseJson(body) : TemplateYaml.load(body);
        if (!(root instanceof Map<?, ?> map)) {
            throw TemplateException.format("template must be a JSON or YAML object");
        }
        Set<String> unknown = new TreeSet<>();
        map.keySet().forEach(key -> {
            if (!SECTIONS.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        });
        if (!unknown.isEmpty()) {
            throw TemplateException.format("Invalid template property or properties " + unknown);
        }
        Template template = new Template(
                map.get("Description") == null ? null : String.valueOf(map.get("Description")),
                parseParameters(section(map, "Parameters")),
                section(map, "Conditions"),
                parseResources(section(map, "Resources")),
                parseOutputs(section(map, "Outputs")));
        template.checkReferences();
        template.creationOrder();
        return template;
    }

    public String description() {
        return description;
    }

    public Map<String, ParameterDeclaration> parameters() {
        return parameters;
    }

    Map<String, Object> conditions() {
        return conditions;
    }

    public Map<String, ResourceDeclaration> resources() {
        return resources;
    }

    Map<String, Map<String, Object>> outputs() {
        return outputs;
    }

    /** CAPABILITY_IAM for any IAM resource, CAPABILITY_NAMED_IAM when one of them has an explicit name. */
    public Set<String> requiredCapabilities() {
        Set<String> required = new LinkedHashSet<>();
        for (ResourceDeclaration resource : resources.values()) {
            if (resource.type().startsWith("AWS::IAM::")) {
                required.add("CAPABILITY_IAM");
                if (resource.properties().keySet().stream().anyMatch(NAMED_IAM_PROPERTIES::contains)) {
                    required.add("CAPABILITY_NAMED_IAM");
                }
            }
        }
        return required;
    }

    /** Logical ids in an order where every resource comes after what it references (reverse it to delete). */
    public List<String> creationOrder() {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String id : resources.keySet()) {
            visit(id, visiting, order);
        }
        return order;
    }

    /** The resources a resource references through Ref, Fn::GetAtt, Fn::Sub or DependsOn. */
    public Set<String> dependenciesOf(String logicalId) {
        ResourceDeclaration resource = resources.get(logicalId);
        Set<String> names = new LinkedHashSet<>(resource.dependsOn());
        collectReferences(resource.properties(), names);
        names.retainAll(resources.keySet());
        return names;
    }

    private void visit(String id, Set<String> visiting, List<String> order) {
        if (order.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new TemplateException("Circular dependency between resources: " + new TreeSet<>(visiting));
        }
        for (String dependency : dependenciesOf(id)) {
            visit(dependency, visiting, order);
        }
        visiting.remove(id);
        order.add(id);
    }

    private void checkReferences() {
        Set<String> known = new LinkedHashSet<>(parameters.keySet());
        known.addAll(resources.keySet());
        known.addAll(Evaluation.PSEUDO_PARAMETERS);
        Set<String> unresolved = new TreeSet<>();
        for (ResourceDeclaration resource : resources.values()) {
            Set<String> refs = new LinkedHashSet<>(resource.dependsOn());
            collectReferences(resource.properties(), refs);
            for (String ref : refs) {
                if (!known.contains(ref)) {
                    unresolved.add(ref);
                }
            }
            if (resource.condition() != null && !conditions.containsKey(resource.condition())) {
                throw TemplateException.format("Unresolved dependencies [" + resource.condition()
                        + "]. Cannot reference resources in the Conditions block of the template");
            }
            checkGetAtts(resource.properties());
        }
        for (Map<String, Object> output : outputs.values()) {
            collectReferences(output.get("Value"), unresolved);
            checkGetAtts(output.get("Value"));
        }
        unresolved.removeAll(known);
        if (!unresolved.isEmpty()) {
            throw TemplateException.format(
                    "Unresolved resource dependencies " + unresolved + " in the Resources block of the template");
        }
    }

    private void checkGetAtts(Object value) {
        if (value instanceof Map<?, ?> map) {
            Object getAtt = map.get("Fn::GetAtt");
            if (getAtt instanceof List<?> list
                    && !list.isEmpty()
                    && !resources.containsKey(String.valueOf(list.get(0)))) {
                throw new TemplateException(
                        "Template error: instance of Fn::GetAtt references undefined resource " + list.get(0));
            }
            map.values().forEach(this::checkGetAtts);
        } else if (value instanceof List<?> list) {
            list.forEach(this::checkGetAtts);
        }
    }

    /** Names referenced by Ref, Fn::GetAtt and Fn::Sub variables (which may name parameters or resources). */
    static void collectReferences(Object value, Collection<String> into) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.containsKey("Ref")) {
                into.add(String.valueOf(map.get("Ref")));
                return;
            }
            if (map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> getAtt && !getAtt.isEmpty()) {
                into.add(String.valueOf(getAtt.get(0)));
                return;
            }
            if (map.size() == 1 && map.containsKey("Fn::Sub")) {
                Object sub = map.get("Fn::Sub");
                String text = sub instanceof List<?> list && !list.isEmpty()
                        ? String.valueOf(list.get(0))
                        : String.valueOf(sub);
                Set<String> local =
                        sub instanceof List<?> list && list.size() > 1 && list.get(1) instanceof Map<?, ?> vars
                                ? toStringSet(vars.keySet())
                                : Set.of();
                Matcher matcher = SUB_VARIABLE.matcher(text);
                while (matcher.find()) {
                    String name = matcher.group(1).split("\\.", 2)[0].trim();
                    if (!local.contains(name)
                            && !local.contains(matcher.group(1).trim())) {
                        into.add(name);
                    }
                }
                if (sub instanceof List<?> list && list.size() > 1) {
                    collectReferences(list.get(1), into);
                }
                return;
            }
            map.values().forEach(v -> collectReferences(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectReferences(v, into));
        }
    }

    private static Set<String> toStringSet(Collection<?> values) {
        Set<String> set = new LinkedHashSet<>();
        values.forEach(v -> set.add(String.valueOf(v)));
        return set;
    }

    private static Object parseJson(String body) {
        try {
            return JSON.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw TemplateException.format(
                    "JSON not well-formed. (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<?, ?> root, String name) {
        Object section = root.get(name);
        if (section == null) {
            return new LinkedHashMap<>();
        }
        if (!(section instanceof Map)) {
            throw TemplateException.format(name + " must be an object");
        }
        return (Map<String, Object>) section;
    }

    private static Map<String, ParameterDeclaration> parseParameters(Map<String, Object> section) {
        Map<String, ParameterDeclaration> parameters = new LinkedHashMap<>();
        section.forEach((name, value) -> {
            if (!(value instanceof Map<?, ?> declaration) || declaration.get("Type") == null) {
                throw TemplateException.format("Every Parameters object must contain a Type member.");
            }
            List<String> allowed = new ArrayList<>();
            if (declaration.get("AllowedValues") instanceof List<?> values) {
                values.forEach(v -> allowed.add(String.valueOf(v)));
            }
            parameters.put(
                    name,
                    new ParameterDeclaration(
                            name,
                            String.valueOf(declaration.get("Type")),
                            declaration.get("Default") == null ? null : String.valueOf(declaration.get("Default")),
                            allowed,
                            declaration.get("AllowedPattern") == null
                                    ? null
                                    : String.valueOf(declaration.get("AllowedPattern")),
                            integer(declaration.get("MinLength")),
                            integer(declaration.get("MaxLength")),
                            Boolean.parseBoolean(String.valueOf(declaration.get("NoEcho"))),
                            declaration.get("Description") == null
                                    ? null
                                    : String.valueOf(declaration.get("Description"))));
        });
        return parameters;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ResourceDeclaration> parseResources(Map<String, Object> section) {
        if (section.isEmpty()) {
            throw TemplateException.format("At least one Resources member must be defined.");
        }
        Map<String, ResourceDeclaration> resources = new LinkedHashMap<>();
        Set<String> unsupported = new TreeSet<>();
        section.forEach((logicalId, value) -> {
            if (!logicalId.matches("[A-Za-z0-9]+")) {
                throw TemplateException.format("Resource name " + logicalId + " is non alphanumeric.");
            }
            if (!(value instanceof Map<?, ?> declaration) || declaration.get("Type") == null) {
                throw TemplateException.format(
                        "[/Resources/" + logicalId + "] Every Resources object must contain " + "a Type member.");
            }
            String type = String.valueOf(declaration.get("Type"));
            if (!SUPPORTED_TYPES.contains(type)) {
                unsupported.add(type);
            }
            Object properties = declaration.get("Properties");
            List<String> dependsOn = new ArrayList<>();
            Object depends = declaration.get("DependsOn");
            if (depends instanceof List<?> list) {
                list.forEach(d -> dependsOn.add(String.valueOf(d)));
            } else if (depends != null) {
                dependsOn.add(String.valueOf(depends));
            }
            resources.put(
                    logicalId,
                    new ResourceDeclaration(
                            logicalId,
                            type,
                            properties instanceof Map ? (Map<String, Object>) properties : Map.of(),
                            dependsOn,
                            declaration.get("Condition") == null
                                    ? null
                                    : String.valueOf(declaration.get("Condition"))));
        });
        if (!unsupported.isEmpty()) {
            throw TemplateException.format("Unrecognized resource types: " + unsupported);
        }
        return resources;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> parseOutputs(Map<String, Object> section) {
        Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
        section.forEach((name, value) -> {
            if (!(value instanceof Map<?, ?> output) || !output.containsKey("Value")) {
                throw TemplateException.format("Every Outputs member must contain a Value object");
            }
            outputs.put(name, (Map<String, Object>) output);
        });
        return outputs;
    }

    private static Integer integer(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw TemplateException.format("MinLength and MaxLength must be integers");
        }
    }
}
