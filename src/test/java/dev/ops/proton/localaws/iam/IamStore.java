package dev.ops.proton.localaws.iam;

import dev.ops.proton.localaws.AwsException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The IAM roles and customer managed policies of every account. IAM is global, so nothing here has a region.
 * Shared by the IAM API, STS (trust policies) and CloudFormation (which creates roles and policies).
 *
 * <p>Errors carry IAM's codes and HTTP statuses: NoSuchEntity 404, EntityAlreadyExists 409, DeleteConflict 409.
 */
public final class IamStore {

    private static final char[] ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** An IAM role; immutable, replaced on change. */
    public record Role(
            String accountId,
            String roleName,
            String roleId,
            String arn,
            String path,
            String assumeRolePolicyDocument,
            String description,
            int maxSessionDuration,
            Instant createDate,
            Map<String, String> tags,
            Map<String, String> inlinePolicies,
            Map<String, String> attachedPolicies) {

        public Role {
            tags = Map.copyOf(tags);
            inlinePolicies = Map.copyOf(new TreeMap<>(inlinePolicies));
            attachedPolicies = Map.copyOf(attachedPolicies);
        }

        Role withInlinePolicies(Map<String, String> policies) {
            return new Role(
                    accountId,
                    roleName,
                    roleId,
                    arn,
                    path,
                    assumeRolePolicyDocument,
                    description,
                    maxSessionDuration,
                    createDate,
                    tags,
                    policies,
                    attachedPolicies);
        }

        Role withAttachedPolicies(Map<String, String> policies) {
            return new Role(
                    accountId,
                    roleName,
                    roleId,
                    arn,
                    path,
                    assumeRolePolicyDocument,
                    description,
                    maxSessionDuration,
                    createDate,
                    tags,
                    inlinePolicies,
                    policies);
        }

        Role withTags(Map<String, String> newTags) {
            return new Role(
                    accountId,
                    roleName,
                    roleId,
                    arn,
                    path,
                    assumeRolePolicyDocument,
                    description,
                    maxSessionDuration,
                    createDate,
                    newTags,
                    inlinePolicies,
                    attachedPolicies);
        }

        Role withAssumeRolePolicy(String document) {
            return new Role(
                    accountId,
                    roleName,
                    roleId,
                    arn,
                    path,
                    document,
                    description,
                    maxSessionDuration,
                    createDate,
                    tags,
                    inlinePolicies,
                    attachedPolicies);
        }
    }

    /** A customer managed policy (what AWS::IAM::ManagedPolicy creates). */
    public record ManagedPolicy(
            String accountId,
            String policyName,
            String policyId,
            String arn,
            String path,
            String document,
            Instant createDate) {}

    private final Map<String, Map<String, Role>> rolesByAccount = new LinkedHashMap<>();
    private final Map<String, Map<String, ManagedPolicy>> policiesByAccount = new LinkedHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public IamStore(Clock clock) {
        this.clock = clock;
    }

    public static String roleArn(String accountId, String path, String roleName) {
        return "arn:aws:iam::" + accountId + ":role" + path + roleName;
    }

    public synchronized Role createRole(
            String accountId,
            String roleName,
            String path,
            String trustPolicy,
            String description,
            int maxSessionDuration,
            Map<String, String> tags) {
        Map<String, Role> roles = rolesByAccount.computeIfAbsent(accountId, a -> new LinkedHashMap<>());
        if (findIgnoreCase(roles, roleName).isPresent()) {
            throw new AwsException(409, "EntityAlreadyExists", "Role with name " + roleName + " already exists.");
        }
        String effectivePath = path == null ? "/" : path;
        Role role = new Role(
                accountId,
                roleName,
                "AROA" + randomId(17),
                roleArn(accountId, effectivePath, roleName),
                effectivePath,
                trustPolicy,
                description,
                maxSessionDuration,
                clock.instant(),
                tags,
                Map.of(),
                Map.of());
        roles.put(roleName, role);
        return role;
    }

    public synchronized Optional<Role> findRole(String accountId, String roleName) {
        return findIgnoreCase(rolesByAccount.getOrDefault(accountId, Map.of()), roleName);
    }

    /** The role or IAM's NoSuchEntity error. */
    public synchronized Role role(String accountId, String roleName) {
        return findRole(accountId, roleName).orElseThrow(() -> noSuchRole(roleName));
    }

