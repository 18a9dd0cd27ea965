package io.exposureguard.app.admission;

import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.inventory.WatchedKind;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Metric tag values taken from a review, from fixed sets only. A review's kind and operation are chosen by
 * whoever sends it; used as tags verbatim, forged reviews with made-up kinds would add series without bound
 * (and a percentile histogram per series) until a scrape exhausts the heap. Anything outside the sets is
 * {@code other}.
 */
final class AdmissionTags {

    static final String OTHER = "other";

    /** The built-in kinds the webhook configurations send (deploy/webhook, the chart) and the engine reads. */
    private static final Set<String> BUILT_IN = Set.of("Service", "Pod", "ReplicationController", "Deployment",
            "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Ingress", "NetworkPolicy", "ConfigMap", "Secret",
            "IngressRoute", "EndpointSlice");

    /** The built-in kinds and every custom-resource kind of the registry (a fixed set: it is known at build time). */
    static final Set<String> KINDS = Stream.concat(BUILT_IN.stream(), ResourceKinds.watched().stream().map(WatchedKind::kind))
            .collect(Collectors.toUnmodifiableSet());

    static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");

    private AdmissionTags() {
    }

    static String kind(AdmissionRequest request) {
        String kind = request.getKind() == null ? null : request.getKind().getKind();
        return kind != null && KINDS.contains(kind) ? kind : OTHER;
    }

    static String operation(AdmissionRequest request) {
        String operation = request.getOperation();
        return operation != null && OPERATIONS.contains(operation) ? operation : OTHER;
    }
}
