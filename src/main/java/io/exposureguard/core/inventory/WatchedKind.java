package io.exposureguard.core.inventory;

import java.util.List;

/**
 * One custom-resource kind of one API group that the operator watches (an informer once its CRD exists), that its
 * ClusterRole may list and watch, and that the validating webhook receives.
 *
 * @param versions the served versions read, the first one watched
 */
public record WatchedKind(String group, List<String> versions, String kind, String plural) {

    public WatchedKind {
        versions = List.copyOf(versions);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException(kind + "." + group + ": no version");
        }
    }

    /** The version the informer lists and watches. */
    public String version() {
        return versions.get(0);
    }

    /** Whether an object of this apiVersion ("group/version") and kind is of this kind, in any version. */
    public boolean matches(String apiVersion, String kind) {
        return this.kind.equals(kind) && apiVersion != null && apiVersion.startsWith(group + "/");
    }

    /** Whether {@code apiVersion}'s version is one of {@link #versions} (call after {@link #matches}). */
    public boolean reads(String apiVersion) {
        return versions.contains(apiVersion.substring(group.length() + 1));
    }

    /** "gateway.networking.k8s.io/v1, gateway.networking.k8s.io/v1beta1", for messages. */
    public String apiVersions() {
        return String.join(", ", versions.stream().map(v -> group + "/" + v).toList());
    }

    /** "elasticsearches.elasticsearch.k8s.elastic.co", the name of the kind's CRD. */
    public String crdName() {
        return plural + "." + group;
    }
}
