package dev.ops.proton.localaws.iam;

import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.authz.TagKeys;
import dev.ops.proton.localaws.protocol.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IAM's authorizations per the Service Authorization Reference: role actions on the role's ARN (with its path when the
 * role exists, {@code role/<name>} otherwise), {@code iam:PolicyARN} for attaching and detaching, ListRoles on
 * {@code *}. Creating a role with tags also needs {@code iam:TagRole}, as the IAM User Guide's page on tagging roles
 * says.
 */
final class IamPermissions {

    private final IamStore store;

    IamPermissions(IamStore store) {
        this.store = store;
    }

    List<RequestContext> of(QueryCall call) {
        QueryParams params = call.params();
        String account = call.caller().accountId();
        String action = "iam:" + call.action();
        return switch (call.action()) {
            case "ListRoles" -> List.of(RequestContext.of(action, "*"));
            case "CreateRole" -> createRole(account, params);
            case "GetRole",
                    "DeleteRole",
                    "UpdateAssumeRolePolicy",
                    "PutRolePolicy",
                    "GetRolePolicy",
                    "DeleteRolePolicy",
                    "ListRolePolicies",
                    "ListAttachedRolePolicies" -> List.of(RequestContext.of(action, roleArn(account, params)));
            case "AttachRolePolicy", "DetachRolePolicy" -> {
                RequestContext request = RequestContext.of(action, roleArn(account, params));
                String policyArn = params.get("PolicyArn");
                yield List.of(policyArn == null ? request : request.with("iam:PolicyARN", policyArn));
            }
            default -> List.of(RequestContext.of(action, "*"));
        };
    }

    private static List<RequestContext> createRole(String account, QueryParams params) {
        String path = params.optional("Path").orElse("/");
        String arn = IamStore.roleArn(account, path, String.valueOf(params.get("RoleName")));
        Map<String, String> tags = params.keyValues("Tags", "Key", "Value");
        List<RequestContext> required = new ArrayList<>();
        required.add(TagKeys.withRequestTags(RequestContext.of("iam:CreateRole", arn), tags));
        if (!tags.isEmpty()) {
            required.add(TagKeys.withRequestTags(RequestContext.of("iam:TagRole", arn), tags));
        }
        return required;
    }

    private String roleArn(String account, QueryParams params) {
        String name = String.valueOf(params.get("RoleName"));
        return store.findRole(account, name).map(IamStore.Role::arn).orElse(IamStore.roleArn(account, "/", name));
    }
}
