package dev.ops.proton.account;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Cluster-scoped: how the operator acts in one AWS account. Owned by cluster admins. */
@Group("proton.ops.dev")
@Version("v1alpha1")
@ShortNames("awsacct")
@Categories("proton")
@AdditionalPrinterColumn(name = "Account", jsonPath = ".spec.accountId", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Ready",
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Identity",
        jsonPath = ".status.identityArn",
        priority = 1,
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
        name = "Age",
        jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class AwsAccount extends CustomResource<AwsAccountSpec, AwsAccountStatus> {}
