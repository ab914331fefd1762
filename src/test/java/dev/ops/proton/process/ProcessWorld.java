package dev.ops.proton.process;

import dev.ops.proton.account.AssumeRole;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.account.AwsAccountSpec;
import dev.ops.proton.account.ExternalIdSource;
import dev.ops.proton.account.SecretKeyRef;
import dev.ops.proton.config.LeaderElection;
import dev.ops.proton.connection.Acceptance;
import dev.ops.proton.connection.ConnectionRolesOutputRef;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.connection.EnvironmentAccountConnectionSpec;
import dev.ops.proton.connection.RoleReference;
import dev.ops.proton.kubeapi.EmbeddedKubeApi;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.localaws.LocalAwsConfig;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.Capability;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.roles.ConnectionRolesSpec;
import dev.ops.proton.roles.TemplateSource;
import dev.ops.proton.testing.AccountBootstrap;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionSummary;

/**
 * One world for process tests: the local AWS endpoint in the test JVM, the embedded Kubernetes API, and packaged
 * operator replicas as processes, every port ephemeral. Closing it kills every replica it started.
 */
final class ProcessWorld implements AutoCloseable {

    /** The account the operator's own role lives in; every account's operator role trusts that role. */
    static final String OPERATOR_ACCOUNT = dev.ops.proton.testing.LocalAwsTestResource.OPERATOR_ACCOUNT;

    final LocalAws localAws;
    final EmbeddedKubeApi api;
    final KubernetesClient client;
    private final Path dir;
    private final Path kubeconfig;
    private final List<PackagedOperator> replicas = new ArrayList<>();
    private final AccountBootstrap bootstrap;

    ProcessWorld(String name) {
        this.dir = Path.of("target", "process-it", name).toAbsolutePath();
        this.localAws = LocalAws.start(LocalAwsConfig.embedded().withStackOperationDelay(Duration.ofMillis(20)));
        EmbeddedKubeApi started = null;
        try {
            started = EmbeddedKubeApi.startEphemeral();
        } finally {
            if (started == null) {
                localAws.close();
            }
        }
        this.api = started;
        this.client = api.client();
        this.kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));
        this.bootstrap = AccountBootstrap.of(localAws.endpoint(), OPERATOR_ACCOUNT, AccountBootstrap.Names.any());
    }

    /**
     * Starts a replica of the packaged operator, running as a session of its own role with the shipped operator
     * policy (standing in for IRSA); its log is {@code target/process-it/<world>/<identity>.log}.
     */
    PackagedOperator startReplica(String identity, Map<String, String> environment) {
        Map<String, String> withIdentity = new java.util.HashMap<>(environment);
        withIdentity.putAll(bootstrap.operator().environment());
        PackagedOperator replica = PackagedOperator.start(
                identity,
                kubeconfig,
                localAws.endpoint(),
                OPERATOR_ACCOUNT,
                dir.resolve(identity + ".log"),
                withIdentity);
        replicas.add(replica);
        return replica;
    }

    /** The Lease holder's identity as the API server has it; empty while nobody holds it. */
    Optional<String> leaseHolder() {
        Lease lease = client.leases()
                .inNamespace(api.namespace())
                .withName(LeaderElection.LEASE_NAME)
                .get();
        if (lease == null || lease.getSpec() == null) {
            return Optional.empty();
        }
        String holder = lease.getSpec().getHolderIdentity();
        return holder == null || holder.isEmpty() ? Optional.empty() : Optional.of(holder);
    }

    void namespace(String name) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .createOr(existing -> existing.update());
    }

    /**
     * The operator's role in the account with the shipped trust (with the ExternalId) and permission policies, as
     * docs/installing.md sets it up; the Secret holding the ExternalId in the operator's namespace; an AwsAccount
     * using both.
     */
    void accountWithExternalId(String name, String accountId, String externalId, List<String> namespaces) {
        bootstrap.account(accountId, externalId);
        OperatorFixtures.externalIdSecret(client, "external-id-" + name, externalId);
        AwsAccount account = new AwsAccount();
        account.setMetadata(new ObjectMetaBuilder().withName(name).build());
        account.setSpec(new AwsAccountSpec(
                accountId,
                "us-east-1",
                new AssumeRole(
                        "arn:aws:iam::" + accountId + ":role/" + OperatorFixtures.OPERATOR_ROLE,
                        new ExternalIdSource(new SecretKeyRef("external-id-" + name, "externalId")),
                        null),
                namespaces,
                null));
        client.resource(account).create();
    }

    /** The built-in role stack in the environment account, trusting the management account. */
    void connectionRoles(String namespace, String name, String accountName, String managementAccountId) {
        ConnectionRoles roles = new ConnectionRoles();
        roles.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        roles.setSpec(new ConnectionRolesSpec(
                accountName,
                null,
                TemplateSource.DEFAULT,
                Map.of("EnvironmentAccountId", managementAccountId),
                List.of(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM),
                null,
                false,
                DeletionPolicy.Retain));
        client.resource(roles).create();
    }

    /** A connection whose role is the stack's ProtonRoleArn output, accepted by the operator. */
    void connection(String namespace, String name, String environmentAccount, String managementAccount, String roles) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                name,
                environmentAccount,
                managementAccount,
                null,
                new RoleReference(null, new ConnectionRolesOutputRef(roles, "ProtonRoleArn")),
                null,
                null,
                Acceptance.Automatic,
                null,
                DeletionPolicy.Retain));
        client.resource(connection).create();
    }

    /** A connection naming its Proton role directly, accepted by the operator. */
    void directConnection(
            String namespace, String name, String environmentAccount, String managementAccount, String roleArn) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                name,
                environmentAccount,
                managementAccount,
                null,
                new RoleReference(roleArn, null),
                null,
                null,
                Acceptance.Automatic,
                null,
                DeletionPolicy.Retain));
        client.resource(connection).create();
    }

    EnvironmentAccountConnection connection(String namespace, String name) {
        return client.resources(EnvironmentAccountConnection.class)
                .inNamespace(namespace)
                .withName(name)
                .get();
    }

    /** Every connection Proton holds for the management account, as the account's root lists them. */
    List<EnvironmentAccountConnectionSummary> protonConnections(String managementAccountId) {
        List<EnvironmentAccountConnectionSummary> all = new ArrayList<>();
        LocalAwsClients.root(localAws, managementAccountId)
                .proton()
                .listEnvironmentAccountConnectionsPaginator(
                        r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.MANAGEMENT_ACCOUNT))
                .environmentAccountConnections()
                .forEach(all::add);
        return all;
    }

    List<EnvironmentAccountConnection> connections(String namespace) {
        return client.resources(EnvironmentAccountConnection.class)
                .inNamespace(namespace)
                .list()
                .getItems();
    }

    long connectedCount(String namespace) {
        return connections(namespace).stream()
                .filter(c -> c.getStatus() != null
                        && "CONNECTED".equals(c.getStatus().state()))
                .count();
    }

    @Override
    public void close() {
        replicas.forEach(PackagedOperator::close);
        api.close();
        localAws.close();
    }
}
