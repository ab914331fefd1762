package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renders the installation ({@code kubectl kustomize deploy}) and checks what a security review of an operator would:
 * a restricted-profile pod, probes on the Quarkus health endpoints, bounded memory, leader election's Lease, and RBAC
 * without wildcards whose only Secret access is {@code get} in the operator's own namespace. Skipped, loudly, when
 * kubectl is not on PATH.
 */
class DeployManifestsTest {

    private static final String NAMESPACE = "proton-operator";
    private static final String SERVICE_ACCOUNT = "proton-connection-operator";

    private static List<Manifest> rendered;

    @BeforeAll
    static void render() throws Exception {
        if (Manifests.kubectlAvailable()) {
            rendered = Manifests.kustomize(Path.of("deploy"));
        } else {
            System.err.println(
                    "*** SKIPPED DeployManifestsTest: kubectl is not on PATH, so `kubectl kustomize deploy` "
                            + "can't be rendered and the deployment's hardening is NOT checked. Install kubectl to run it. ***");
        }
    }

    @BeforeEach
    void requireRendering() {
        Assumptions.assumeTrue(
                rendered != null, "kubectl is not on PATH: deploy/ rendering and hardening are NOT checked");
    }

    @Test
    void shouldPutTheOperatorInARestrictedNamespace() {
        Manifest namespace = only("Namespace");

        assertThat(namespace.name()).isEqualTo(NAMESPACE);
        assertThat(namespace.string("metadata", "labels", "pod-security.kubernetes.io/enforce"))
                .isEqualTo("restricted");
        assertThat(all(m -> m.namespace() != null))
                .allSatisfy(m ->
                        assertThat(m.namespace()).as(m.kind() + " " + m.name()).isEqualTo(NAMESPACE));
    }

    @Test
    void shouldRunTwoReplicasOfThePinnedImage() {
        Manifest deployment = only("Deployment");

        assertThat(deployment.at("spec", "replicas")).isEqualTo(2);
        assertThat(containers(deployment))
                .singleElement()
                .satisfies(c ->
                        assertThat(c.string("image")).isEqualTo("ghcr.io/proton-ops/proton-connection-operator:0.1.0"));
    }

