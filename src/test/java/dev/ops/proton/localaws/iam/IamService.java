package dev.ops.proton.localaws.iam;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ops.proton.localaws.AwsException;
import dev.ops.proton.localaws.LocalAwsContext;
import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.QueryService;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.protocol.QueryParams;
import dev.ops.proton.localaws.protocol.XmlElement;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IAM over the query protocol (2010-05-08): the role and role-policy operations an admin uses to bootstrap an
 * account and the operator uses to look at roles. Each account sees only its own roles. Policy documents come back
 * URL-encoded, as AWS returns them.
 */
public final class IamService implements QueryService {

    static final String VERSION = "2010-05-08";
    private static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
    private static final Pattern PATH = Pattern.compile("(/)|(/[\\u0021-\\u007E]+/)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IamStore store;
    private final IamPermissions permissions;

    public IamService(LocalAwsContext context) {
        this.store = context.iam();
        this.permissions = new IamPermissions(store);
    }

    @Override
    public List<RequestContext> requiredPermissions(QueryCall call) {
        return permissions.of(call);
    }

    @Override
    public String signingName() {
        return "iam";
    }

    @Override
    public String xmlNamespace() {
        return "https://iam.amazonaws.com/doc/2010-05-08/";
    }

    @Override
    public void handle(QueryCall call, XmlElement result) {
        String account = call.caller().accountId();
        QueryParams params = call.params();
        switch (call.action()) {
            case "CreateRole" -> writeRole(result.child("Role"), createRole(account, params));
            case "GetRole" -> writeRole(result.child("Role"), store.role(account, roleName(params)));
            case "ListRoles" -> listRoles(account, params, result);
            case "DeleteRole" -> store.deleteRole(account, roleName(params));
            case "UpdateAssumeRolePolicy" ->
                store.updateAssumeRolePolicy(account, roleName(params), policyDocument(params));
            case "PutRolePolicy" ->
                store.putRolePolicy(account, roleName(params), policyName(params), policyDocument(params));
            case "GetRolePolicy" -> getRolePolicy(account, params, result);
            case "DeleteRolePolicy" -> store.deleteRolePolicy(account, roleName(params), policyName(params));
            case "ListRolePolicies" ->
                result.textMembers(
                                "PolicyNames",
                                store.role(account, roleName(params))
                                        .inlinePolicies()
                                        .keySet())
                        .text("IsTruncated", false);
            case "AttachRolePolicy" -> store.attachRolePolicy(account, roleName(params), params.required("PolicyArn"));
            case "DetachRolePolicy" -> store.detachRolePolicy(account, roleName(params), params.required("PolicyArn"));
            case "ListAttachedRolePolicies" ->
                result.members(
                                "AttachedPolicies",
                                store.role(account, roleName(params))
                                        .attachedPolicies()
                                        .entrySet(),
                                (member, policy) -> member.text("PolicyName", policy.getValue())
                                        .text("PolicyArn", policy.getKey()))
                        .text("IsTruncated", false);
            default -> throw call.unknownAction(VERSION);
        }
    }

    private IamStore.Role createRole(String account, QueryParams params) {
        String name = roleName(params);
        String path = params.optional("Path").orElse("/");
        if (!PATH.matcher(path).matches() || path.length() > 512) {
            throw validation("Value '" + path + "' at 'path' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
        }
        String trust = params.required("AssumeRolePolicyDocument");
        requireJson(trust);
        int maxSession = params.optionalInt("MaxSessionDuration").orElse(3600);
        if (maxSession < 3600 || maxSession > 43200) {
            throw validation("Value '" + maxSession + "' at 'maxSessionDuration' failed to satisfy constraint: "
                    + "Member must have value "
                    + (maxSession < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200"));
        }
        Map<String, String> tags = params.keyValues("Tags", "Key", "Value");
        if (tags.size() > 50) {
            throw new AwsException(409, "LimitExceeded", "Cannot exceed quota for TagsPerRole: 50.");
        }
        return store.createRole(account, name, path, trust, params.get("Description"), maxSession, tags);
    }

    private void listRoles(String account, QueryParams params, XmlElement result) {
        List<IamStore.Role> roles = store.listRoles(account, params.get("PathPrefix"));
        int start = params.optional("Marker").map(IamService::parseMarker).orElse(0);
        int maxItems = params.optionalInt("MaxItems").orElse(100);
        if (maxItems < 1 || maxItems > 1000) {
            throw validation("Value '" + maxItems + "' at 'maxItems' failed to satisfy constraint: Member must have "
                    + "value between 1 and 1000");
        }
        int end = Math.min(roles.size(), start + maxItems);
        List<IamStore.Role> page = start >= roles.size() ? List.of() : new ArrayList<>(roles.subList(start, end));
        result.members("Roles", page, this::writeRole);
        boolean truncated = end < roles.size();
        result.text("IsTruncated", truncated);
        if (truncated) {
            result.text("Marker", String.valueOf(end));
        }
    }

    private void getRolePolicy(String account, QueryParams params, XmlElement result) {
        String roleName = roleName(params);
        String policyName = policyName(params);
        String document = store.role(account, roleName).inlinePolicies().get(policyName);
        if (document == null) {
            throw new AwsException(
                    404, "NoSuchEntity", "The role policy with name " + policyName + " cannot be found.");
        }
        result.text("RoleName", roleName).text("PolicyName", policyName).text("PolicyDocument", urlEncode(document));
    }

    private void writeRole(XmlElement element, IamStore.Role role) {
        element.text("Path", role.path())
                .text("RoleName", role.roleName())
                .text("RoleId", role.roleId())
                .text("Arn", role.arn())
                .text(
                        "CreateDate",
                        DateTimeFormatter.ISO_INSTANT.format(role.createDate().truncatedTo(ChronoUnit.SECONDS)))
                .text("AssumeRolePolicyDocument", urlEncode(role.assumeRolePolicyDocument()))
                .text("Description", role.description())
                .text("MaxSessionDuration", role.maxSessionDuration());
        if (!role.tags().isEmpty()) {
            element.members(
                    "Tags",
                    role.tags().entrySet(),
                    (member, tag) -> member.text("Key", tag.getKey()).text("Value", tag.getValue()));
        }
    }

    private static String roleName(QueryParams params) {
        String name = params.required("RoleName");
        if (!ROLE_NAME.matcher(name).matches()) {
            throw validation("Value '" + name + "' at 'roleName' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: [\\w+=,.@-]+ and have length between 1 and 64");
        }
        return name;
    }

    private static String policyName(QueryParams params) {
        String name = params.required("PolicyName");
        if (!POLICY_NAME.matcher(name).matches()) {
            throw validation("Value '" + name + "' at 'policyName' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: [\\w+=,.@-]+");
        }
        return name;
    }

    private static String policyDocument(QueryParams params) {
        String document = params.required("PolicyDocument");
        requireJson(document);
        return document;
    }

    private static void requireJson(String document) {
        try {
            if (!JSON.readTree(document).isObject()) {
                throw new java.io.IOException("not an object");
            }
        } catch (java.io.IOException e) {
            throw new AwsException(400, "MalformedPolicyDocument", "This policy contains invalid Json");
        }
    }

    private static int parseMarker(String marker) {
        try {
            return Integer.parseInt(marker);
        } catch (NumberFormatException e) {
            throw validation("Invalid Marker '" + marker + "'");
        }
    }

    private static String urlEncode(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static AwsException validation(String detail) {
        return new AwsException(400, "ValidationError", "1 validation error detected: " + detail);
    }
}
