package dev.ops.proton.roles;

import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.model.AdoptionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The CloudFormation stack a ConnectionRoles resource asks for, fully resolved (template body loaded, ownership tag
 * added), with the resource's lifecycle flags. {@link StackDecision} compares it with the observed stack and
 * {@link StackGateway} sends it. The names it derives from {@link #desiredHash()} give each desired state a stable
 * identity in AWS: a retried CreateStack or CreateChangeSet after a lost response is recognised, never duplicated.
 *
 * @param tags stack tags, already including {@link #OWNER_TAG} naming the resource as {@code namespace/name}
 * @param deleting the resource is marked for deletion (its finalizer is running)
 * @param paused the resource carries the pause annotation: no AWS writes
 * @param desiredHash {@link DesiredStackHash} of template, parameters, capabilities and tags
 * @param management ObserveOnly: report the stack, never write to AWS
 * @param adoption what to do with an existing stack without ownership tag
 */
public record DesiredStack(
        String stackName,
        String templateBody,
        Map<String, String> parameters,
        Set<String> capabilities,
        Map<String, String> tags,
        boolean terminationProtection,
        DeletionPolicy deletionPolicy,
        boolean deleting,
        boolean paused,
        String desiredHash,
        ManagementPolicy management,
        AdoptionPolicy adoption) {

    /** The tag naming the resource that owns a stack; a stack carrying another owner's value is never touched. */
    public static final String OWNER_TAG = OwnershipTag.KEY;

    /** What deleting the resource does to its stack. */
    public enum DeletionPolicy {
        RETAIN,
        DELETE
    }

    public DesiredStack {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(templateBody, "templateBody");
        parameters = Map.copyOf(parameters);
        capabilities = Set.copyOf(capabilities);
        tags = Map.copyOf(tags);
        Objects.requireNonNull(deletionPolicy, "deletionPolicy");
        Objects.requireNonNull(desiredHash, "desiredHash");
        management = management == null ? ManagementPolicy.FullControl : management;
        adoption = AdoptionPolicy.orDefault(adoption);
    }

    /** Builds the desired stack under these policies, with its hash computed from what it declares. */
    public static DesiredStack of(
            String stackName,
            String templateBody,
            Map<String, String> parameters,
            Set<String> capabilities,
            Map<String, String> tags,
            boolean terminationProtection,
            DeletionPolicy deletionPolicy,
            boolean deleting,
            boolean paused,
            ManagementPolicy management,
            AdoptionPolicy adoption) {
        return new DesiredStack(
                stackName,
                templateBody,
                parameters,
                capabilities,
                tags,
                terminationProtection,
                deletionPolicy,
                deleting,
                paused,
                DesiredStackHash.of(templateBody, parameters, capabilities, tags),
                management,
                adoption);
    }

    /**
     * What ObserveOnly needs: the stack name and the owner (to say whose the stack is). No template is resolved: an
     * observed stack may have been made from any template.
     */
    public static DesiredStack forObservation(String stackName, Map<String, String> ownerTags, boolean deleting) {
        return of(
                stackName,
                "",
                Map.of(),
                Set.of(),
                ownerTags,
                false,
                DeletionPolicy.RETAIN,
                deleting,
                false,
                ManagementPolicy.ObserveOnly,
                AdoptionPolicy.AdoptOrCreate);
    }

    public boolean observeOnly() {
        return management == ManagementPolicy.ObserveOnly;
    }

    /**
     * What deleting the resource (policy Delete) needs: the stack name and the owner. No template is resolved while
     * deleting, so a template source gone first (a ConfigMap removed with its namespace) does not block it.
     */
    public static DesiredStack forDeletion(String stackName, Map<String, String> ownerTags, boolean paused) {
        return of(
                stackName,
                "",
                Map.of(),
                Set.of(),
                ownerTags,
                false,
                DeletionPolicy.DELETE,
                true,
                paused,
                ManagementPolicy.FullControl,
                AdoptionPolicy.AdoptOrCreate);
    }

    /** The {@link #OWNER_TAG} value, {@code namespace/name}, or null when the tags lack it. */
    public String owner() {
        return tags.get(OWNER_TAG);
    }

    /** The name of the change set that moves the stack to this desired state (AWS: {@code [a-zA-Z][-a-zA-Z0-9]*}). */
    public String changeSetName() {
        return "proton-operator-" + desiredHash;
    }

    /**
     * The idempotency token of a CreateStack or CreateChangeSet for this desired state from the resource with this
     * uid (AWS: {@code [a-zA-Z0-9][-a-zA-Z0-9]*}, at most 128 characters; a Kubernetes uid is a UUID).
     */
    public String clientRequestToken(String resourceUid) {
        return resourceUid + "-" + desiredHash;
    }
}
