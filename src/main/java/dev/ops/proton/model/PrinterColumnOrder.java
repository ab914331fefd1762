package dev.ops.proton.model;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the printer columns in reading order: the CRD generator sorts them by JSONPath, which puts AGE first and
 * READY in the middle. Here READY and AGE move to the end (the other columns keep their order), as
 * {@code kubectl get} users expect. Applied by the build (quarkus.operator-sdk.crd.post-processor).
 */
public class PrinterColumnOrder implements CRDPostProcessor {

    private static final List<String> LAST = List.of("Ready", "Age");

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
                List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
                if (columns != null) {
                    List<CustomResourceColumnDefinition> ordered = new ArrayList<>(columns);
                    ordered.sort(Comparator.comparingInt(c -> LAST.indexOf(c.getName())));
                    version.setAdditionalPrinterColumns(ordered);
                }
            }
        }
        return crd;
    }
}
