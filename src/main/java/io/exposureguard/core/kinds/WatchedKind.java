package io.exposureguard.core.kinds;

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

    /** "elasticsearches.elasticsearch.k8s.elastic.co", the name of the kind's CRD. */
    public String crdName() {
        return plural + "." + group;
    }
}
