package dev.ops.proton.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.localaws.LocalAwsClients;
import dev.ops.proton.model.DeletionPolicy;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import dev.ops.proton.testing.RolesFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * Deleting a ConnectionRoles needs only its account and its stack: a template ConfigMap deleted first (as a namespace
 * deletion may) does not block it. Template ConfigMaps are watched only when labelled for the operator.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class RolesDeletionTest {

    static final String ACCOUNT_ID = "363636363636";
    static final String NAMESPACE = "teardown";
    /** The label a template ConfigMap carries so the operator watches it. */
    static final String TEMPLATE_LABEL = "proton.ops.dev/template";

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    @Test
    void shouldDeleteTheStackAfterItsTemplateConfigMapWasDeletedFirst() {
        OperatorFixtures.readyAccount(client, localAws, "teardown-env", ACCOUNT_ID, List.of(NAMESPACE));
        templateConfigMap("template", true);
        client.resource(RolesFixtures.withTemplate(
                        NAMESPACE,
                        "from-map",
                        "teardown-env",
                        "from-map-stack",
                        DeletionPolicy.Delete,
                        new TemplateSource(null, null, new ConfigMapKeyRef("template", "template.yaml"))))
                .create();
        awaitCondition("from-map", ConditionTypes.READY, "True");
        String stackId = cfn().describeStacks(r -> r.stackName("from-map-stack"))
                .stacks()
                .get(0)
                .stackId();

        client.configMaps().inNamespace(NAMESPACE).withName("template").delete();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.configMaps()
                                .inNamespace(NAMESPACE)
                                .withName("template")
                                .get()
                        == null);
        roles("from-map").delete();

        await().atMost(Duration.ofSeconds(30)).until(() -> roles("from-map").get() == null);
        assertThat(cfn().describeStacks(r -> r.stackName(stackId))
                        .stacks()
                        .get(0)
                        .stackStatusAsString())
                .isIn("DELETE_IN_PROGRESS", "DELETE_COMPLETE");
    }

    @Test
    void shouldNameTheMissingLabelOfATemplateConfigMapAndRecoverOnceLabelled() {
        OperatorFixtures.readyAccount(client, localAws, "teardown-env", ACCOUNT_ID, List.of(NAMESPACE));
        templateConfigMap("unlabelled", false);
        client.resource(RolesFixtures.withTemplate(
                        NAMESPACE,
                        "unlabelled-map",
                        "teardown-env",
                        "unlabelled-map-stack",
                        DeletionPolicy.Retain,
                        new TemplateSource(null, null, new ConfigMapKeyRef("unlabelled", "template.yaml"))))
                .create();

        Condition stalled = awaitCondition("unlabelled-map", ConditionTypes.STALLED, "True");
        assertThat(stalled.getReason()).isEqualTo("TemplateNotLabelled");
        assertThat(stalled.getMessage()).contains(TEMPLATE_LABEL);

        client.configMaps().inNamespace(NAMESPACE).withName("unlabelled").edit(map -> {
            map.getMetadata().setLabels(Map.of(TEMPLATE_LABEL, "true"));
            return map;
        });

        awaitCondition("unlabelled-map", ConditionTypes.READY, "True");
    }

    private void templateConfigMap(String name, boolean labelled) {
        client.configMaps()
                .inNamespace(NAMESPACE)
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(NAMESPACE)
                        .withLabels(labelled ? Map.of(TEMPLATE_LABEL, "true") : Map.of())
                        .endMetadata()
                        .withData(Map.of("template.yaml", RolesFixtures.ONE_ROLE_TEMPLATE))
                        .build())
                .create();
    }

    private CloudFormationClient cfn() {
        return LocalAwsClients.root(localAws, ACCOUNT_ID).cloudFormation();
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ConnectionRoles> roles(String name) {
        return client.resources(ConnectionRoles.class).inNamespace(NAMESPACE).withName(name);
    }

    private Condition awaitCondition(String name, String type, String status) {
        OperatorFixtures.awaitCondition(() -> Conditions.of(roles(name).get()), type, status);
        return Conditions.find(Conditions.of(roles(name).get()), type);
    }
}
