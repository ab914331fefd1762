package dev.ops.proton.localaws.cloudformation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds stacks as CloudFormation does (a live stack by name, any stack by id, within the caller's account and region)
 * and answers what authorization needs to know about them. Called under the CloudFormation service's lock.
 */
final class StackSearch {

    private StackSearch() {}

    /** A live stack by name, or any stack (deleted ones too) by id; null when none. */
    static Stack find(List<Stack> stacks, String account, String region, String nameOrId) {
        boolean byId = nameOrId.startsWith("arn:");
        for (int i = stacks.size() - 1; i >= 0; i--) {
            Stack stack = stacks.get(i);
            if (!visible(stack, account, region)) {
                continue;
            }
            if (byId ? stack.stackId.equals(nameOrId) : stack.name.equals(nameOrId) && !stack.isDeleted()) {
                return stack;
            }
        }
        return null;
    }

    static boolean visible(Stack stack, String account, String region) {
        return stack.account.equals(account) && stack.region.equals(region);
    }

    /**
     * The ARN a request about a stack is authorized on: the stack's ARN when the caller's account and region have it
     * (found by name, id or one of its change sets' ARNs), {@code stack/<name>/*} otherwise.
     */
    static String authorizedArn(
            List<Stack> stacks, String account, String region, String stackNameOrId, String changeSetNameOrArn) {
        Stack stack = stackOf(stacks, account, region, stackNameOrId, changeSetNameOrArn);
        if (stack != null) {
            return stack.stackId;
        }
        if (stackNameOrId == null) {
            return "arn:aws:cloudformation:" + region + ":" + account + ":stack/*";
        }
        return stackNameOrId.startsWith("arn:")
                ? stackNameOrId
                : "arn:aws:cloudformation:" + region + ":" + account + ":stack/" + stackNameOrId + "/*";
    }

    /** How executing the change set would change its stack's tags; NONE when the caller has no such change set. */
    static CloudFormationPermissions.TagChange tagChange(
            List<Stack> stacks, String account, String region, String stackNameOrId, String changeSetNameOrArn) {
        Stack stack = stackOf(stacks, account, region, stackNameOrId, changeSetNameOrArn);
        if (stack == null || changeSetNameOrArn == null) {
            return CloudFormationPermissions.TagChange.NONE;
        }
        ChangeSet changeSet = stack.changeSets.values().stream()
                .filter(c -> c.name.equals(changeSetNameOrArn) || c.id.equals(changeSetNameOrArn))
                .findFirst()
                .orElse(null);
        if (changeSet == null) {
            return CloudFormationPermissions.TagChange.NONE;
        }
        Map<String, String> current = stack.definition == null ? Map.of() : stack.definition.tags();
        Map<String, String> added = new LinkedHashMap<>(changeSet.definition.tags());
        added.entrySet().removeIf(tag -> tag.getValue().equals(current.get(tag.getKey())));
        List<String> removed = current.keySet().stream()
                .filter(key -> !changeSet.definition.tags().containsKey(key))
                .toList();
        return new CloudFormationPermissions.TagChange(added, removed);
    }

    /** The stack of a change set given by ARN, else the stack by name or id; null when the caller has none. */
    private static Stack stackOf(
            List<Stack> stacks, String account, String region, String stackNameOrId, String changeSetNameOrArn) {
        if (changeSetNameOrArn != null && changeSetNameOrArn.startsWith("arn:")) {
            for (Stack stack : stacks) {
                if (visible(stack, account, region)
                        && stack.changeSets.values().stream().anyMatch(c -> c.id.equals(changeSetNameOrArn))) {
                    return stack;
                }
            }
        }
        return stackNameOrId == null ? null : find(stacks, account, region, stackNameOrId);
    }
}
