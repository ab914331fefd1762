package dev.ops.proton.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a manifest the way the API server would against a committed CRD, without an API server: the OpenAPI v3
 * schema (with a JSON schema validator), unknown fields (as kubectl's default strict field validation does), and the
 * CEL rules of {@code x-kubernetes-validations} (with Google's CEL implementation). Returns the errors, each naming
 * the field.
 */
final class CrdSchemaValidator {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final CelCompiler CEL = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final Map<String, JsonNode> schemasByKind = new LinkedHashMap<>();

    CrdSchemaValidator(Path crdDirectory) throws IOException {
        try (var files = Files.list(crdDirectory)) {
            for (Path file : files.filter(f -> f.toString().endsWith("-v1.yml")).toList()) {
                JsonNode crd = YAML.readTree(file.toFile());
                schemasByKind.put(
                        crd.at("/spec/names/kind").asText(), crd.at("/spec/versions/0/schema/openAPIV3Schema"));
            }
        }
    }

    List<String> validate(JsonNode manifest) {
        String kind = manifest.path("kind").asText();
        JsonNode schema = schemasByKind.get(kind);
        if (schema == null) {
            return List.of("no CRD for kind " + kind);
        }
        List<String> errors = new ArrayList<>();
        if (!"proton.ops.dev/v1alpha1".equals(manifest.path("apiVersion").asText())) {
            errors.add("apiVersion must be proton.ops.dev/v1alpha1");
        }
        JsonNode body = manifest.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove(List.of("apiVersion", "kind", "metadata"));
        for (ValidationMessage message : JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(schema)
                .validate(body)) {
            errors.add(message.getMessage());
        }
        walk(schema, body, "", errors);
        return errors;
    }

    private void walk(JsonNode schema, JsonNode data, String path, List<String> errors) {
        if (data == null || data.isMissingNode() || data.isNull()) {
            return;
        }
        for (JsonNode rule : schema.path("x-kubernetes-validations")) {
            if (!evaluate(rule.path("rule").asText(), data)) {
                errors.add((path.isEmpty() ? "<root>" : path) + ": "
                        + rule.path("message").asText());
            }
        }
        JsonNode properties = schema.path("properties");
        if (data.isObject() && properties.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode fieldSchema = properties.get(field.getKey());
                String fieldPath = path + "." + field.getKey();
                if (fieldSchema == null) {
                    errors.add(fieldPath + ": unknown field \"" + field.getKey() + "\"");
                } else {
                    walk(fieldSchema, field.getValue(), fieldPath, errors);
                }
            }
        } else if (data.isObject() && schema.has("additionalProperties")) {
            data.fields()
                    .forEachRemaining(field -> walk(
                            schema.get("additionalProperties"), field.getValue(), path + "." + field.getKey(), errors));
        } else if (data.isArray() && schema.has("items")) {
            for (int i = 0; i < data.size(); i++) {
                walk(schema.get("items"), data.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static boolean evaluate(String rule, JsonNode data) {
        try {
            var ast = CEL.compile(rule).getAst();
            return Boolean.TRUE.equals(RUNTIME.createProgram(ast).eval(Map.of("self", toCel(data))));
        } catch (Exception e) {
            throw new IllegalStateException("CEL rule '" + rule + "' failed to evaluate: " + e.getMessage(), e);
        }
    }

    private static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), toCel(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asText();
    }
}
