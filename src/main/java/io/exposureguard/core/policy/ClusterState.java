package io.exposureguard.core.policy;

import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;

/**
 * A read-only view of the cluster as the operator's caches hold it: objects, policies, exceptions, namespace labels,
 * and the quarantines proven to be exposure-guard's own ({@code quarantines}: a datastore's display name to the
 * "namespace/name" of the quarantine NetworkPolicy that contains it; empty where no seal proves any, as in scan).
 */
public record ClusterState(List<HasMetadata> objects, List<ExposurePolicy> policies, List<ExposureException> exceptions,
                           Map<String, Map<String, String>> namespaceLabels, Map<String, String> quarantines) {

    public static final ClusterState EMPTY = new ClusterState(List.of(), List.of(), List.of(), Map.of());

    public ClusterState {
        quarantines = quarantines == null ? Map.of() : Map.copyOf(quarantines);
    }

    /** Without proven quarantines (scan, tests, a cluster whose quarantine key is not loaded). */
    public ClusterState(List<HasMetadata> objects, List<ExposurePolicy> policies, List<ExposureException> exceptions,
                        Map<String, Map<String, String>> namespaceLabels) {
        this(objects, policies, exceptions, namespaceLabels, Map.of());
    }

    /** The same view with these proven quarantines. */
    public ClusterState withQuarantines(Map<String, String> proven) {
        return new ClusterState(objects, policies, exceptions, namespaceLabels, proven);
    }

    /** The same view over other objects (admission judges a namespace with the incoming object in place). */
    public ClusterState withObjects(List<HasMetadata> others) {
        return new ClusterState(others, policies, exceptions, namespaceLabels, quarantines);
    }
}
