package io.exposureguard.core.inventory;

import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.Map;

/** The pod template of a workload (or a bare Pod): who runs it, the labels its pods get, and its spec. */
public record PodTemplate(ObjectRef owner, Map<String, String> labels, PodSpec spec) {
}
