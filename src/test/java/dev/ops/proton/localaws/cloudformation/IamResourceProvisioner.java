package dev.ops.proton.localaws.cloudformation;

import static dev.ops.proton.localaws.cloudformation.ResourceProperties.inlinePolicies;
import static dev.ops.proton.localaws.cloudformation.ResourceProperties.json;
import static dev.ops.proton.localaws.cloudformation.ResourceProperties.maxSession;
import static dev.ops.proton.localaws.cloudformation.ResourceProperties.required;
import static dev.ops.proton.localaws.cloudformation.ResourceProperties.requiredObject;
import static dev.ops.proton.localaws.cloudformation.ResourceProperties.sameJson;
import static dev.ops.proton.localaws.cloudformation.ResourceProperties.stringOr;
import static dev.ops.proton.localaws.cloudformation.ResourceProperties.strings;
import static dev.ops.proton.localaws.cloudformation.ResourceProperties.tags;

import dev.ops.proton.localaws.AwsException;
import dev.ops.proton.localaws.authz.Authorizer;
import dev.ops.proton.localaws.iam.IamStore;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Provisions the resource types the endpoint supports (AWS::IAM::Role, AWS::IAM::Policy, AWS::IAM::ManagedPolicy)
 * in the shared IAM store, the way CloudFormation's resource handlers do: generated names when none is given,
 * replacement when a name or path changes, in-place updates otherwise; stack tags propagate to the roles. A failure
 * is a {@link ResourceFailure} whose message becomes the resource's status reason.
 *
 * <p>Each step's IAM calls are authorized first with the permissions of whoever started the stack operation (no
 * service role), as {@link HandlerPermissions} describes: CreateRole (and TagRole with tags), PutRolePolicy and
 * AttachRolePolicy per policy, then GetRole and GetRolePolicy to read the result back; on update
 * UpdateAssumeRolePolicy, Put/DeleteRolePolicy, Attach/DetachRolePolicy and Tag/UntagRole for what changed; on delete
 * ListAttachedRolePolicies, ListRolePolicies, Detach/DeleteRolePolicy and DeleteRole.
 */
final class IamResourceProvisioner {

    private static final char[] SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final Set<String> ROLE_REPLACEMENT_PROPERTIES = Set.of("RoleName", "Path");
    private static final Set<String> MANAGED_POLICY_REPLACEMENT_PROPERTIES = Set.of("ManagedPolicyName", "Path");

    /** A resource handler failure: the message CloudFormation reports on the failed event. */
    static final class ResourceFailure extends RuntimeException {
        ResourceFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final IamStore iam;
    private final HandlerPermissions permissions;
    private final SecureRandom random = new SecureRandom();

    IamResourceProvisioner(IamStore iam, Authorizer authorizer) {
        this.iam = iam;
        this.permissions = new HandlerPermissions(authorizer);
    }

    /** True when changing from the old to the new properties needs a new physical resource. */
    static boolean requiresReplacement(String type, Map<String, Object> before, Map<String, Object> after) {
        Set<String> keys = switch (type) {
            case "AWS::IAM::Role" -> ROLE_REPLACEMENT_PROPERTIES;
            case "AWS::IAM::ManagedPolicy" -> MANAGED_POLICY_REPLACEMENT_PROPERTIES;
            default -> Set.of();
        };
        return keys.stream().anyMatch(k -> !Objects.equals(before.get(k), after.get(k)));
    }

    ProvisionedResource create(Stack stack, String logicalId, String type, Map<String, Object> properties) {
        try {
            return switch (type) {
                case "AWS::IAM::Role" -> createRole(stack, logicalId, properties);
                case "AWS::IAM::Policy" -> putPolicy(stack, stack.name, logicalId, properties, null);
                case "AWS::IAM::ManagedPolicy" -> createManagedPolicy(stack, logicalId, properties);
                default -> throw new ResourceFailure("Unsupported resource type " + type);
            };
        } catch (AwsException e) {
            throw handlerFailure(e);
        }
    }

    ProvisionedResource update(Stack stack, ProvisionedResource current, Map<String, Object> properties) {
        try {
            return switch (current.type()) {
                case "AWS::IAM::Role" -> updateRole(stack, current, properties);
                case "AWS::IAM::Policy" -> putPolicy(stack, null, current.logicalId(), properties, current);
                case "AWS::IAM::ManagedPolicy" -> updateManagedPolicy(stack, current, properties);
                default -> throw new ResourceFailure("Unsupported resource type " + current.type());
            };
        } catch (AwsException e) {
            throw handlerFailure(e);
        }
    }

