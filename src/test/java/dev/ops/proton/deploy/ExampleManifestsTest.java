package dev.ops.proton.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The workshop scenario in deploy/examples must hang together the way the operator will check it: every reference
 * names an object the examples declare, every AwsAccount allows the namespace that uses it, and the Argo CD sync
 * waves create accounts before stacks and stacks before connections.
 */
class ExampleManifestsTest {

    private static final Path EXAMPLES = Path.of("deploy/examples");

    private static List<Manifest> examples;

    @BeforeAll
    static void load() throws IOException {
        examples = Manifests.kustomizationResources(EXAMPLES);
    }

    @Test
    void shouldListEveryExampleFileInTheKustomization() throws IOException {
        Set<String> files;
        try (Stream<Path> paths = Files.list(EXAMPLES)) {
            files = paths.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .collect(Collectors.toSet());
        }

        Manifest kustomization =
                Manifests.load(EXAMPLES.resolve("kustomization.yaml")).get(0);
        assertThat(kustomization.list("resources")).map(Object::toString).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void shouldSyncAccountsThenRolesThenConnections() {
        assertThat(examples)
                .allSatisfy(m -> assertThat(m.annotation("argocd.argoproj.io/sync-wave"))
                        .as(m.kind() + " " + m.name())
                        .isEqualTo(Map.of(
                                        "Namespace",
                                        "-1",
                                        "Secret",
                                        "-1",
                                        "AwsAccount",
                                        "0",
                                        "ConnectionRoles",
                                        "1",
                                        "EnvironmentAccountConnection",
                                        "2")
                                .get(m.kind())));
    }

    @Test
    void shouldDeclareTheWorkshopAccounts() {
        Map<String, Manifest> accounts = byName("AwsAccount");

        assertThat(accounts).containsOnlyKeys("management", "environment-222222222222", "environment-333333333333");
        assertThat(accounts.get("management").string("spec", "accountId")).isEqualTo("111111111111");
        assertThat(accounts.get("management").at("spec", "assumeRole")).isNull();
        assertThat(accounts.get("environment-222222222222").at("spec", "assumeRole", "externalId", "secretRef"))
                .isNotNull();
        assertThat(accounts.get("environment-333333333333").at("spec", "assumeRole", "externalId"))
                .isNull();
    }

    @Test
    void shouldReadTheExternalIdFromASecretInTheOperatorNamespace() {
        for (Manifest account : byName("AwsAccount").values()) {
            Manifest secretRef = account.at("spec", "assumeRole", "externalId", "secretRef") == null
                    ? null
                    : Manifest.of(account.at("spec", "assumeRole", "externalId", "secretRef"));
            if (secretRef != null) {
                Manifest secret = byName("Secret").get(secretRef.string("name"));
                assertThat(secret).as("Secret of " + account.name()).isNotNull();
                assertThat(secret.namespace()).isEqualTo("proton-operator");
                assertThat(secret.map("stringData")).containsKey(secretRef.string("key"));
            }
        }
    }

    @Test
    void shouldUseOnlyAccountsThatAllowTheNamespace() {
        Map<String, Manifest> accounts = byName("AwsAccount");
        List<String[]> uses = new ArrayList<>();
        for (Manifest roles : all("ConnectionRoles")) {
            uses.add(new String[] {roles.namespace(), roles.string("spec", "accountRef")});
        }
        for (Manifest connection : all("EnvironmentAccountConnection")) {
            for (String ref : new String[] {"environmentAccountRef", "managementAccountRef"}) {
                if (connection.string("spec", ref) != null) {
                    uses.add(new String[] {connection.namespace(), connection.string("spec", ref)});
                }
            }
        }

        assertThat(uses).isNotEmpty().allSatisfy(use -> {
            assertThat(accounts).containsKey(use[1]);
            assertThat(accounts.get(use[1]).list("spec", "allowedNamespaces")).contains(use[0]);
        });
    }

    @Test
    void shouldTakeEachConnectionRoleFromRolesInTheSameAccountAndNamespace() {
        Map<String, Manifest> roles = byName("ConnectionRoles");

        assertThat(requesting()).isNotEmpty().allSatisfy(connection -> {
            Manifest source = roles.get(connection.string("spec", "role", "fromConnectionRoles", "name"));
            assertThat(source).as("ConnectionRoles of " + connection.name()).isNotNull();
            assertThat(source.namespace()).isEqualTo(connection.namespace());
            assertThat(source.string("spec", "accountRef"))
                    .isEqualTo(connection.string("spec", "environmentAccountRef"));
            assertThat(connection.string("spec", "role", "fromConnectionRoles", "output"))
                    .isEqualTo("ProtonRoleArn");
        });
    }

    @Test
    void shouldAcceptOneConnectionAutomaticallyAndTheManualOneFromTheAcceptOnlySide() {
        assertThat(requesting())
                .extracting(c -> c.string("spec", "acceptance"))
                .containsExactlyInAnyOrder("Automatic", "Manual");
        Manifest manual = requesting().stream()
                .filter(c -> "Manual".equals(c.string("spec", "acceptance")))
                .findFirst()
                .orElseThrow();
        List<Manifest> acceptOnly = all("EnvironmentAccountConnection").stream()
                .filter(c -> c.string("spec", "environmentAccountId") != null)
                .toList();

        assertThat(acceptOnly).singleElement().satisfies(side -> {
            assertThat(side.string("spec", "environmentName")).isEqualTo(manual.string("spec", "environmentName"));
            assertThat(side.string("spec", "environmentAccountId"))
                    .isEqualTo(byName("AwsAccount")
                            .get(manual.string("spec", "environmentAccountRef"))
                            .string("spec", "accountId"));
            assertThat(side.string("spec", "managementAccountRef"))
                    .isEqualTo(manual.string("spec", "managementAccountRef"));
            assertThat(side.namespace()).as("the other side's own place").isNotEqualTo(manual.namespace());
        });
    }

    private static List<Manifest> requesting() {
        return all("EnvironmentAccountConnection").stream()
                .filter(c -> c.string("spec", "environmentAccountRef") != null)
                .toList();
    }

    private static List<Manifest> all(String kind) {
        return examples.stream().filter(m -> kind.equals(m.kind())).collect(Collectors.toList());
    }

    private static Map<String, Manifest> byName(String kind) {
        return all(kind).stream().collect(Collectors.toMap(Manifest::name, Function.identity()));
    }
}
