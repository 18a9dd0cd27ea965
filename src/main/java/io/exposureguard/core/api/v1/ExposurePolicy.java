package io.exposureguard.core.api.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Cluster-scoped: what exposure-guard does about each finding, and in which namespaces. */
@Group("exposureguard.io")
@Version("v1alpha1")
@ShortNames("xpol")
@Categories("exposureguard")
@AdditionalPrinterColumn(name = "Critical", jsonPath = ".spec.actions.critical")
@AdditionalPrinterColumn(name = "High", jsonPath = ".spec.actions.high")
@AdditionalPrinterColumn(name = "Critical-Findings", jsonPath = ".status.findings.critical", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "High-Findings", jsonPath = ".status.findings.high", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Degraded", jsonPath = ".status.conditions[?(@.type==\"Degraded\")].status")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ExposurePolicy extends CustomResource<ExposurePolicySpec, ExposurePolicyStatus> {
}
