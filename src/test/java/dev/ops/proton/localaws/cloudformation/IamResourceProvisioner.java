package dev.ops.proton.localaws.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ops.proton.localaws.AwsException;
import dev.ops.proton.localaws.iam.IamStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Provisions the resource types the endpoint supports (AWS::IAM::Role, AWS::IAM::Policy, AWS::IAM::ManagedPolicy)
 * in the shared IAM store, the way CloudFormation's resource handlers do: generated names when none is given,
 * replacement when a name or path changes, in-place updates otherwise. A failure is a {@link ResourceFailure}
 * whose message becomes the resource's status reason.
 */
final class IamResourceProvisioner {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    private final SecureRandom random = new SecureRandom();

    IamResourceProvisioner(IamStore iam) {
        this.iam = iam;
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

    ProvisionedResource create(
            String account, String stackName, String logicalId, String type, Map<String, Object> properties) {
        try {
            return switch (type) {
                case "AWS::IAM::Role" -> createRole(account, stackName, logicalId, properties);
                case "AWS::IAM::Policy" -> putPolicy(account, stackName, logicalId, properties, null);
                case "AWS::IAM::ManagedPolicy" -> createManagedPolicy(account, stackName, logicalId, properties);
                default -> throw new ResourceFailure("Unsupported resource type " + type);
            };
        } catch (AwsException e) {
            throw handlerFailure(e);
        }
    }

    ProvisionedResource update(String account, ProvisionedResource current, Map<String, Object> properties) {
        try {
            return switch (current.type()) {
                case "AWS::IAM::Role" -> updateRole(account, current, properties);
                case "AWS::IAM::Policy" -> putPolicy(account, null, current.logicalId(), properties, current);
                case "AWS::IAM::ManagedPolicy" -> updateManagedPolicy(account, current, properties);
                default -> throw new ResourceFailure("Unsupported resource type " + current.type());
            };
        } catch (AwsException e) {
            throw handlerFailure(e);
        }
    }

    /** Deletes a resource; one already gone counts as deleted. */
    void delete(String account, ProvisionedResource resource) {
        try {
            switch (resource.type()) {
                case "AWS::IAM::Role" -> deleteRole(account, resource.physicalId());
                case "AWS::IAM::Policy" -> {
                    for (String role : strings(resource.properties().get("Roles"))) {
                        if (iam.findRole(account, role)
                                .map(r -> r.inlinePolicies().containsKey(policyName(resource)))
                                .orElse(false)) {
                            iam.deleteRolePolicy(account, role, policyName(resource));
                        }
                    }
                }
                case "AWS::IAM::ManagedPolicy" -> {
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

    private ProvisionedResource createRole(
            String account, String stackName, String logicalId, Map<String, Object> properties) {
        String name = properties.containsKey("RoleName")
                ? String.valueOf(properties.get("RoleName"))
                : generatedName(stackName, logicalId, 64);
        Object trust = properties.get("AssumeRolePolicyDocument");
        if (trust == null) {
            throw new ResourceFailure("Property AssumeRolePolicyDocument cannot be empty.");
        }
        IamStore.Role role = iam.createRole(
                account,
                name,
                stringOr(properties.get("Path"), "/"),
                json(trust),
                (String) properties.get("Description"),
                maxSession(properties),
                tags(properties));
        applyRolePolicies(account, name, Map.of(), properties);
        return roleResource(logicalId, iam.role(account, role.roleName()), properties);
    }

    private ProvisionedResource updateRole(
            String account, ProvisionedResource current, Map<String, Object> properties) {
        String name = current.physicalId();
        Object trust = properties.get("AssumeRolePolicyDocument");
        if (trust == null) {
            throw new ResourceFailure("Property AssumeRolePolicyDocument cannot be empty.");
        }
        iam.updateAssumeRolePolicy(account, name, json(trust));
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

    private void deleteRole(String account, String roleName) {
        IamStore.Role role = iam.findRole(account, roleName).orElse(null);
        if (role == null) {
            return;
        }
        role.inlinePolicies().keySet().forEach(p -> iam.deleteRolePolicy(account, roleName, p));
        role.attachedPolicies().keySet().forEach(p -> iam.detachRolePolicy(account, roleName, p));
        iam.deleteRole(account, roleName);
    }

    private ProvisionedResource putPolicy(
            String account,
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

    private ProvisionedResource createManagedPolicy(
            String account, String stackName, String logicalId, Map<String, Object> properties) {
        String name = properties.containsKey("ManagedPolicyName")
                ? String.valueOf(properties.get("ManagedPolicyName"))
                : generatedName(stackName, logicalId, 128);
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
            String account, ProvisionedResource current, Map<String, Object> properties) {
        List<String> oldRoles = strings(current.properties().get("Roles"));
        List<String> newRoles = strings(properties.get("Roles"));
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

    private static Map<String, String> inlinePolicies(Map<String, Object> properties) {
        Map<String, String> policies = new LinkedHashMap<>();
        Object list = properties.get("Policies");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> policy)
                        || policy.get("PolicyName") == null
                        || policy.get("PolicyDocument") == null) {
                    throw new ResourceFailure("Each of Policies needs PolicyName and PolicyDocument");
                }
                policies.put(String.valueOf(policy.get("PolicyName")), json(policy.get("PolicyDocument")));
            }
        }
        return policies;
    }

    private static Map<String, String> tags(Map<String, Object> properties) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (properties.get("Tags") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> tag) {
                    tags.put(String.valueOf(tag.get("Key")), String.valueOf(tag.get("Value")));
                }
            }
        }
        return tags;
    }

    private static int maxSession(Map<String, Object> properties) {
        Object value = properties.get("MaxSessionDuration");
        try {
            return value == null ? 3600 : Integer.parseInt(String.valueOf(value));
        } catch (NumberFormatException e) {
            throw new ResourceFailure("Value of property MaxSessionDuration must be of type Integer");
        }
    }

    private static String policyName(ProvisionedResource resource) {
        return String.valueOf(resource.properties().get("PolicyName"));
    }

    private static String required(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            throw new ResourceFailure("Property " + name + " cannot be empty.");
        }
        return String.valueOf(value);
    }

    private static Object requiredObject(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            throw new ResourceFailure("Property " + name + " cannot be empty.");
        }
        return value;
    }

    static List<String> strings(Object value) {
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> result.add(String.valueOf(v)));
        } else if (value != null) {
            result.add(String.valueOf(value));
        }
        return result;
    }

    private static String stringOr(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }

    private static String json(Object document) {
        if (document instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new ResourceFailure("Policy document is not serializable: " + e.getOriginalMessage());
        }
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
