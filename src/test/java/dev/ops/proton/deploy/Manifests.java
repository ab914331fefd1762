package dev.ops.proton.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/** Loads Kubernetes manifests: YAML files as they are, or a kustomization rendered by {@code kubectl kustomize}. */
final class Manifests {

    private Manifests() {}

    static List<Manifest> load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static List<Manifest> parse(String yaml) {
        List<Manifest> manifests = new ArrayList<>();
        for (Object document : new Yaml().loadAll(yaml)) {
            if (document != null) {
                manifests.add(new Manifest((Map<String, Object>) document));
            }
        }
        return manifests;
    }

    /** The files a kustomization lists under resources, loaded as they are (no transformers applied). */
    static List<Manifest> kustomizationResources(Path directory) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (Object resource :
                load(directory.resolve("kustomization.yaml")).get(0).list("resources")) {
            manifests.addAll(load(directory.resolve(resource.toString())));
        }
        return manifests;
    }

    /** True when a kubectl client answers on PATH. */
    static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code kubectl kustomize <directory>}, parsed; fails with kubectl's own error output. */
    static List<Manifest> kustomize(Path directory) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectError(errors.toFile())
                    .start();
            String rendered;
            try (InputStream out = process.getInputStream()) {
                rendered = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        "kubectl kustomize " + directory + " failed: " + Files.readString(errors));
            }
            return parse(rendered);
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
