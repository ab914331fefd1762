package dev.ops.proton.localaws.proton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ops.proton.localaws.JsonCall;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.authz.TagKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proton's authorizations per the Service Authorization Reference: Create and List of environment account connections
 * and ListEnvironments have no resource type ({@code *}); the other connection actions act on the connection's ARN,
 * which carries the environment account's id, with {@code aws:ResourceTag/*} from its tags. A connection the caller
 * can't see is named with the caller's own account, so the answer doesn't tell whether it exists. Handing a role to
 * Proton (Create and Update of a connection, CreateEnvironment) also needs {@code iam:PassRole} on each role with
 * {@code iam:PassedToService} {@code proton.amazonaws.com}.
 */
final class ProtonPermissions {

    static final String PROTON_SERVICE = "proton.amazonaws.com";
    private static final List<String> CONNECTION_ROLES = List.of("roleArn", "codebuildRoleArn", "componentRoleArn");

    private final ProtonStore store;

    ProtonPermissions(ProtonStore store) {
        this.store = store;
    }

    List<RequestContext> of(JsonCall call) {
        String action = "proton:" + call.operation();
        ObjectNode in = call.input();
        List<RequestContext> required = new ArrayList<>();
        switch (call.operation()) {
            case "CreateEnvironmentAccountConnection" -> {
                required.add(TagKeys.withRequestTags(RequestContext.of(action, "*"), tags(in)));
                passRoles(in, CONNECTION_ROLES, required);
            }
            case "ListEnvironmentAccountConnections", "ListEnvironments" ->
                required.add(RequestContext.of(action, "*"));
            case "GetEnvironmentAccountConnection",
                    "AcceptEnvironmentAccountConnection",
                    "RejectEnvironmentAccountConnection",
                    "DeleteEnvironmentAccountConnection" -> required.add(onConnection(call, action, text(in, "id")));
            case "UpdateEnvironmentAccountConnection" -> {
                required.add(onConnection(call, action, text(in, "id")));
                passRoles(in, CONNECTION_ROLES, required);
            }
            case "TagResource" ->
                required.add(TagKeys.withRequestTags(onArn(call, action, text(in, "resourceArn")), tags(in)));
            case "UntagResource" -> {
                List<String> keys = new ArrayList<>();
                in.path("tagKeys").forEach(key -> keys.add(key.asText()));
                required.add(onArn(call, action, text(in, "resourceArn")).with("aws:TagKeys", keys));
            }
            case "ListTagsForResource" -> required.add(onArn(call, action, text(in, "resourceArn")));
            case "CreateEnvironment" -> {
                required.add(TagKeys.withRequestTags(
                        RequestContext.of(action, environmentArn(call, text(in, "name"))), tags(in)));
                passRoles(in, List.of("protonServiceRoleArn"), required);
            }
            case "GetEnvironment", "DeleteEnvironment" ->
                required.add(RequestContext.of(action, environmentArn(call, text(in, "name"))));
            default -> required.add(RequestContext.of(action, "*"));
        }
        return required;
    }

    private RequestContext onConnection(JsonCall call, String action, String id) {
        Optional<Connection> connection =
                store.find(id).filter(c -> c.isVisibleTo(call.caller().accountId(), call.region()));
        String arn = connection
                .map(Connection::arn)
                .orElse("arn:aws:proton:" + call.region() + ":" + call.caller().accountId()
                        + ":environment-account-connection/" + id);
        return TagKeys.withResourceTags(
                RequestContext.of(action, arn), connection.map(Connection::tags).orElse(Map.of()));
    }

    private RequestContext onArn(JsonCall call, String action, String arn) {
        Optional<Connection> connection = store.find(arn.substring(arn.lastIndexOf('/') + 1))
                .filter(c -> c.arn().equals(arn) && c.isVisibleTo(call.caller().accountId(), call.region()));
        return TagKeys.withResourceTags(
                RequestContext.of(action, arn), connection.map(Connection::tags).orElse(Map.of()));
    }

    private static String environmentArn(JsonCall call, String name) {
        return "arn:aws:proton:" + call.region() + ":" + call.caller().accountId() + ":environment/" + name;
    }

    private static void passRoles(ObjectNode in, List<String> fields, List<RequestContext> required) {
        for (String field : fields) {
            String roleArn = text(in, field);
            if (!roleArn.isEmpty() && !roleArn.equals("null")) {
                required.add(RequestContext.of("iam:PassRole", roleArn).with("iam:PassedToService", PROTON_SERVICE));
            }
        }
    }

    private static Map<String, String> tags(ObjectNode in) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : in.path("tags")) {
            tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        return tags;
    }

    private static String text(ObjectNode in, String field) {
        JsonNode node = in.get(field);
        return node == null || node.isNull() ? "" : node.asText();
    }
}
