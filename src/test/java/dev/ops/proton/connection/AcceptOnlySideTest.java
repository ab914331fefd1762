package dev.ops.proton.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.CallCounter;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.proton.ProtonClient;

/**
 * The accept-only side (environmentAccountId with managementAccountRef) against the local AWS endpoint: the
 * environment account's side is played by that account's root requesting directly; the operator acts in the
 * management account alone, and only with List, Accept and (when asked) Reject.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class AcceptOnlySideTest {

    static final String MANAGEMENT = "121212121212";
    static final String ENV = "131313131313";
    /** A management account of its own, so that the other tests' resources' calls don't count. */
    static final String COUNTED_MANAGEMENT = "141414141414";

    static final String NAMESPACE = "management-team";
    static final String PROTON_ROLE = "arn:aws:iam::" + ENV + ":role/EnvironmentAccountProtonRole";
    static final String ADMIN_ROLE = "arn:aws:iam::" + ENV + ":role/Admin";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    ProtonClient envProton;
    ProtonClient mgmtProton;
    ConnectionResources connections;

    @BeforeEach
    void accounts() {
        OperatorFixtures.readyAccount(client, localAws, "accepting-management", MANAGEMENT, List.of(NAMESPACE));
        envProton = LocalAwsClients.root(localAws, ENV).proton();
        mgmtProton = LocalAwsClients.root(localAws, MANAGEMENT).proton();
        connections = new ConnectionResources(client, NAMESPACE);
    }

    @Test
    void shouldAcceptAMatchingRequestWithOneListAndOneAccept() {
        OperatorFixtures.readyAccount(client, localAws, "counted-management", COUNTED_MANAGEMENT, List.of(NAMESPACE));
        String id = envProton
                .createEnvironmentAccountConnection(r -> r.managementAccountId(COUNTED_MANAGEMENT)
                        .environmentName("accept-env")
                        .roleArn(PROTON_ROLE))
                .environmentAccountConnection()
                .id();
        localAws.calls().reset();
        EnvironmentAccountConnection accept =
                acceptOnly("accept", "accept-env", new ExpectedRequest(null, "EnvironmentAccount*Role", null), null);
        accept.setSpec(withManagement(accept.getSpec(), "counted-management"));

        connections.create(accept);

        EnvironmentAccountConnection ready = connections.awaitCondition("accept", ConditionTypes.READY, "True");
        assertThat(protonCallsBy(COUNTED_MANAGEMENT))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("ListEnvironmentAccountConnections", 1L, "AcceptEnvironmentAccountConnection", 1L));
        assertThat(protonCallsBy(ENV)).isEmpty();
        assertThat(ready.getStatus().connectionId()).isEqualTo(id);
        assertThat(ready.getStatus().state()).isEqualTo("CONNECTED");
        assertThat(ready.getStatus().environmentAccountId()).isEqualTo(ENV);
        assertThat(ready.getStatus().roleArn()).isEqualTo(PROTON_ROLE);
        assertThat(Conditions.isTrue(ready.getStatus().conditions(), ConditionTypes.ACCEPTED))
                .isTrue();
        assertThat(envProton
                        .getEnvironmentAccountConnection(r -> r.id(id))
                        .environmentAccountConnection()
                        .statusAsString())
                .isEqualTo("CONNECTED");
    }

    @Test
    void shouldNeverAcceptAMismatchedRequestAndRejectItOnlyWhenAsked() {
        String id = request("mismatch-env", ADMIN_ROLE);

        connections.create(acceptOnly("mismatch", "mismatch-env", new ExpectedRequest(PROTON_ROLE, null, null), null));

        EnvironmentAccountConnection stalled = connections.awaitCondition("mismatch", ConditionTypes.STALLED, "True");
        Condition reason = Conditions.find(stalled.getStatus().conditions(), ConditionTypes.STALLED);
        assertThat(reason.getReason()).isEqualTo("RequestMismatch");
        assertThat(reason.getMessage()).contains(id, ADMIN_ROLE, PROTON_ROLE);
        assertThat(stalled.getStatus().connectionId())
                .as("a request that doesn't match is not shown as this resource's connection")
                .isNull();
        long listsBefore = localAws.calls().count(MANAGEMENT, "proton", "ListEnvironmentAccountConnections");
        await().atMost(Duration.ofSeconds(15))
                .until(() -> localAws.calls().count(MANAGEMENT, "proton", "ListEnvironmentAccountConnections")
                        >= listsBefore + 2);
        assertThat(localAws.calls().count(MANAGEMENT, "proton", "AcceptEnvironmentAccountConnection"))
                .isZero();
        assertThat(localAws.calls().count(MANAGEMENT, "proton", "RejectEnvironmentAccountConnection"))
                .isZero();
        assertThat(state(id)).isEqualTo("PENDING");

        OperatorFixtures.edit(
                client.resources(EnvironmentAccountConnection.class)
                        .inNamespace(NAMESPACE)
                        .withName("mismatch"),
                c -> {
                    EnvironmentAccountConnectionSpec s = c.getSpec();
                    c.setSpec(new EnvironmentAccountConnectionSpec(
                            s.environmentName(),
                            null,
                            s.managementAccountRef(),
                            null,
                            null,
                            null,
                            null,
                            s.acceptance(),
                            null,
                            s.deletionPolicy(),
                            null,
                            null,
                            s.environmentAccountId(),
                            new ExpectedRequest(PROTON_ROLE, null, ExpectedRequest.OnMismatch.Reject)));
                    return c;
                });

        await().atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(state(id)));
        assertThat(localAws.calls().count(MANAGEMENT, "proton", "RejectEnvironmentAccountConnection"))
                .isEqualTo(1);
        assertThat(localAws.calls().count(MANAGEMENT, "proton", "AcceptEnvironmentAccountConnection"))
                .isZero();
    }

    @Test
    void shouldAwaitTheRequestThenAcceptIt() {
        connections.create(acceptOnly("awaiting", "awaiting-env", null, null));

        EnvironmentAccountConnection awaiting =
                connections.awaitCondition("awaiting", ConditionTypes.RECONCILING, "True");
        assertThat(Conditions.find(awaiting.getStatus().conditions(), ConditionTypes.RECONCILING)
                        .getReason())
                .isEqualTo("AwaitingRequest");

        String id = request("awaiting-env", ADMIN_ROLE);

        assertThat(connections
                        .awaitCondition("awaiting", ConditionTypes.READY, "True")
                        .getStatus()
                        .connectionId())
                .isEqualTo(id);
    }

    @Test
    void shouldReleaseWithoutAnyAwsWriteWhateverTheDeletionPolicy() {
        String id = request("release-env", PROTON_ROLE);
        connections.create(acceptOnly("release", "release-env", null, DeletionPolicy.Delete));
        connections.awaitCondition("release", ConditionTypes.READY, "True");
        localAws.calls().reset();

        connections.deleteAndAwaitGone("release");

        assertThat(localAws.calls()
                        .count(k -> k.service().equals("proton")
                                && !k.operation().startsWith("Get")
                                && !k.operation().startsWith("List")))
                .as("AWS writes while deleting the accept-only side")
                .isZero();
        assertThat(state(id)).isEqualTo("CONNECTED");
    }

    private String request(String environmentName, String roleArn) {
        return envProton
                .createEnvironmentAccountConnection(r -> r.managementAccountId(MANAGEMENT)
                        .environmentName(environmentName)
                        .roleArn(roleArn))
                .environmentAccountConnection()
                .id();
    }

    private String state(String id) {
        return mgmtProton
                .getEnvironmentAccountConnection(r -> r.id(id))
                .environmentAccountConnection()
                .statusAsString();
    }

    private static EnvironmentAccountConnection acceptOnly(
            String name, String environmentName, ExpectedRequest expected, DeletionPolicy deletionPolicy) {
        EnvironmentAccountConnection connection = new EnvironmentAccountConnection();
        connection.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
        connection.setSpec(new EnvironmentAccountConnectionSpec(
                environmentName,
                null,
                "accepting-management",
                null,
                null,
                null,
                null,
                Acceptance.Automatic,
                null,
                deletionPolicy == null ? DeletionPolicy.Retain : deletionPolicy,
                null,
                null,
                ENV,
                expected));
        return connection;
    }

    private static EnvironmentAccountConnectionSpec withManagement(EnvironmentAccountConnectionSpec s, String ref) {
        return new EnvironmentAccountConnectionSpec(
                s.environmentName(),
                null,
                ref,
                null,
                null,
                null,
                null,
                s.acceptance(),
                null,
                s.deletionPolicy(),
                null,
                null,
                s.environmentAccountId(),
                s.expectedRequest());
    }

    private Map<String, Long> protonCallsBy(String account) {
        Map<String, Long> calls = new TreeMap<>();
        localAws.calls().snapshot().forEach((CallCounter.Key key, Long count) -> {
            if (key.account().equals(account) && key.service().equals("proton")) {
                calls.merge(key.operation(), count, Long::sum);
            }
        });
        return calls;
    }
}
