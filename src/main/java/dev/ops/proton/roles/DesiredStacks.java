package dev.ops.proton.roles;

import dev.ops.proton.aws.OwnershipTag;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.model.ManagementPolicy;
import dev.ops.proton.status.Pause;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Reads a ConnectionRoles spec as the {@link DesiredStack} its decision compares with AWS. */
final class DesiredStacks {

    private DesiredStacks() {}

    /** The full desired stack, template body resolved. */
    static DesiredStack of(ConnectionRoles roles, String body) {
        ConnectionRolesSpec spec = roles.getSpec();
        Map<String, String> tags = new LinkedHashMap<>(spec.tags() == null ? Map.of() : spec.tags());
        tags.putAll(ownerTags(roles));
        Set<String> capabilities = new LinkedHashSet<>();
        if (spec.capabilities() != null) {
            spec.capabilities().forEach(c -> capabilities.add(c.name()));
        }
        return DesiredStack.of(
                roles.stackName(),
                body,
                spec.parameters() == null ? Map.of() : spec.parameters(),
                capabilities,
                tags,
                Boolean.TRUE.equals(spec.terminationProtection()),
                spec.deletionPolicy() == DeletionPolicy.Delete
                        ? DesiredStack.DeletionPolicy.DELETE
                        : DesiredStack.DeletionPolicy.RETAIN,
                false,
                Pause.isPaused(roles),
                spec.managementPolicy(),
                spec.adoptionPolicy());
    }

    /** What deleting (policy Delete) needs: no template, so a ConfigMap deleted first is fine. */
    static DesiredStack forDeletion(ConnectionRoles roles) {
        return DesiredStack.forDeletion(roles.stackName(), ownerTags(roles), Pause.isPaused(roles));
    }

    /** What ObserveOnly needs: the stack name and the owner; no template. */
    static DesiredStack forObservation(ConnectionRoles roles, boolean deleting) {
        return DesiredStack.forObservation(roles.stackName(), ownerTags(roles), deleting);
    }

    static boolean observeOnly(ConnectionRoles roles) {
        return ManagementPolicy.isObserveOnly(roles.getSpec().managementPolicy());
    }

    static StackMemory memoryOf(ConnectionRoles roles) {
        ConnectionRolesStatus status = roles.getStatus();
        return status == null ? StackMemory.NONE : new StackMemory(status.appliedHash(), status.attemptedHash());
    }

    private static Map<String, String> ownerTags(ConnectionRoles roles) {
        return Map.of(
                OwnershipTag.KEY,
                OwnershipTag.value(
                        roles.getMetadata().getNamespace(), roles.getMetadata().getName()));
    }
}
