package dev.ops.proton.localaws.cloudformation;

import dev.ops.proton.localaws.QueryCall;
import dev.ops.proton.localaws.authz.RequestContext;
import dev.ops.proton.localaws.authz.TagKeys;
import dev.ops.proton.localaws.protocol.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudFormation's authorizations per the Service Authorization Reference: stack actions on the stack's ARN (its real
 * ARN when the caller's account has the stack, {@code stack/<name>/*} otherwise, so the answer is the same whether or
 * not it exists); change set actions on their stack with {@code cloudformation:ChangeSetName}; ListStacks,
 * ValidateTemplate and a DescribeStacks or GetTemplateSummary without a stack on {@code *}.
 *
 * <p>Tags at CreateStack, UpdateStack and CreateChangeSet also need {@code cloudformation:TagResource} on the stack,
 * with {@code cloudformation:CreateAction} naming the call; an ExecuteChangeSet that adds or changes stack tags needs
 * TagResource, one that removes tag keys {@code cloudformation:UntagResource}, both with CreateAction ExecuteChangeSet.
 * The reference defines that key on TagResource and UntagResource as "the name of a resource-mutating API action", to
 * control which APIs may add or remove tags on a stack, which only means something if those APIs authorize tagging when
 * they carry tags (as EC2 and ELB document for their own tag-on-create), and AWS managed policies grant TagResource and
 * UntagResource conditioned on CreateAction CreateStack, UpdateStack, CreateChangeSet and ExecuteChangeSet.
 */
final class CloudFormationPermissions {

    /** Resolves the ARN to authorize a stack request on; see the class comment. */
    interface StackArns {
        String of(String account, String region, String stackNameOrId, String changeSetNameOrArn);
    }

    /** How executing a change set would change its stack's tags. */
    record TagChange(Map<String, String> added, List<String> removed) {
        static final TagChange NONE = new TagChange(Map.of(), List.of());
    }

    /** Resolves the tag change of a change set (NONE when there is no such change set). */
    interface TagChanges {
        TagChange of(String account, String region, String stackNameOrId, String changeSetNameOrArn);
    }

    private CloudFormationPermissions() {}

    static List<RequestContext> of(QueryCall call, StackArns arns, TagChanges tagChanges) {
        QueryParams params = call.params();
        String account = call.caller().accountId();
        String action = "cloudformation:" + call.action();
        String stackName = params.get("StackName");
        String changeSetName = params.get("ChangeSetName");
        return switch (call.action()) {
            case "ListStacks", "ValidateTemplate" -> List.of(RequestContext.of(action, "*"));
            case "DescribeStacks", "GetTemplateSummary" ->
                List.of(RequestContext.of(
                        action, stackName == null ? "*" : arns.of(account, call.region(), stackName, null)));
            case "DeleteStack", "DescribeStackEvents", "GetTemplate", "ListChangeSets", "UpdateTerminationProtection" ->
                List.of(RequestContext.of(action, arns.of(account, call.region(), String.valueOf(stackName), null)));
            case "CreateStack", "UpdateStack" -> tagging(call, arns.of(account, call.region(), stackName, null), null);
            case "CreateChangeSet" -> tagging(call, arns.of(account, call.region(), stackName, null), changeSetName);
            case "ExecuteChangeSet" -> {
                String stackArn = arns.of(account, call.region(), stackName, changeSetName);
                List<RequestContext> required = new ArrayList<>();
                required.add(RequestContext.of(action, stackArn)
                        .with("cloudformation:ChangeSetName", changeSetNameOf(changeSetName)));
                TagChange change = tagChanges.of(account, call.region(), stackName, changeSetName);
                if (!change.added().isEmpty()) {
                    required.add(TagKeys.withRequestTags(
                                    RequestContext.of("cloudformation:TagResource", stackArn), change.added())
                            .with("cloudformation:CreateAction", call.action()));
                }
                if (!change.removed().isEmpty()) {
                    required.add(RequestContext.of("cloudformation:UntagResource", stackArn)
                            .with("aws:TagKeys", change.removed())
                            .with("cloudformation:CreateAction", call.action()));
                }
                yield required;
            }
            case "DescribeChangeSet", "DeleteChangeSet" ->
                List.of(RequestContext.of(action, arns.of(account, call.region(), stackName, changeSetName))
                        .with("cloudformation:ChangeSetName", changeSetNameOf(changeSetName)));
            default -> List.of(RequestContext.of(action, "*"));
        };
    }

    private static List<RequestContext> tagging(QueryCall call, String stackArn, String changeSetName) {
        Map<String, String> tags = call.params().keyValues("Tags", "Key", "Value");
        RequestContext request =
                TagKeys.withRequestTags(RequestContext.of("cloudformation:" + call.action(), stackArn), tags);
        if (changeSetName != null) {
            request = request.with("cloudformation:ChangeSetName", changeSetName);
        }
        List<RequestContext> required = new ArrayList<>();
        required.add(request);
        if (!tags.isEmpty()) {
            required.add(TagKeys.withRequestTags(RequestContext.of("cloudformation:TagResource", stackArn), tags)
                    .with("cloudformation:CreateAction", call.action()));
        }
        return required;
    }

    /** The name of a change set given by name or by ARN ({@code ...:changeSet/<name>/<id>}). */
    private static String changeSetNameOf(String nameOrArn) {
        if (nameOrArn == null || !nameOrArn.startsWith("arn:")) {
            return String.valueOf(nameOrArn);
        }
        String[] parts = nameOrArn.split("/");
        return parts.length >= 2 ? parts[1] : nameOrArn;
    }
}
