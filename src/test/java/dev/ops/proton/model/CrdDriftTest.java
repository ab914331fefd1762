package dev.ops.proton.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ops.proton.account.AwsAccount;
import dev.ops.proton.connection.EnvironmentAccountConnection;
import dev.ops.proton.roles.ConnectionRoles;
import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed CRDs in crds/ must be exactly what the build generates from the model (the same Fabric8 CRD
 * generator v2 the Quarkus Operator SDK runs at build time into target/kubernetes/).
 */
class CrdDriftTest {

    @TempDir
    static Path generated;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "awsaccounts.proton.ops.dev-v1.yml",
                "connectionroles.proton.ops.dev-v1.yml",
                "environmentaccountconnections.proton.ops.dev-v1.yml"
            })
    void shouldMatchTheGeneratedCrd(String file) throws IOException {
        new CRDGenerator()
                .inOutputDir(generated.toFile())
                .forCRDVersions("v1")
                .withPostProcessor(new PrinterColumnOrder())
                .customResourceClasses(AwsAccount.class, ConnectionRoles.class, EnvironmentAccountConnection.class)
                .generate();

        assertThat(Files.readString(Path.of("crds", file)))
                .as(
                        "crds/%s drifted from the model: run ./mvnw package -DskipTests and copy target/kubernetes/%s "
                                + "to crds/",
                        file, file)
                .isEqualTo(Files.readString(generated.resolve(file)));
    }

    @Test
    void shouldListEveryCrdInTheKustomization() throws IOException {
        String kustomization = Files.readString(Path.of("crds", "kustomization.yaml"));

        assertThat(kustomization)
                .contains(
                        "awsaccounts.proton.ops.dev-v1.yml",
                        "connectionroles.proton.ops.dev-v1.yml",
                        "environmentaccountconnections.proton.ops.dev-v1.yml");
    }
}
