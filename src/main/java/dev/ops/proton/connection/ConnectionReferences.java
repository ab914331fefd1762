package dev.ops.proton.connection;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a connection refers to (its AwsAccounts and ConnectionRoles), as the reconciler's watches map it. */
final class ConnectionReferences {

    private ConnectionReferences() {}

    static Set<String> accountNames(EnvironmentAccountConnection c) {
        Set<String> names = new LinkedHashSet<>();
        if (c.getSpec().environmentAccountRef() != null) {
            names.add(c.getSpec().environmentAccountRef());
        }
        if (c.getSpec().managementAccountRef() != null) {
            names.add(c.getSpec().managementAccountRef());
        }
        return names;
    }

    static Set<String> rolesNames(EnvironmentAccountConnection c) {
        Set<String> names = new HashSet<>();
        for (RoleReference reference : new RoleReference[] {
            c.getSpec().role(), c.getSpec().codebuildRole(), c.getSpec().componentRole()
        }) {
            if (reference != null && reference.fromConnectionRoles() != null) {
                names.add(reference.fromConnectionRoles().name());
            }
        }
        return names;
    }

    static Set<ResourceID> ids(Set<String> names, String namespace) {
        Set<ResourceID> ids = new LinkedHashSet<>();
        names.forEach(name -> ids.add(new ResourceID(name, namespace)));
        return ids;
    }

    static Set<ResourceID> primaries(List<EnvironmentAccountConnection> connections) {
        Set<ResourceID> ids = new LinkedHashSet<>();
        connections.forEach(c -> ids.add(ResourceID.fromResource(c)));
        return ids;
    }
}