    /** Deletes a resource; one already gone counts as deleted. */
    void delete(Stack stack, ProvisionedResource resource) {
        String account = stack.account;
        try {
            switch (resource.type()) {
                case "AWS::IAM::Role" -> deleteRole(stack, resource.physicalId());
                case "AWS::IAM::Policy" -> {
                    HandlerPermissions.Step step = permissions.step(stack);
                    for (String role : strings(resource.properties().get("Roles"))) {
                        step.needs("iam:DeleteRolePolicy", roleArnOf(account, role));
                    }
                    step.check();
                    for (String role : strings(resource.properties().get("Roles"))) {
                        if (iam.findRole(account, role)
                                .map(r -> r.inlinePolicies().containsKey(policyName(resource)))
                                .orElse(false)) {
                            iam.deleteRolePolicy(account, role, policyName(resource));
                        }
                    }
                }
                case "AWS::IAM::ManagedPolicy" -> {
                    HandlerPermissions.Step step = permissions.step(stack);
                    for (String role : strings(resource.properties().get("Roles"))) {
                        step.needsPolicy("iam:DetachRolePolicy", roleArnOf(account, role), resource.physicalId());
                    }
                    step.needs("iam:DeletePolicy", resource.physicalId()).check();
                    for (String role : strings(resource.properties().get("Roles"))) {
                        if (iam.findRole(account, role)
                                .map(r -> r.attachedPolicies().containsKey(resource.physicalId()))
                                .orElse(false)) {
                            iam.detachRolePolicy(account, role, resource.physicalId());
                        }
                    }
                    if (iam.findPolicyByArn(resource.physicalId()).isPresent()) {
                        iam.deletePolicy(resource.physicalId());
                    }
                }
                default -> {}
            }
        } catch (AwsException e) {
            throw handlerFailure(e);
        }
    }

    private ProvisionedResource createRole(Stack stack, String logicalId, Map<String, Object> properties) {
        String account = stack.account;
        String name = properties.containsKey("RoleName")
                ? String.valueOf(properties.get("RoleName"))
                : generatedName(stack.name, logicalId, 64);
        Object trust = properties.get("AssumeRolePolicyDocument");
        if (trust == null) {
            throw new ResourceFailure("Property AssumeRolePolicyDocument cannot be empty.");
        }
        String path = stringOr(properties.get("Path"), "/");
        String arn = IamStore.roleArn(account, path, name);
        Map<String, String> tags = roleTags(stack, properties);
        HandlerPermissions.Step step = permissions.step(stack).needsTagged("iam:CreateRole", arn, tags);
        if (!tags.isEmpty()) {
            step.needsTagged("iam:TagRole", arn, tags);
        }
        policyChanges(step, arn, Map.of(), properties);
        step.needs("iam:GetRole", arn);
        if (!inlinePolicies(properties).isEmpty()) {
            step.needs("iam:GetRolePolicy", arn);
        }
        step.check();
        IamStore.Role role = iam.createRole(
                account, name, path, json(trust), (String) properties.get("Description"), maxSession(properties), tags);
        applyRolePolicies(account, name, Map.of(), properties);
        return roleResource(logicalId, iam.role(account, role.roleName()), properties);
    }

    /** The role's own Tags, over the stack tags CloudFormation propagates to it. */
    private static Map<String, String> roleTags(Stack stack, Map<String, Object> properties) {
        Map<String, String> tags = new LinkedHashMap<>(stack.operationTags);
        tags.putAll(tags(properties));
        return tags;
    }

    /** The policy calls that turn the role's policies from {@code before} into {@code after}. */
    private static void policyChanges(
            HandlerPermissions.Step step, String roleArn, Map<String, Object> before, Map<String, Object> after) {
        Map<String, String> oldInline = inlinePolicies(before);
        Map<String, String> newInline = inlinePolicies(after);
        oldInline.keySet().stream()
                .filter(name -> !newInline.containsKey(name))
                .forEach(name -> step.needs("iam:DeleteRolePolicy", roleArn));
        newInline.entrySet().stream()
                .filter(policy -> !policy.getValue().equals(oldInline.get(policy.getKey())))
                .forEach(policy -> step.needs("iam:PutRolePolicy", roleArn));
        List<String> oldManaged = strings(before.get("ManagedPolicyArns"));
        List<String> newManaged = strings(after.get("ManagedPolicyArns"));
        oldManaged.stream()
                .filter(arn -> !newManaged.contains(arn))
                .forEach(arn -> step.needsPolicy("iam:DetachRolePolicy", roleArn, arn));
        newManaged.stream()
                .filter(arn -> !oldManaged.contains(arn))
                .forEach(arn -> step.needsPolicy("iam:AttachRolePolicy", roleArn, arn));
    }

