package dev.ops.proton.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The production artifact holds the operator alone: no class of the local AWS endpoint, of the embedded Kubernetes
 * API, or of the Fabric8 mock server they are built on, in any jar or directory of target/quarkus-app.
 */
class ProductionArtifactIT {

    private static final List<String> DEVELOPMENT_TOOLING = List.of(
            "dev/ops/proton/localaws/",
            "dev/ops/proton/kubeapi/",
            "dev/ops/proton/sandbox/",
            "io/fabric8/kubernetes/client/server/mock/",
            "io/fabric8/mockwebserver/");

    @Test
    void shouldHoldNoDevelopmentToolingClass() throws IOException {
        List<String> classes = classesIn(PackagedOperator.QUARKUS_APP);
        assertThat(classes)
                .as("classes in " + PackagedOperator.QUARKUS_APP)
                .anyMatch(name -> name.startsWith("dev/ops/proton/connection/"));
        assertThat(classes)
                .as("development tooling in " + PackagedOperator.QUARKUS_APP)
                .noneMatch(name -> DEVELOPMENT_TOOLING.stream().anyMatch(name::startsWith));
    }

    /** Every class file name in the directory tree and in the jars within it, as a path inside its jar or root. */
    private static List<String> classesIn(Path root) throws IOException {
        List<String> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class")) {
                    classes.add(root.relativize(file).toString().replace('\\', '/'));
                } else if (name.endsWith(".jar")) {
                    try (ZipFile jar = new ZipFile(file.toFile())) {
                        for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                            String entry = entries.nextElement().getName();
                            if (entry.endsWith(".class")) {
                                classes.add(entry);
                            }
                        }
                    }
                }
            }
        }
        return classes;
    }
}
