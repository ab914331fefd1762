package dev.ops.proton.localaws.proton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ops.proton.localaws.AwsException;
import dev.ops.proton.localaws.JsonCall;
import dev.ops.proton.localaws.JsonService;
import dev.ops.proton.localaws.LocalAwsContext;
import dev.ops.proton.localaws.authz.RequestContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Proton over AWS JSON 1.0 ({@code AwsProton20200720}): environment account connections and the minimal
 * environment operations that record which connection an environment uses. Validates input against the
 * constraints of the service model; the rules of who may do what live in {@link ProtonStore}.
 */
public final class ProtonService implements JsonService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ACCOUNT_ID = Pattern.compile("^\\d{12}$");
    private static final Pattern RESOURCE_NAME = Pattern.compile("^[0-9A-Za-z]+[0-9A-Za-z_\\-]*$");
    private static final Pattern ROLE_ARN = Pattern.compile(
            "^arn:(aws|aws-cn|aws-us-gov):iam::\\d{12}:role/([\\w+=,.@-]{1,512}[/:])*([\\w+=,.@-]{1,64})$");
    private static final Pattern CONNECTION_ID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern CLIENT_TOKEN = Pattern.compile("^[!-~]{0,64}$");
    private static final List<String> STATUSES = List.of("PENDING", "CONNECTED", "REJECTED");

    private final ProtonStore store;
    private final ProtonPermissions permissions;
    private final Clock clock;

    public ProtonService(LocalAwsContext context) {
        this.clock = context.clock();
        this.store = new ProtonStore(clock);
        this.permissions = new ProtonPermissions(store);
    }

    @Override
    public List<RequestContext> requiredPermissions(JsonCall call) {
        return permissions.of(call);
    }

    @Override
    public String signingName() {
        return "proton";
    }

    @Override
    public String targetPrefix() {
        return "AwsProton20200720";
    }

    /** Connections currently stored, in every account and region (for tests and the benchmark). */
    @Override
    public ObjectNode handle(JsonCall call) {
        String account = call.caller().accountId();
        String region = call.region();
        ObjectNode in = call.input();
        return switch (call.operation()) {
            case "CreateEnvironmentAccountConnection" -> wrap(create(account, region, in));
            case "GetEnvironmentAccountConnection" -> wrap(store.get(account, region, connectionId(in)));
            case "ListEnvironmentAccountConnections" -> list(account, region, in);
            case "UpdateEnvironmentAccountConnection" ->
                wrap(store.update(
                        account,
                        region,
                        connectionId(in),
                        optionalRoleArn(in, "roleArn"),
                        optionalRoleArnOrEmpty(in, "codebuildRoleArn"),
                        optionalRoleArnOrEmpty(in, "componentRoleArn")));
            case "AcceptEnvironmentAccountConnection" -> wrap(store.accept(account, region, connectionId(in)));
            case "RejectEnvironmentAccountConnection" -> wrap(store.reject(account, region, connectionId(in)));
            case "DeleteEnvironmentAccountConnection" -> wrap(store.delete(account, region, connectionId(in)));
            case "TagResource" -> {
                store.tag(account, region, required(in, "resourceArn"), tags(in, true));
                yield JSON.createObjectNode();
            }
            case "UntagResource" -> {
                store.untag(account, region, required(in, "resourceArn"), strings(in, "tagKeys"));
                yield JSON.createObjectNode();
            }
            case "ListTagsForResource" -> listTags(account, region, in);
            case "CreateEnvironment" -> environmentOutput(createEnvironment(account, region, in));
            case "GetEnvironment" -> environmentOutput(store.getEnvironment(account, region, name(in, "name")));
            case "ListEnvironments" -> listEnvironments(account, region, in);
            case "DeleteEnvironment" -> environmentOutput(store.deleteEnvironment(account, region, name(in, "name")));
            default -> throw call.unknownOperation();
        };
    }

    private Connection create(String account, String region, ObjectNode in) {
        String managementAccountId = required(in, "managementAccountId");
        requirePattern("managementAccountId", managementAccountId, ACCOUNT_ID);
        String environmentName = name(in, "environmentName");
        String clientToken = optional(in, "clientToken");
        if (clientToken != null) {
            requirePattern("clientToken", clientToken, CLIENT_TOKEN);
        }
        String roleArn = optionalRoleArn(in, "roleArn");
        String codebuildRoleArn = optionalRoleArn(in, "codebuildRoleArn");
        String componentRoleArn = optionalRoleArn(in, "componentRoleArn");
        ProtonStore.CreateRequest request = new ProtonStore.CreateRequest(
                account,
                region,
                managementAccountId,
                environmentName,
                roleArn,
                codebuildRoleArn,
                componentRoleArn,
                tags(in, false));
        return store.create(request, clientToken);
    }

    private ObjectNode list(String account, String region, ObjectNode in) {
        String requestedBy = required(in, "requestedBy");
        if (!requestedBy.equals("MANAGEMENT_ACCOUNT") && !requestedBy.equals("ENVIRONMENT_ACCOUNT")) {
            throw validation(
                    "requestedBy", "Member must satisfy enum value set: [MANAGEMENT_ACCOUNT, ENVIRONMENT_ACCOUNT]");
        }
        String environmentName = optional(in, "environmentName");
        if (environmentName != null) {
            requirePattern("environmentName", environmentName, RESOURCE_NAME);
        }
        List<String> statuses = strings(in, "statuses");
        for (String status : statuses) {
            if (!STATUSES.contains(status)) {
                throw validation("statuses", "Member must satisfy enum value set: " + STATUSES);
            }
        }
        List<Connection> all =
                store.list(account, region, requestedBy.equals("ENVIRONMENT_ACCOUNT"), environmentName, statuses);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("environmentAccountConnections");
        page(all, in, out, (connection, node) -> writeConnection(items.addObject(), connection, false));
        return out;
    }

    private ObjectNode listTags(String account, String region, ObjectNode in) {
        Connection connection = store.byArn(account, region, required(in, "resourceArn"));
        List<Map.Entry<String, String>> tags = new ArrayList<>(connection.tags().entrySet());
        tags.sort(Map.Entry.comparingByKey());
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("tags");
        page(
                tags,
                in,
                out,
                (tag, node) -> items.addObject().put("key", tag.getKey()).put("value", tag.getValue()));
        return out;
    }

    private Environment createEnvironment(String account, String region, ObjectNode in) {
        String name = name(in, "name");
        String templateName = name(in, "templateName");
        String major = required(in, "templateMajorVersion");
        required(in, "spec");
        String connectionId = optional(in, "environmentAccountConnectionId");
        if (connectionId != null) {
            requirePattern("environmentAccountConnectionId", connectionId, CONNECTION_ID);
        }
        String environmentAccountId = connectionId == null
                ? null
                : store.find(connectionId).map(Connection::environmentAccountId).orElse(null);
        return store.createEnvironment(new Environment(
                name,
                "arn:aws:proton:" + region + ":" + account + ":environment/" + name,
                region,
                account,
                templateName,
                major,
                optional(in, "templateMinorVersion") == null ? "0" : optional(in, "templateMinorVersion"),
                connectionId,
                environmentAccountId,
                optionalRoleArn(in, "protonServiceRoleArn"),
                clock.instant()));
    }

    private ObjectNode listEnvironments(String account, String region, ObjectNode in) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode items = out.putArray("environments");
        page(
                store.listEnvironments(account, region),
                in,
                out,
                (environment, node) -> writeEnvironment(items.addObject(), environment));
        return out;
    }

    private static <T> void page(List<T> all, ObjectNode in, ObjectNode out, BiConsumer<T, ObjectNode> write) {
        int maxResults = in.has("maxResults") ? in.get("maxResults").asInt() : 100;
        if (maxResults < 1 || maxResults > 100) {
            throw validation("maxResults", "Member must have value between 1 and 100");
        }
        int start = decodeToken(optional(in, "nextToken"));
        int end = Math.min(all.size(), start + maxResults);
        for (int i = start; i < end; i++) {
            write.accept(all.get(i), out);
        }
        if (end < all.size()) {
            out.put(
                    "nextToken",
                    Base64.getEncoder().encodeToString(String.valueOf(end).getBytes()));
        }
    }

    private static int decodeToken(String token) {
        if (token == null) {
            return 0;
        }
        int start;
        try {
            start = Integer.parseInt(new String(Base64.getDecoder().decode(token)));
        } catch (IllegalArgumentException e) {
            start = -1;
        }
        if (start < 0) {
            throw validation("nextToken", "Member is not a valid pagination token");
        }
        return start;
    }

    private static ObjectNode wrap(Connection connection) {
        ObjectNode out = JSON.createObjectNode();
        writeConnection(out.putObject("environmentAccountConnection"), connection, true);
        return out;
    }

    private static void writeConnection(ObjectNode node, Connection c, boolean detail) {
        node.put("id", c.id())
                .put("arn", c.arn())
                .put("environmentAccountId", c.environmentAccountId())
                .put("managementAccountId", c.managementAccountId())
                .put("environmentName", c.environmentName())
                .put("status", c.status())
                .put("requestedAt", epochSeconds(c.requestedAt()))
                .put("lastModifiedAt", epochSeconds(c.lastModifiedAt()));
        node.put("roleArn", c.roleArn() == null ? "" : c.roleArn());
        if (c.componentRoleArn() != null) {
            node.put("componentRoleArn", c.componentRoleArn());
        }
        if (detail && c.codebuildRoleArn() != null) {
            node.put("codebuildRoleArn", c.codebuildRoleArn());
        }
    }

    private static ObjectNode environmentOutput(Environment environment) {
        ObjectNode out = JSON.createObjectNode();
        writeEnvironment(out.putObject("environment"), environment);
        return out;
    }

    private static void writeEnvironment(ObjectNode node, Environment e) {
        node.put("name", e.name())
                .put("arn", e.arn())
                .put("templateName", e.templateName())
                .put("templateMajorVersion", e.templateMajorVersion())
                .put("templateMinorVersion", e.templateMinorVersion())
                .put("deploymentStatus", "SUCCEEDED")
                .put("createdAt", epochSeconds(e.createdAt()))
                .put("lastDeploymentAttemptedAt", epochSeconds(e.createdAt()))
                .put("lastDeploymentSucceededAt", epochSeconds(e.createdAt()));
        if (e.connectionId() != null) {
            node.put("environmentAccountConnectionId", e.connectionId());
            node.put("environmentAccountId", e.environmentAccountId());
        }
        if (e.protonServiceRoleArn() != null) {
            node.put("protonServiceRoleArn", e.protonServiceRoleArn());
        }
    }

    private static double epochSeconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1_000_000_000.0;
    }

    private static Map<String, String> tags(ObjectNode in, boolean required) {
        JsonNode tags = in.get("tags");
        if (tags == null || tags.isNull()) {
            if (required) {
                throw missing("tags");
            }
            return Map.of();
        }
        if (!tags.isArray()) {
            throw validation("tags", "Member must be a list");
        }
        if (tags.size() > 50) {
            throw validation("tags", "Member must have length less than or equal to 50");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            String key = tag.path("key").asText(null);
            String value = tag.path("value").asText(null);
            if (key == null || key.isEmpty() || key.length() > 128 || value == null || value.length() > 256) {
                throw validation("tags", "Each tag needs a key of 1 to 128 characters and a value of at most 256");
            }
            result.put(key, value);
        }
        return result;
    }

    private static List<String> strings(ObjectNode in, String field) {
        List<String> values = new ArrayList<>();
        JsonNode node = in.get(field);
        if (node != null && node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
        } else if (node != null && !node.isNull()) {
            throw validation(field, "Member must be a list");
        }
        return values;
    }

    private static String connectionId(ObjectNode in) {
        String id = required(in, "id");
        requirePattern("id", id, CONNECTION_ID);
        return id;
    }

    private static String name(ObjectNode in, String field) {
        String value = required(in, field);
        if (value.isEmpty() || value.length() > 100) {
            throw validation(field, "Member must have length between 1 and 100");
        }
        requirePattern(field, value, RESOURCE_NAME);
        return value;
    }

    private static String optionalRoleArn(ObjectNode in, String field) {
        String value = optional(in, field);
        if (value != null) {
            requirePattern(field, value, ROLE_ARN);
        }
        return value;
    }

    /** Update accepts an empty string to remove an optional role. */
    private static String optionalRoleArnOrEmpty(ObjectNode in, String field) {
        String value = optional(in, field);
        if (value != null && !value.isEmpty()) {
            requirePattern(field, value, ROLE_ARN);
        }
        return value;
    }

    private static String required(ObjectNode in, String field) {
        JsonNode node = in.get(field);
        if (node == null || node.isNull()) {
            throw missing(field);
        }
        if (!node.isTextual() && !node.isContainerNode()) {
            throw validation(field, "Member must be a string");
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static String optional(ObjectNode in, String field) {
        JsonNode node = in.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw validation(field, "Member must be a string");
        }
        return node.asText();
    }

    private static void requirePattern(String field, String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw validation(field, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
    }

    private static AwsException missing(String field) {
        return new AwsException(
                400,
                "ValidationException",
                "1 validation error detected: Value null at '" + field + "' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    private static AwsException validation(String field, String constraint) {
        return new AwsException(
                400,
                "ValidationException",
                "1 validation error detected: Value at '" + field + "' failed to satisfy constraint: " + constraint);
    }
}