    /** Finds a role by its ARN, in the account the ARN names. */
    public synchronized Optional<Role> findRoleByArn(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[5].startsWith("role/")) {
            return Optional.empty();
        }
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        return findRole(parts[4], name).filter(r -> r.arn().equals(arn));
    }

    public synchronized List<Role> listRoles(String accountId, String pathPrefix) {
        List<Role> roles =
                new ArrayList<>(rolesByAccount.getOrDefault(accountId, Map.of()).values());
        roles.removeIf(r -> pathPrefix != null && !r.path().startsWith(pathPrefix));
        roles.sort(Comparator.comparing(Role::roleName, String.CASE_INSENSITIVE_ORDER));
        return roles;
    }

    public synchronized void deleteRole(String accountId, String roleName) {
        Role role = role(accountId, roleName);
        if (!role.inlinePolicies().isEmpty() || !role.attachedPolicies().isEmpty()) {
            throw new AwsException(409, "DeleteConflict", "Cannot delete entity, must delete policies first.");
        }
        rolesByAccount.get(accountId).remove(role.roleName());
    }

    public synchronized Role updateAssumeRolePolicy(String accountId, String roleName, String document) {
        return replace(role(accountId, roleName).withAssumeRolePolicy(document));
    }

    /** Replaces the role's tags (what TagRole and UntagRole together leave). */
    public synchronized Role replaceTags(String accountId, String roleName, Map<String, String> tags) {
        return replace(role(accountId, roleName).withTags(tags));
    }

    public synchronized Role putRolePolicy(String accountId, String roleName, String policyName, String document) {
        Role role = role(accountId, roleName);
        Map<String, String> policies = new TreeMap<>(role.inlinePolicies());
        policies.put(policyName, document);
        return replace(role.withInlinePolicies(policies));
    }

    public synchronized void deleteRolePolicy(String accountId, String roleName, String policyName) {
        Role role = role(accountId, roleName);
        if (!role.inlinePolicies().containsKey(policyName)) {
            throw new AwsException(
                    404, "NoSuchEntity", "The role policy with name " + policyName + " cannot be found.");
        }
        Map<String, String> policies = new TreeMap<>(role.inlinePolicies());
        policies.remove(policyName);
        replace(role.withInlinePolicies(policies));
    }

    public synchronized Role attachRolePolicy(String accountId, String roleName, String policyArn) {
        Role role = role(accountId, roleName);
        String policyName = policyArn.substring(policyArn.lastIndexOf('/') + 1);
        if (!policyArn.startsWith("arn:aws:iam::aws:policy/")
                && findPolicyByArn(policyArn).isEmpty()) {
            throw new AwsException(
                    404, "NoSuchEntity", "Policy " + policyArn + " does not exist or is not attachable.");
        }
        Map<String, String> attached = new LinkedHashMap<>(role.attachedPolicies());
        attached.put(policyArn, policyName);
        return replace(role.withAttachedPolicies(attached));
    }

    public synchronized void detachRolePolicy(String accountId, String roleName, String policyArn) {
        Role role = role(accountId, roleName);
        if (!role.attachedPolicies().containsKey(policyArn)) {
            throw new AwsException(404, "NoSuchEntity", "Policy " + policyArn + " was not found.");
        }
        Map<String, String> attached = new LinkedHashMap<>(role.attachedPolicies());
        attached.remove(policyArn);
        replace(role.withAttachedPolicies(attached));
    }

    public synchronized ManagedPolicy createPolicy(String accountId, String policyName, String path, String document) {
        Map<String, ManagedPolicy> policies = policiesByAccount.computeIfAbsent(accountId, a -> new LinkedHashMap<>());
        if (policies.containsKey(policyName)) {
            throw new AwsException(
                    409,
                    "EntityAlreadyExists",
                    "A policy called " + policyName + " already exists. Duplicate names are not allowed.");
        }
        String effectivePath = path == null ? "/" : path;
        ManagedPolicy policy = new ManagedPolicy(
                accountId,
                policyName,
                "ANPA" + randomId(17),
                "arn:aws:iam::" + accountId + ":policy" + effectivePath + policyName,
                effectivePath,
                document,
                clock.instant());
        policies.put(policyName, policy);
        return policy;
    }

    public synchronized Optional<ManagedPolicy> findPolicyByArn(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6) {
            return Optional.empty();
        }
        return policiesByAccount.getOrDefault(parts[4], Map.of()).values().stream()
                .filter(p -> p.arn().equals(arn))
                .findFirst();
    }

    public synchronized void deletePolicy(String arn) {
        ManagedPolicy policy = findPolicyByArn(arn)
                .orElseThrow(() -> new AwsException(404, "NoSuchEntity", "Policy " + arn + " was not found."));
        boolean attached = rolesByAccount.getOrDefault(policy.accountId(), Map.of()).values().stream()
                .anyMatch(r -> r.attachedPolicies().containsKey(arn));
        if (attached) {
            throw new AwsException(409, "DeleteConflict", "Cannot delete a policy attached to entities.");
        }
        policiesByAccount.get(policy.accountId()).remove(policy.policyName());
    }

    public static AwsException noSuchRole(String roleName) {
        return new AwsException(404, "NoSuchEntity", "The role with name " + roleName + " cannot be found.");
    }

    private Role replace(Role role) {
        rolesByAccount.get(role.accountId()).put(role.roleName(), role);
        return role;
    }

    private static Optional<Role> findIgnoreCase(Map<String, Role> roles, String roleName) {
        Role exact = roles.get(roleName);
        if (exact != null) {
            return Optional.of(exact);
        }
        return roles.values().stream()
                .filter(r -> r.roleName().equalsIgnoreCase(roleName))
                .findFirst();
    }

    private String randomId(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }
}