    @Test
    void shouldRunThePodUnderTheRestrictedProfile() {
        Manifest pod = pod(only("Deployment"));

        assertThat(pod.at("securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(pod.string("securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
        assertThat(pod.at("automountServiceAccountToken")).isEqualTo(true);
        assertThat(pod.string("serviceAccountName")).isEqualTo(SERVICE_ACCOUNT);
        assertThat(containers(only("Deployment"))).allSatisfy(container -> {
            assertThat(container.at("securityContext", "runAsNonRoot")).isEqualTo(true);
            assertThat(container.at("securityContext", "allowPrivilegeEscalation"))
                    .isEqualTo(false);
            assertThat(container.at("securityContext", "readOnlyRootFilesystem"))
                    .isEqualTo(true);
            assertThat(container.list("securityContext", "capabilities", "drop"))
                    .containsExactly("ALL");
            assertThat(container.list("securityContext", "capabilities", "add")).isEmpty();
            assertThat(container.string("securityContext", "seccompProfile", "type"))
                    .isEqualTo("RuntimeDefault");
        });
    }

    @Test
    void shouldGiveTheReadOnlyContainerAWritableTmp() {
        Manifest deployment = only("Deployment");
        Manifest container = containers(deployment).get(0);

        String volume = container.list("volumeMounts").stream()
                .map(Manifest::of)
                .filter(mount -> "/tmp".equals(mount.string("mountPath")))
                .map(mount -> mount.string("name"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume mounted at /tmp"));
        assertThat(pod(deployment).list("volumes"))
                .map(Manifest::of)
                .filteredOn(v -> volume.equals(v.string("name")))
                .singleElement()
                .satisfies(v -> assertThat(v.at("emptyDir")).isNotNull());
    }

    @Test
    void shouldProbeTheQuarkusHealthEndpointsOnTheMetricsPort() {
        Manifest container = containers(only("Deployment")).get(0);

        assertThat(container.list("ports")).map(Manifest::of).singleElement().satisfies(port -> {
            assertThat(port.string("name")).isEqualTo("metrics");
            assertThat(port.at("containerPort")).isEqualTo(8080);
        });
        assertThat(container.string("livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
        assertThat(container.string("livenessProbe", "httpGet", "port")).isEqualTo("metrics");
        assertThat(container.string("readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
        assertThat(container.string("readinessProbe", "httpGet", "port")).isEqualTo("metrics");
    }

    @Test
    void shouldBoundMemorySoTheJvmSizesItsHeapFromTheLimit() {
        Manifest container = containers(only("Deployment")).get(0);

        assertThat(container.string("resources", "limits", "memory")).isNotBlank();
        assertThat(container.string("resources", "requests", "memory"))
                .isEqualTo(container.string("resources", "limits", "memory"));
        assertThat(container.string("resources", "requests", "cpu")).isNotBlank();
    }

    @Test
    void shouldConfigureTheOperatorFromTheEnvironment() {
        Map<String, Manifest> env = containers(only("Deployment")).get(0).list("env").stream()
                .map(Manifest::of)
                .collect(Collectors.toMap(e -> e.string("name"), e -> e));

        assertThat(env.get("POD_NAMESPACE").string("valueFrom", "fieldRef", "fieldPath"))
                .isEqualTo("metadata.namespace");
        assertThat(env).containsKeys("PROTON_OPERATOR_RESYNC_PERIOD", "AWS_REGION");
        assertThat(env).doesNotContainKey("WATCH_NAMESPACES");
        assertThat(env.get("QUARKUS_OPERATOR_SDK_CRD_APPLY").string("value")).isEqualTo("false");
        assertThat(env.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED").string("value")).isEqualTo("true");
    }

    @Test
    void shouldGrantNoWildcardInAnyRbacRule() {
        assertThat(rules(all(m -> m.kind().equals("Role") || m.kind().equals("ClusterRole"))))
                .isNotEmpty()
                .allSatisfy(rule -> {
                    for (String field :
                            List.of("apiGroups", "resources", "verbs", "resourceNames", "nonResourceURLs")) {
                        assertThat(rule.list(field))
                                .as(field + " of " + rule.object())
                                .noneMatch(v -> v.toString().contains("*"));
                    }
                });
    }

    @Test
    void shouldGrantSecretsOnlyGetInTheOperatorNamespace() {
        assertThat(rules(all(m -> m.kind().equals("ClusterRole"))))
                .noneMatch(rule -> rule.list("resources").contains("secrets"));

        Manifest role = only("Role");
        List<Manifest> secretRules = rules(List.of(role)).stream()
                .filter(rule -> rule.list("resources").contains("secrets"))
                .collect(Collectors.toList());
        assertThat(role.namespace()).isEqualTo(NAMESPACE);
        assertThat(secretRules).singleElement().satisfies(rule -> {
            assertThat(rule.list("verbs")).containsExactly("get");
            assertThat(rule.list("resources")).containsExactly("secrets");
        });
    }

    @Test
    void shouldGrantLeaderElectionItsLeaseOnlyInTheOperatorNamespace() {
        assertThat(rules(all(m -> m.kind().equals("ClusterRole"))))
                .noneMatch(rule -> rule.list("resources").contains("leases"));

        List<Manifest> leaseRules = rules(List.of(only("Role"))).stream()
                .filter(rule -> rule.list("apiGroups").contains("coordination.k8s.io"))
                .collect(Collectors.toList());
        assertThat(leaseRules)
                .allSatisfy(rule -> assertThat(rule.list("resources")).containsExactly("leases"));
        // The verbs Java Operator SDK checks before it starts leader election.
        assertThat(leaseRules.stream().flatMap(rule -> rule.list("verbs").stream()))
                .contains("create", "get", "update");
    }

    @Test
    void shouldGrantTheOperatorKindsAndTheirStatusWithoutCreateOrDelete() {
        List<Manifest> operatorRules = rules(List.of(only("ClusterRole"))).stream()
                .filter(rule -> rule.list("apiGroups").contains("proton.ops.dev"))
                .collect(Collectors.toList());

        assertThat(operatorRules.stream().flatMap(rule -> rule.list("resources").stream()))
                .contains(
                        "awsaccounts",
                        "connectionroles",
                        "environmentaccountconnections",
                        "awsaccounts/status",
                        "connectionroles/status",
                        "environmentaccountconnections/status");
        assertThat(operatorRules.stream().flatMap(rule -> rule.list("verbs").stream()))
                .doesNotContain("create", "delete", "deletecollection");
    }

    @Test
    void shouldBindBothRolesToTheOperatorServiceAccount() {
        Manifest serviceAccount = only("ServiceAccount");

        assertThat(serviceAccount.name()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(serviceAccount.annotation("eks.amazonaws.com/role-arn")).startsWith("arn:aws:iam::");
        for (String kind : List.of("RoleBinding", "ClusterRoleBinding")) {
            Manifest binding = only(kind);
            assertThat(binding.list("subjects"))
                    .map(Manifest::of)
                    .singleElement()
                    .satisfies(subject -> {
                        assertThat(subject.string("kind")).isEqualTo("ServiceAccount");
                        assertThat(subject.string("name")).isEqualTo(SERVICE_ACCOUNT);
                        assertThat(subject.string("namespace")).isEqualTo(NAMESPACE);
                    });
            assertThat(binding.string("roleRef", "name"))
                    .isEqualTo(only(kind.replace("Binding", "")).name());
        }
    }

    @Test
    void shouldLetTenantsViewAndEditConnectionsButNotAccountsThroughTheBuiltInRoles() {
        Map<String, Manifest> tenantRoles =
                all(DeployManifestsTest::isTenantRole).stream().collect(Collectors.toMap(Manifest::name, m -> m));
        Manifest view = tenantRoles.get("proton-connection-operator-tenant-view");
        Manifest edit = tenantRoles.get("proton-connection-operator-tenant-edit");

        assertThat(tenantRoles).hasSize(2);
        assertThat(view.string("metadata", "labels", "rbac.authorization.k8s.io/aggregate-to-view"))
                .isEqualTo("true");
        assertThat(edit.string("metadata", "labels", "rbac.authorization.k8s.io/aggregate-to-edit"))
                .isEqualTo("true");
        assertThat(rules(List.of(view)).stream().flatMap(rule -> rule.list("verbs").stream()))
                .containsOnly("get", "list", "watch");
        assertThat(rules(List.of(edit)).stream().flatMap(rule -> rule.list("verbs").stream()))
                .contains("create", "update", "patch", "delete");
        assertThat(rules(List.of(view, edit)))
                .allSatisfy(rule -> assertThat(rule.list("apiGroups")).containsExactly("proton.ops.dev"))
                .flatExtracting(rule -> rule.list("resources"))
                .noneMatch(resource -> resource.toString().startsWith("awsaccounts"));
        assertThat(rules(List.of(edit)))
                .flatExtracting(rule -> rule.list("resources"))
                .noneMatch(resource -> resource.toString().endsWith("/status"));
    }

    @Test
    void shouldKeepAReplicaThroughVoluntaryDisruptions() {
        Manifest deployment = only("Deployment");
        Manifest budget = only("PodDisruptionBudget");

        assertThat(budget.map("spec", "selector")).isEqualTo(deployment.map("spec", "selector"));
        assertThat(budget.at("spec", "maxUnavailable")).isEqualTo(1);
    }

    @Test
    void shouldExposeTheMetricsPortOfEveryReplica() {
        Manifest service = only("Service");
        Map<String, Object> podLabels = only("Deployment").map("spec", "template", "metadata", "labels");

        assertThat(podLabels).containsAllEntriesOf(service.map("spec", "selector"));
        assertThat(service.list("spec", "ports"))
                .map(Manifest::of)
                .singleElement()
                .satisfies(port -> {
                    assertThat(port.string("name")).isEqualTo("metrics");
                    assertThat(port.string("targetPort")).isEqualTo("metrics");
                });
    }

    /** The one object of a kind that serves the operator itself (the tenant ClusterRoles aside). */
    private static Manifest only(String kind) {
        List<Manifest> matches = all(m -> kind.equals(m.kind()) && !isTenantRole(m));
        assertThat(matches).as("rendered objects of kind " + kind).hasSize(1);
        return matches.get(0);
    }

    private static boolean isTenantRole(Manifest manifest) {
        return manifest.kind().equals("ClusterRole") && manifest.name().contains("-tenant-");
    }

    private static List<Manifest> all(Predicate<Manifest> filter) {
        return rendered.stream().filter(filter).collect(Collectors.toList());
    }

    private static Manifest pod(Manifest deployment) {
        return Manifest.of(deployment.at("spec", "template", "spec"));
    }

    private static List<Manifest> containers(Manifest deployment) {
        List<Manifest> containers = new ArrayList<>();
        pod(deployment).list("containers").forEach(c -> containers.add(Manifest.of(c)));
        pod(deployment).list("initContainers").forEach(c -> containers.add(Manifest.of(c)));
        return containers;
    }

    private static List<Manifest> rules(List<Manifest> roles) {
        return roles.stream()
                .flatMap(role -> role.list("rules").stream())
                .map(Manifest::of)
                .collect(Collectors.toList());
    }
}
