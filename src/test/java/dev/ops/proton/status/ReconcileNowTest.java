package dev.ops.proton.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.testing.ConnectionFixtures;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.ProductionTimings;
import dev.ops.proton.testing.RolesFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconcile-now annotation under the production resync period of 10 minutes: setting it makes each kind observe
 * AWS within seconds (not at the next resync, and not from an observation it made moments before) and record the
 * value it handled in status.
 */
@QuarkusTest
@TestProfile(ProductionTimings.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class ReconcileNowTest {

    static final String NAMESPACE = "platform";
    static final String MANAGEMENT = "323232323232";
    static final String ENV = "343434343434";
    static final String ROLE = "arn:aws:iam::" + ENV + ":role/ProtonRole";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @BeforeEach
    void accounts() {
        OperatorFixtures.readyAccount(client, localAws, "now-management", MANAGEMENT, List.of(NAMESPACE));
        OperatorFixtures.readyAccount(client, localAws, "now-env", ENV, List.of(NAMESPACE));
    }

    @Test
    void shouldGetTheConnectionAfreshAndRecordTheRequest() {
        client.resource(ConnectionFixtures.direct(
                        NAMESPACE, "now-connection", "now-env", "now-env", "now-management", ROLE))
                .create();
        var named = client.resources(EnvironmentAccountConnection.class)
                .inNamespace(NAMESPACE)
                .withName("now-connection");
        OperatorFixtures.awaitCondition(() -> Conditions.of(named.get()), ConditionTypes.READY, "True");
        long gets = localAws.calls().count(ENV, "proton", "GetEnvironmentAccountConnection");
        long tagReads = localAws.calls().count(ENV, "proton", "ListTagsForResource");

        requestReconcile(named, "2026-12-03T15:00:00Z");

        awaitHandled(named, c -> c.getStatus().lastHandledReconcileAt(), "2026-12-03T15:00:00Z");
        assertThat(localAws.calls().count(ENV, "proton", "GetEnvironmentAccountConnection"))
                .as("a fresh Get, though the last observation is seconds old")
                .isEqualTo(gets + 1);
        assertThat(localAws.calls().count(ENV, "proton", "ListTagsForResource"))
                .as("the ownership tag read again too")
                .isEqualTo(tagReads + 1);
    }

    @Test
    void shouldDescribeTheStackAfreshAndRecordTheRequest() {
        client.resource(RolesFixtures.inline(NAMESPACE, "now-roles", "now-env", "now-stack", DeletionPolicy.Retain))
                .create();
        var named =
                client.resources(ConnectionRoles.class).inNamespace(NAMESPACE).withName("now-roles");
        OperatorFixtures.awaitCondition(() -> Conditions.of(named.get()), ConditionTypes.READY, "True");
        long describes = localAws.calls().count(ENV, "cloudformation", "DescribeStacks");

        requestReconcile(named, "first");

        awaitHandled(named, r -> r.getStatus().lastHandledReconcileAt(), "first");
        assertThat(localAws.calls().count(ENV, "cloudformation", "DescribeStacks"))
                .isGreaterThan(describes);
    }

    @Test
    void shouldVerifyTheAccountAfreshAndRecordTheRequest() {
        var named = client.resources(AwsAccount.class).withName("now-management");
        long identities = localAws.calls().count(MANAGEMENT, "sts", "GetCallerIdentity");

        requestReconcile(named, "2026-12-03T15:01:00Z");

        awaitHandled(named, a -> a.getStatus().lastHandledReconcileAt(), "2026-12-03T15:01:00Z");
        assertThat(localAws.calls().count(MANAGEMENT, "sts", "GetCallerIdentity"))
                .isGreaterThan(identities);
    }

    private static <T extends HasMetadata> void requestReconcile(Resource<T> resource, String value) {
        OperatorFixtures.annotate(resource, ReconcileRequest.ANNOTATION, value);
    }

    private static <T extends HasMetadata> void awaitHandled(
            Resource<T> resource, Function<T, String> handled, String value) {
        await().atMost(Duration.ofSeconds(20)).until(() -> value.equals(handled.apply(resource.get())));
    }
}