    private String roleArnOf(String account, String roleName) {
        return iam.findRole(account, roleName).map(IamStore.Role::arn).orElse(IamStore.roleArn(account, "/", roleName));
    }

    private ProvisionedResource updateRole(Stack stack, ProvisionedResource current, Map<String, Object> properties) {
        String account = stack.account;
        String name = current.physicalId();
        Object trust = properties.get("AssumeRolePolicyDocument");
        if (trust == null) {
            throw new ResourceFailure("Property AssumeRolePolicyDocument cannot be empty.");
        }
        IamStore.Role role = iam.role(account, name);
        Map<String, String> tags = roleTags(stack, properties);
        boolean trustChanged = !sameJson(role.assumeRolePolicyDocument(), json(trust));
        HandlerPermissions.Step step = permissions.step(stack);
        if (trustChanged) {
            step.needs("iam:UpdateAssumeRolePolicy", role.arn());
        }
        policyChanges(step, role.arn(), current.properties(), properties);
        Map<String, String> added = new LinkedHashMap<>(tags);
        added.entrySet().removeIf(tag -> tag.getValue().equals(role.tags().get(tag.getKey())));
        if (!added.isEmpty()) {
            step.needsTagged("iam:TagRole", role.arn(), added);
        }
        if (!tags.keySet().containsAll(role.tags().keySet())) {
            step.needs("iam:UntagRole", role.arn());
        }
        step.needs("iam:GetRole", role.arn()).check();
        if (trustChanged) {
            iam.updateAssumeRolePolicy(account, name, json(trust));
        }
        iam.replaceTags(account, name, tags);
        applyRolePolicies(account, name, current.properties(), properties);
        return roleResource(current.logicalId(), iam.role(account, name), properties);
    }

    private void applyRolePolicies(
            String account, String roleName, Map<String, Object> before, Map<String, Object> after) {
        Map<String, String> oldInline = inlinePolicies(before);
        Map<String, String> newInline = inlinePolicies(after);
        for (String removed : oldInline.keySet()) {
            if (!newInline.containsKey(removed)) {
                iam.deleteRolePolicy(account, roleName, removed);
            }
        }
        newInline.forEach((policyName, document) -> iam.putRolePolicy(account, roleName, policyName, document));
        List<String> oldManaged = strings(before.get("ManagedPolicyArns"));
        List<String> newManaged = strings(after.get("ManagedPolicyArns"));
        for (String arn : oldManaged) {
            if (!newManaged.contains(arn)) {
                iam.detachRolePolicy(account, roleName, arn);
            }
        }
        for (String arn : newManaged) {
            if (!oldManaged.contains(arn)) {
                iam.attachRolePolicy(account, roleName, arn);
            }
        }
    }

    private void deleteRole(Stack stack, String roleName) {
        String account = stack.account;
        IamStore.Role role = iam.findRole(account, roleName).orElse(null);
        if (role == null) {
            return;
        }
        HandlerPermissions.Step step = permissions
                .step(stack)
                .needs("iam:ListAttachedRolePolicies", role.arn())
                .needs("iam:ListRolePolicies", role.arn());
        role.attachedPolicies().keySet().forEach(p -> step.needsPolicy("iam:DetachRolePolicy", role.arn(), p));
        role.inlinePolicies().keySet().forEach(p -> step.needs("iam:DeleteRolePolicy", role.arn()));
        step.needs("iam:DeleteRole", role.arn()).check();
        role.inlinePolicies().keySet().forEach(p -> iam.deleteRolePolicy(account, roleName, p));
        role.attachedPolicies().keySet().forEach(p -> iam.detachRolePolicy(account, roleName, p));
        iam.deleteRole(account, roleName);
    }

    private ProvisionedResource putPolicy(
            Stack stack,
            String stackName,
            String logicalId,
            Map<String, Object> properties,
            ProvisionedResource current) {
        String policyName = required(properties, "PolicyName");
        String document = json(requiredObject(properties, "PolicyDocument"));
        List<String> roles = strings(properties.get("Roles"));
        if (roles.isEmpty()) {
            throw new ResourceFailure("At least one of [Groups,Roles,Users] must be non-empty.");
        }
        String account = stack.account;
        HandlerPermissions.Step step = permissions.step(stack);
        roles.forEach(role -> step.needs("iam:PutRolePolicy", roleArnOf(account, role)));
        step.check();
        if (current != null) {
            for (String oldRole : strings(current.properties().get("Roles"))) {
                boolean stillTargeted = roles.contains(oldRole) && policyName.equals(policyName(current));
                if (!stillTargeted && iam.findRole(account, oldRole).isPresent()) {
                    iam.deleteRolePolicy(account, oldRole, policyName(current));
                }
            }
        }
        for (String role : roles) {
            iam.putRolePolicy(account, role, policyName, document);
        }
        String physicalId = current != null
                ? current.physicalId()
                : (stackName + "-" + logicalId + "-" + suffix())
                        .substring(0, Math.min(64, (stackName + "-" + logicalId + "-").length() + 12));
        return new ProvisionedResource(logicalId, "AWS::IAM::Policy", physicalId, Map.of(), properties);
    }

