package dev.ops.proton.roles;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** The CloudFormation stack of scoped IAM roles in an environment account. */
@Group("proton.ops.dev")
@Version("v1alpha1")
@Plural("connectionroles")
@ShortNames("croles")
@Categories("proton")
@AdditionalPrinterColumn(
        name = "Stack",
        jsonPath = ".status.stackId",
        priority = 1,
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.stackStatus", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class ConnectionRoles extends CustomResource<ConnectionRolesSpec, ConnectionRolesStatus> implements Namespaced {

    /** The stack name: spec.stackName, or the resource's name. */
    public String stackName() {
        return getSpec().stackName() != null
                ? getSpec().stackName()
                : getMetadata().getName();
    }
}
