package io.exposureguard.core.policy;

import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;

/** A read-only view of the cluster as the operator's caches hold it: objects, policies, exceptions, namespace labels. */
public record ClusterState(List<HasMetadata> objects, List<ExposurePolicy> policies, List<ExposureException> exceptions,
                           Map<String, Map<String, String>> namespaceLabels) {

    public static final ClusterState EMPTY = new ClusterState(List.of(), List.of(), List.of(), Map.of());
}