    private ProvisionedResource createManagedPolicy(Stack stack, String logicalId, Map<String, Object> properties) {
        String account = stack.account;
        String name = properties.containsKey("ManagedPolicyName")
                ? String.valueOf(properties.get("ManagedPolicyName"))
                : generatedName(stack.name, logicalId, 128);
        String policyArn = "arn:aws:iam::" + account + ":policy" + stringOr(properties.get("Path"), "/") + name;
        HandlerPermissions.Step step = permissions.step(stack).needs("iam:CreatePolicy", policyArn);
        strings(properties.get("Roles"))
                .forEach(role -> step.needsPolicy("iam:AttachRolePolicy", roleArnOf(account, role), policyArn));
        step.check();
        IamStore.ManagedPolicy policy = iam.createPolicy(
                account,
                name,
                stringOr(properties.get("Path"), "/"),
                json(requiredObject(properties, "PolicyDocument")));
        for (String role : strings(properties.get("Roles"))) {
            iam.attachRolePolicy(account, role, policy.arn());
        }
        return new ProvisionedResource(
                logicalId,
                "AWS::IAM::ManagedPolicy",
                policy.arn(),
                Map.of("PolicyArn", policy.arn(), "PolicyId", policy.policyId()),
                properties);
    }

    private ProvisionedResource updateManagedPolicy(
            Stack stack, ProvisionedResource current, Map<String, Object> properties) {
        String account = stack.account;
        List<String> oldRoles = strings(current.properties().get("Roles"));
        List<String> newRoles = strings(properties.get("Roles"));
        HandlerPermissions.Step step = permissions.step(stack);
        oldRoles.stream()
                .filter(role -> !newRoles.contains(role))
                .forEach(role ->
                        step.needsPolicy("iam:DetachRolePolicy", roleArnOf(account, role), current.physicalId()));
        newRoles.stream()
                .filter(role -> !oldRoles.contains(role))
                .forEach(role ->
                        step.needsPolicy("iam:AttachRolePolicy", roleArnOf(account, role), current.physicalId()));
        step.check();
        for (String role : oldRoles) {
            if (!newRoles.contains(role) && iam.findRole(account, role).isPresent()) {
                iam.detachRolePolicy(account, role, current.physicalId());
            }
        }
        for (String role : newRoles) {
            if (!oldRoles.contains(role)) {
                iam.attachRolePolicy(account, role, current.physicalId());
            }
        }
        return new ProvisionedResource(
                current.logicalId(), current.type(), current.physicalId(), current.attributes(), properties);
    }

    private static ProvisionedResource roleResource(
            String logicalId, IamStore.Role role, Map<String, Object> properties) {
        return new ProvisionedResource(
                logicalId,
                "AWS::IAM::Role",
                role.roleName(),
                Map.of("Arn", role.arn(), "RoleId", role.roleId()),
                properties);
    }

    private static String policyName(ProvisionedResource resource) {
        return String.valueOf(resource.properties().get("PolicyName"));
    }

    private String generatedName(String stackName, String logicalId, int maxLength) {
        String suffix = "-" + suffix();
        String base = stackName + "-" + logicalId;
        if (base.length() + suffix.length() > maxLength) {
            base = base.substring(0, maxLength - suffix.length());
        }
        return base + suffix;
    }

    private String suffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            suffix.append(SUFFIX_ALPHABET[random.nextInt(SUFFIX_ALPHABET.length)]);
        }
        return suffix.toString();
    }

    private static ResourceFailure handlerFailure(AwsException e) {
        String handlerCode = switch (e.code()) {
            case "EntityAlreadyExists" -> "AlreadyExists";
            case "NoSuchEntity" -> "NotFound";
            case "MalformedPolicyDocument", "ValidationError" -> "InvalidRequest";
            default -> "GeneralServiceException";
        };
        return new ResourceFailure("Resource handler returned message: \"" + e.getMessage() + " (Service: Iam, "
                + "Status Code: " + e.httpStatus() + ")\" (HandlerErrorCode: " + handlerCode + ")");
    }
}
