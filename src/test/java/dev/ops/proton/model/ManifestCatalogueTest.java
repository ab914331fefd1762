package dev.ops.proton.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A catalogue of good and bad manifests checked against the committed CRDs: each file under
 * manifests/valid must be accepted; each under manifests/invalid must be refused with an error mentioning what its
 * first line ({@code # expect: ...}) names.
 */
class ManifestCatalogueTest {

    private static final Path CATALOGUE = Path.of("src/test/resources/manifests");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static CrdSchemaValidator validator;

    @BeforeAll
    static void loadCrds() throws IOException {
        validator = new CrdSchemaValidator(Path.of("crds"));
    }

    static Stream<Path> valid() throws IOException {
        return files("valid");
    }

    static Stream<Path> invalid() throws IOException {
        return files("invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void shouldAcceptValidManifest(Path file) throws IOException {
        assertThat(validator.validate(YAML.readTree(file.toFile())))
                .as(file.toString())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void shouldRefuseInvalidManifestNamingTheProblem(Path file) throws IOException {
        String expected = Files.readAllLines(file).get(0).replaceFirst("^# expect: ", "");
        JsonNode manifest = YAML.readTree(file.toFile());

        List<String> errors = validator.validate(manifest);

        assertThat(errors).as("errors for %s", file).isNotEmpty();
        assertThat(String.join("\n", errors)).as("errors for %s", file).contains(expected);
    }

    static Stream<JsonNode> examples() throws IOException {
        List<JsonNode> documents = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("deploy/examples"))) {
            for (Path file : files.filter(f -> !f.endsWith("kustomization.yaml"))
                    .sorted()
                    .toList()) {
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(document -> {
                        if (document.path("apiVersion").asText().startsWith("proton.ops.dev/")) {
                            documents.add(document);
                        }
                    });
                }
            }
        }
        return documents.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("examples")
    void shouldAcceptTheShippedExamples(JsonNode example) {
        assertThat(validator.validate(example))
                .as(example.at("/metadata/name").asText())
                .isEmpty();
    }

    @Test
    void shouldHoldAtLeastFortyInvalidManifests() throws IOException {
        assertThat(invalid().count()).isGreaterThanOrEqualTo(40);
    }

    private static Stream<Path> files(String kind) throws IOException {
        try (Stream<Path> files = Files.list(CATALOGUE.resolve(kind))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }
}
