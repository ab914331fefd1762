package dev.ops.proton.connection;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One Proton connection: requested from the environment account, accepted from the management account. */
@Group("proton.ops.dev")
@Version("v1alpha1")
@ShortNames("eac")
@Categories("proton")
@AdditionalPrinterColumn(
        name = "Environment",
        jsonPath = ".spec.environmentName",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Management",
        jsonPath = ".status.managementAccountId",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "State", jsonPath = ".status.state", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class EnvironmentAccountConnection
        extends CustomResource<EnvironmentAccountConnectionSpec, EnvironmentAccountConnectionStatus>
        implements Namespaced {}
