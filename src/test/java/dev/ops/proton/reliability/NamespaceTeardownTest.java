package dev.ops.proton.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.ProductionTimings;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.proton.model.EnvironmentAccountConnectionRequesterAccountType;

/**
 * A namespace torn down as Kubernetes (or Argo CD's prune) does it: everything in it is deleted at once, in no order
 * the operator can count on. Each of the 24 orders of the four objects a tenant keeps (the template ConfigMap, the
 * ConnectionRoles, the EnvironmentAccountConnection, the ExternalId Secret of its AwsAccount) gets a namespace and an
 * environment account of its own, all torn down together, with both kinds' deletionPolicy Delete and the production
 * timings. The local AWS endpoint is the judge: no stack and no connection may be left, and no finalizer may keep a
 * resource (or, afterwards, an AwsAccount) alive.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
@TestProfile(ProductionTimings.class)
class NamespaceTeardownTest {

    static final String MANAGEMENT = "491000000000";
    static final Duration CONVERGE = Duration.ofMinutes(2);

    /** The four objects of a tenant, in the order a teardown deletes them. */
    enum Part {
        TEMPLATE,
        ROLES,
        CONNECTION,
        SECRET
    }

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Test
    void shouldLeaveNothingInAwsAndNoFinalizerWhateverOrderTheNamespaceIsTornDownIn() {
        List<List<Part>> orders = permutations(List.of(Part.values()));
        assertThat(orders).hasSize(24);
        OperatorFixtures.bootstrapAccount(localAws, MANAGEMENT);
        List<Tenant> tenants = IntStream.range(0, orders.size())
                .mapToObj(i -> new Tenant(i, orders.get(i)))
                .toList();
        client.resources(AwsAccount.class)
                .resource(OperatorFixtures.awsAccount(
                        "teardown-management",
                        MANAGEMENT,
                        tenants.stream().map(Tenant::namespace).toList()))
                .create();
        tenants.forEach(Tenant::create);
        await().atMost(CONVERGE).untilAsserted(() -> tenants.forEach(Tenant::assertConnected));

        tenants.forEach(Tenant::tearDownNamespace);

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(tenants.stream()
                                .flatMap(tenant -> tenant.leftovers().stream())
                                .toList())
                        .as("left in Kubernetes or AWS after the teardown")
                        .isEmpty());
        client.resources(AwsAccount.class).delete();
        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(
                                client.resources(AwsAccount.class).list().getItems())
                        .as("AwsAccounts left once their users are gone")
                        .isEmpty());
    }

    /** One order's tenant: its namespace, its environment account, its four objects. */
    final class Tenant {
        private final int index;
        private final List<Part> order;

        Tenant(int index, List<Part> order) {
            this.index = index;
            this.order = order;
        }

        String namespace() {
            return "teardown-" + index;
        }

        String environmentAccountId() {
            return "4920000000%02d".formatted(index);
        }

        String accountName() {
            return "teardown-env-" + index;
        }

        String secretName() {
            return "teardown-external-id-" + index;
        }

        String externalId() {
            return "teardown-external-id-value-" + index;
        }

        String environmentName() {
            return "teardown-" + index;
        }

        void create() {
            OperatorFixtures.bootstrapAccount(localAws, environmentAccountId(), externalId());
            OperatorFixtures.externalIdSecret(client, secretName(), externalId());
            apply(AwsAccount.class, """
                    apiVersion: proton.ops.dev/v1alpha1
                    kind: AwsAccount
                    metadata: {name: %s}
                    spec:
                      accountId: "%s"
                      region: us-east-1
                      assumeRole:
                        roleArn: arn:aws:iam::%s:role/%s
                        externalId: {secretRef: {name: %s, key: externalId}}
                      allowedNamespaces: [%s]
                    """.formatted(
                            accountName(),
                            environmentAccountId(),
                            environmentAccountId(),
                            OperatorFixtures.OPERATOR_ROLE,
                            secretName(),
                            namespace()));
            client.configMaps()
                    .inNamespace(namespace())
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName("roles-template")
                            .withNamespace(namespace())
                            .withLabels(Map.of("proton.ops.dev/template", "true"))
                            .endMetadata()
                            .withData(Map.of("template.yaml", builtinTemplate()))
                            .build())
                    .create();
            apply(ConnectionRoles.class, """
                    apiVersion: proton.ops.dev/v1alpha1
                    kind: ConnectionRoles
                    metadata: {name: roles, namespace: %s}
                    spec:
                      accountRef: %s
                      stackName: teardown-roles
                      template: {configMapRef: {name: roles-template, key: template.yaml}}
                      parameters: {EnvironmentAccountId: "%s"}
                      capabilities: [CAPABILITY_NAMED_IAM]
                      deletionPolicy: Delete
                    """.formatted(namespace(), accountName(), MANAGEMENT));
            apply(EnvironmentAccountConnection.class, """
                    apiVersion: proton.ops.dev/v1alpha1
                    kind: EnvironmentAccountConnection
                    metadata: {name: connection, namespace: %s}
                    spec:
                      environmentName: %s
                      environmentAccountRef: %s
                      managementAccountRef: teardown-management
                      role: {fromConnectionRoles: {name: roles, output: ProtonRoleArn}}
                      deletionPolicy: Delete
                    """.formatted(namespace(), environmentName(), accountName()));
        }

        void assertConnected() {
            EnvironmentAccountConnection connection = connection().get();
            assertThat(connection).isNotNull();
            assertThat(Conditions.isTrue(Conditions.of(connection), "Ready"))
                    .as("%s/connection Ready: %s", namespace(), Conditions.of(connection))
                    .isTrue();
            assertThat(connection.getStatus().state()).isEqualTo("CONNECTED");
        }

        /** Deletes the four objects in this tenant's order, at once, as a namespace deletion does. */
        void tearDownNamespace() {
            for (Part part : order) {
                switch (part) {
                    case TEMPLATE ->
                        client.configMaps()
                                .inNamespace(namespace())
                                .withName("roles-template")
                                .delete();
                    case ROLES -> roles().delete();
                    case CONNECTION -> connection().delete();
                    case SECRET ->
                        client.secrets()
                                .inNamespace(OperatorFixtures.OPERATOR_NAMESPACE)
                                .withName(secretName())
                                .delete();
                }
            }
        }

        /** What the teardown in this tenant's order left behind, each named with the order and its condition. */
        List<String> leftovers() {
            String story = " after the teardown order " + order + " in " + namespace();
            List<String> left = new ArrayList<>();
            ConnectionRoles roles = roles().get();
            if (roles != null) {
                left.add("ConnectionRoles " + Conditions.of(roles) + story);
            }
            EnvironmentAccountConnection connection = connection().get();
            if (connection != null) {
                left.add("EnvironmentAccountConnection " + Conditions.of(connection) + story);
            }
            liveConnections().forEach(c -> left.add("Proton connection " + c + story));
            if (stackExists()) {
                left.add("stack teardown-roles" + story);
            }
            return left;
        }

        private List<String> liveConnections() {
            return LocalAwsClients.root(localAws, environmentAccountId())
                    .proton()
                    .listEnvironmentAccountConnections(
                            r -> r.requestedBy(EnvironmentAccountConnectionRequesterAccountType.ENVIRONMENT_ACCOUNT))
                    .environmentAccountConnections()
                    .stream()
                    .map(c -> c.id() + " " + c.statusAsString())
                    .toList();
        }

        private boolean stackExists() {
            try {
                return LocalAwsClients.root(localAws, environmentAccountId())
                        .cloudFormation()
                        .describeStacks(r -> r.stackName("teardown-roles"))
                        .stacks()
                        .stream()
                        .anyMatch(s -> !s.stackStatusAsString().equals("DELETE_COMPLETE"));
            } catch (CloudFormationException e) {
                if (e.awsErrorDetails().errorMessage().contains("does not exist")) {
                    return false;
                }
                throw e;
            }
        }

        private Resource<ConnectionRoles> roles() {
            return client.resources(ConnectionRoles.class)
                    .inNamespace(namespace())
                    .withName("roles");
        }

        private Resource<EnvironmentAccountConnection> connection() {
            return client.resources(EnvironmentAccountConnection.class)
                    .inNamespace(namespace())
                    .withName("connection");
        }
    }

    private <T extends HasMetadata> void apply(Class<T> type, String yaml) {
        T resource = client.getKubernetesSerialization().unmarshal(yaml, type);
        client.resource(resource).create();
    }

    private static String builtinTemplate() {
        try {
            return Files.readString(Path.of("src/main/resources/templates/environment-account-roles.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (T first : items) {
            List<T> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
