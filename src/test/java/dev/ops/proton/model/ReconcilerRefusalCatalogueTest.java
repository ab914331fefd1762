package dev.ops.proton.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.localaws.LocalAws;
import dev.ops.proton.roles.ConnectionRoles;
import dev.ops.proton.status.ConditionTypes;
import dev.ops.proton.status.Conditions;
import dev.ops.proton.testing.LocalAwsTestResource;
import dev.ops.proton.testing.LocalAwsTestResource.InjectLocalAws;
import dev.ops.proton.testing.OperatorFixtures;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of manifests that the CRD schema accepts but the operator must refuse: a reference to something
 * missing or not allowed, credentials that prove another account, a template CloudFormation refuses, a role Proton
 * can't use. A schema can't see any of that; the reconciler must stall the resource with a reason and a message a
 * person can act on, instead of crash-looping, waiting forever or calling AWS for nothing.
 *
 * <p>Each file under {@code manifests/stalled} is one case: multi-document YAML whose last document is the resource
 * under test, the earlier ones what it needs (AwsAccounts, Secrets, ConfigMaps, ConnectionRoles). Namespaced objects
 * without a namespace go to a namespace named like the file. Header lines:
 * <ul>
 * <li>{@code # expect: Stalled <Reason>: <message fragment>} (required)</li>
 * <li>{@code # absent: <text>}: must appear neither in the resource's status nor in its events (a secret)</li>
 * <li>{@code # no-calls: <service>}: no call to that AWS service from any account the case declares</li>
 * </ul>
 * AwsAccounts that assume {@value OperatorFixtures#OPERATOR_ROLE} in their own account get that role bootstrapped;
 * ConnectionRoles before the subject are awaited until they settle (Ready or Stalled).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = LocalAwsTestResource.class, restrictToAnnotatedClass = true)
class ReconcilerRefusalCatalogueTest {

    private static final Path CATALOGUE = Path.of("src/test/resources/manifests/stalled");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern EXPECT = Pattern.compile("^# expect: Stalled (\\w+): (.+)$");
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static CrdSchemaValidator validator;

    @Inject
    KubernetesClient client;

    @InjectLocalAws
    LocalAws localAws;

    private final List<HasMetadata> applied = new ArrayList<>();

    /** One catalogue file, parsed. */
    record Case(
            String name, String reason, String fragment, List<String> absent, List<String> quiet, List<JsonNode> docs) {

        static Case read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file);
            Matcher expect = EXPECT.matcher(lines.get(0));
            assertThat(expect.matches())
                    .as("%s: first line must be '# expect: Stalled <Reason>: <fragment>'", file)
                    .isTrue();
            List<String> absent = header(lines, "# absent: ");
            List<String> quiet = header(lines, "# no-calls: ");
            List<JsonNode> docs = new ArrayList<>();
            try (var parser = YAML.getFactory().createParser(file.toFile())) {
                YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                    if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                        docs.add(doc);
                    }
                });
            }
            String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            return new Case(name, expect.group(1), expect.group(2), absent, quiet, docs);
        }

        private static List<String> header(List<String> lines, String prefix) {
            return lines.stream()
                    .takeWhile(l -> l.startsWith("#"))
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()))
                    .toList();
        }

        JsonNode subject() {
            return docs.get(docs.size() - 1);
        }

        Set<String> accountIds() {
            Set<String> ids = new LinkedHashSet<>();
            docs.stream()
                    .filter(d -> "AwsAccount".equals(d.path("kind").asText()))
                    .forEach(d -> ids.add(d.at("/spec/accountId").asText()));
            return ids;
        }
    }

    @BeforeAll
    static void loadCrds() throws IOException {
        validator = new CrdSchemaValidator(Path.of("crds"));
    }

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(CATALOGUE)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void shouldHoldCasesForEachKind() throws IOException {
        List<String> kinds = new ArrayList<>();
        for (Path file : cases().toList()) {
            kinds.add(Case.read(file).subject().path("kind").asText());
        }
        assertThat(kinds).contains("AwsAccount", "ConnectionRoles", "EnvironmentAccountConnection");
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldPassTheSchemaAndBeStalledByTheReconcilerWithAnActionableMessage(Path file) throws IOException {
        Case c = Case.read(file);
        for (JsonNode doc : c.docs()) {
            if (doc.path("apiVersion").asText().startsWith("proton.ops.dev/")) {
                assertThat(validator.validate(doc))
                        .as("%s: %s is meant to pass the CRD schema", c.name(), doc.at("/metadata/name"))
                        .isEmpty();
            }
        }
        ensureNamespace(c);
        for (JsonNode doc : c.docs()) {
            boolean subject = doc == c.subject();
            HasMetadata resource = apply(c, doc);
            if (!subject && resource instanceof ConnectionRoles roles) {
                awaitSettled(roles);
            }
        }
        HasMetadata subject = applied.get(applied.size() - 1);

        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Condition stalled = Conditions.find(conditionsOf(subject), ConditionTypes.STALLED);
            assertThat(stalled).as("%s: Stalled condition", c.name()).isNotNull();
            assertThat(stalled.getStatus()).as("%s: %s", c.name(), stalled).isEqualTo("True");
            assertThat(stalled.getReason()).as("%s: %s", c.name(), stalled).isEqualTo(c.reason());
            assertThat(stalled.getMessage()).as("%s: %s", c.name(), stalled).contains(c.fragment());
        });
        Condition ready = Conditions.find(conditionsOf(subject), ConditionTypes.READY);
        assertThat(ready.getStatus()).as("%s: Ready", c.name()).isEqualTo("False");
        for (String secret : c.absent()) {
            assertThat(client.getKubernetesSerialization().asJson(current(subject)))
                    .as("%s: status", c.name())
                    .doesNotContain(secret);
            assertThat(client.v1().events().inAnyNamespace().list().getItems())
                    .as("%s: events", c.name())
                    .noneSatisfy(e -> assertThat(e.getMessage()).contains(secret));
        }
        for (String service : c.quiet()) {
            assertThat(localAws.calls()
                            .count(k -> c.accountIds().contains(k.account())
                                    && k.service().equals(service)))
                    .as("%s: calls to %s", c.name(), service)
                    .isZero();
        }
    }

    @AfterEach
    void deleteWhatTheCaseApplied() {
        for (int i = applied.size() - 1; i >= 0; i--) {
            client.resource(applied.get(i)).delete();
        }
        applied.clear();
    }

    private void ensureNamespace(Case c) {
        boolean declared = c.docs().stream()
                .anyMatch(d -> "Namespace".equals(d.path("kind").asText())
                        && c.name().equals(d.at("/metadata/name").asText()));
        if (!declared) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(c.name())
                            .endMetadata()
                            .build())
                    .createOr(n -> n.update());
        }
    }

    private HasMetadata apply(Case c, JsonNode doc) {
        String kind = doc.path("kind").asText();
        Class<? extends HasMetadata> type = switch (kind) {
            case "AwsAccount" -> AwsAccount.class;
            case "ConnectionRoles" -> ConnectionRoles.class;
            case "EnvironmentAccountConnection" -> EnvironmentAccountConnection.class;
            case "Secret" -> Secret.class;
            case "ConfigMap" -> ConfigMap.class;
            case "Namespace" -> Namespace.class;
            default -> throw new IllegalArgumentException(c.name() + ": unexpected kind " + kind);
        };
        HasMetadata resource = client.getKubernetesSerialization().convertValue(doc, type);
        boolean clusterScoped = resource instanceof AwsAccount || resource instanceof Namespace;
        if (!clusterScoped && resource.getMetadata().getNamespace() == null) {
            resource.getMetadata().setNamespace(c.name());
        }
        if (resource instanceof AwsAccount account) {
            bootstrapOperatorRole(account);
        }
        HasMetadata created = client.resource(resource).createOr(r -> r.update());
        applied.add(created);
        return created;
    }

    /** Creates the role an AwsAccount assumes when it is the operator role of its own account. */
    private void bootstrapOperatorRole(AwsAccount account) {
        var assume = account.getSpec().assumeRole();
        String accountId = account.getSpec().accountId();
        if (assume != null
                && assume.roleArn().equals("arn:aws:iam::" + accountId + ":role/" + OperatorFixtures.OPERATOR_ROLE)) {
            OperatorFixtures.bootstrapAccount(localAws, accountId);
        }
    }

    private void awaitSettled(ConnectionRoles roles) {
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Condition> conditions = conditionsOf(roles);
            return Conditions.isTrue(conditions, ConditionTypes.READY)
                    || Conditions.isTrue(conditions, ConditionTypes.STALLED);
        });
    }

    private HasMetadata current(HasMetadata resource) {
        return client.resource(resource).get();
    }

    private List<Condition> conditionsOf(HasMetadata resource) {
        HasMetadata found = current(resource);
        if (found instanceof AwsAccount a && a.getStatus() != null) {
            return a.getStatus().conditions();
        }
        if (found instanceof ConnectionRoles r && r.getStatus() != null) {
            return r.getStatus().conditions();
        }
        if (found instanceof EnvironmentAccountConnection e && e.getStatus() != null) {
            return e.getStatus().conditions();
        }
        return List.of();
    }
}
