package dev.ops.proton.testing;

import dev.ops.proton.connection.Acceptance;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.connection.EnvironmentAccountConnectionSpec;
import dev.ops.proton.connection.RoleReference;
import dev.ops.proton.model.DeletionPolicy;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** EnvironmentAccountConnection manifests as a user writes them, in a given namespace. */
public final class ConnectionFixtures {

    private ConnectionFixtures() {}

    /**
     * A connection between two AwsAccounts naming its Proton role directly, accepted by the operator, retained on
     * deletion.
     */
    public static EnvironmentAccountConnection direct(
            String namespace,
            String name,
            String environmentName,
            String environmentAccountRef,
            String managementAccountRef,
            String roleArn) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                environmentName,
                environmentAccountRef,
                managementAccountRef,
                null,
                new RoleReference(roleArn, null),
                null,
                null,
                Acceptance.Automatic,
                null,
                DeletionPolicy.Retain));
        return connection;
    }
}
