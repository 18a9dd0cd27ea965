package io.exposureguard.core.api.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Namespaced: an approved, expiring exemption from some rules for some objects. Counts only in exception namespaces.
 * Its status says whether it applies and how many findings it exempts.
 */
@Group("exposureguard.io")
@Version("v1alpha1")
@ShortNames("xexc")
@Categories("exposureguard")
@AdditionalPrinterColumn(name = "Rules", jsonPath = ".spec.rules")
@AdditionalPrinterColumn(name = "Expires", jsonPath = ".spec.expiresAt", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Approved-By", jsonPath = ".spec.approvedBy")
@AdditionalPrinterColumn(name = "Applied", jsonPath = ".status.conditions[?(@.type==\"Applied\")].status")
@AdditionalPrinterColumn(name = "Reason", jsonPath = ".status.conditions[?(@.type==\"Applied\")].reason", priority = 1)
@AdditionalPrinterColumn(name = "Matched", jsonPath = ".status.matched", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class ExposureException extends CustomResource<ExposureExceptionSpec, ExposureExceptionStatus> implements Namespaced {
}
