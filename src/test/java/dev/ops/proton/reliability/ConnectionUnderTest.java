package dev.ops.proton.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.connection.Acceptance;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.connection.EnvironmentAccountConnectionSpec;
import dev.ops.proton.connection.RoleReference;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.proton.ProtonClient;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;

/**
 * An EnvironmentAccountConnection with automatic acceptance and deletionPolicy Delete: the two-account handshake of
 * the matrix. A duplicate would show as a second connection for (environment account, environment name) in any
 * state, or as a connection the operator had to delete before the resource was; a leftover as any connection.
 */
final class ConnectionUnderTest implements ResourceUnderTest {

    private final KubernetesClient client;
    private final LocalAws localAws;
    private final Tenant tenant;
    private final String name;
    private final ProtonClient proton;

    ConnectionUnderTest(KubernetesClient client, LocalAws localAws, Tenant tenant, String name) {
        this.client = client;
        this.localAws = localAws;
        this.tenant = tenant;
        this.name = name;
        this.proton =
                LocalAwsClients.root(localAws, tenant.environmentAccountId()).proton();
    }

    String environmentName() {
        return "multi-svc-" + name;
    }

    @Override
    public String service() {
        return "proton";
    }

    @Override
    public String account() {
        return tenant.environmentAccountId();
    }

    @Override
    public String firstWrite() {
        return "CreateEnvironmentAccountConnection";
    }

    @Override
    public int callsPerStalledReconcile() {
        return 1; // CreateEnvironmentAccountConnection (denied): with no id known, there is nothing to Get
    }

    @Override
    public void create() {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(tenant.namespace())
                .build());
        connection.setSpec(spec(Map.of("edit", "0")));
        client.resources(EnvironmentAccountConnection.class)
                .inNamespace(tenant.namespace())
                .resource(connection)
                .create();
    }

    private EnvironmentAccountConnectionSpec spec(Map<String, String> tags) {
        return new EnvironmentAccountConnectionSpec(
                environmentName(),
                tenant.environmentAccountName(),
                tenant.managementAccountName(),
                null,
                new RoleReference("arn:aws:iam::" + tenant.environmentAccountId() + ":role/ProtonRole", null),
                null,
                null,
                Acceptance.Automatic,
                tags,
                DeletionPolicy.Delete);
    }

    EnvironmentAccountConnection get() {
        return resource().get();
    }

    private Resource<EnvironmentAccountConnection> resource() {
        return client.resources(EnvironmentAccountConnection.class)
                .inNamespace(tenant.namespace())
                .withName(name);
    }

    @Override
    public List<Condition> conditions() {
        EnvironmentAccountConnection current = get();
        return Conditions.of(current);
    }

    @Override
    public void editSpec(String value) {
        OperatorFixtures.edit(resource(), current -> {
            current.setSpec(spec(Map.of("edit", value)));
            return current;
        });
    }

    /** Every connection for the environment name the environment account has, in any state. */
    List<EnvironmentAccountConnectionSummary> connectionsInAws() {
        return proton
                .listEnvironmentAccountConnectionsPaginator(
                        r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT)
                                .environmentName(environmentName()))
                .environmentAccountConnections()
                .stream()
                .toList();
    }

    @Override
    public void assertExactlyOneInAws() {
        EnvironmentAccountConnection current = get();
        assertThat(connectionsInAws())
                .as("connections for (%s, %s)", account(), environmentName())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo(current.getStatus().connectionId());
                    assertThat(c.statusAsString()).isEqualTo("CONNECTED");
                });
        assertThat(localAws.calls().count(account(), "proton", "DeleteEnvironmentAccountConnection"))
                .as("connections the operator deleted while the resource existed")
                .isZero();
    }

    @Override
    public void delete() {
        resource().delete();
    }

    @Override
    public boolean isGone() {
        return get() == null;
    }

    @Override
    public void assertNothingLeftInAws() {
        assertThat(connectionsInAws()).as("connections left behind").isEmpty();
    }

    @Override
    public String toString() {
        return "EnvironmentAccountConnection " + tenant.namespace() + "/" + name;
    }
}
