package dev.ops.proton.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;

/** The chart at deploy/helm/proton-connection-operator, linted and rendered with Helm's own library (helm-java). */
final class HelmChart {

    static final Path DIRECTORY = Path.of("deploy/helm/proton-connection-operator");
    static final String RELEASE = "proton-connection-operator";
    static final String NAMESPACE = "proton-operator";

    private HelmChart() {}

    static LintResult lint() {
        return new Helm(DIRECTORY).lint().strict().call();
    }

    /** {@code helm template proton-connection-operator <chart> -n proton-operator [-f values]}, parsed. */
    static List<Manifest> render(Path valuesFile) {
        TemplateCommand template =
                new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        return Manifests.parse(template.call());
    }

    /** {@code helm template <release> <chart> -n <namespace> -f <values>}, parsed. */
    static List<Manifest> render(String release, String namespace, Path valuesFile) {
        return Manifests.parse(new Helm(DIRECTORY)
                .template()
                .withName(release)
                .withNamespace(namespace)
                .withValuesFile(valuesFile)
                .call());
    }
}
