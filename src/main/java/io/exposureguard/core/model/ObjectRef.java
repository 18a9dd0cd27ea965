package io.exposureguard.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * Identifies one Kubernetes object. {@code namespace} is null for cluster-scoped objects and for the
 * "internet" pseudo-object at the start of exposure paths.
 *
 * <p>Identity is group, kind, namespace and name. {@code version} is carried (it is what the object was read
 * as, and what events and reports name) but is not part of identity: the API server serves one object under
 * several versions. {@code group} is "" for the core API group and null when unknown (a pseudo-object, or a
 * kind named without its apiVersion that is not a built-in kind).
 */
public record ObjectRef(String group, String version, String kind, String namespace, String name) {

    /** apiVersion of the built-in kinds the engine names without one (and of exposure-guard's own kinds). */
    private static final Map<String, String> BUILT_IN = Map.ofEntries(
            Map.entry("Service", "v1"), Map.entry("Pod", "v1"), Map.entry("ReplicationController", "v1"),
            Map.entry("ConfigMap", "v1"), Map.entry("Secret", "v1"), Map.entry("Namespace", "v1"),
            Map.entry("Deployment", "apps/v1"), Map.entry("StatefulSet", "apps/v1"), Map.entry("DaemonSet", "apps/v1"),
            Map.entry("ReplicaSet", "apps/v1"), Map.entry("Job", "batch/v1"), Map.entry("CronJob", "batch/v1"),
            Map.entry("Ingress", "networking.k8s.io/v1"), Map.entry("NetworkPolicy", "networking.k8s.io/v1"),
            Map.entry("ExposurePolicy", "exposureguard.io/v1alpha1"), Map.entry("ExposureException", "exposureguard.io/v1alpha1"));

    /**
     * A built-in kind (Service, Deployment, Ingress, ExposurePolicy, ...), whose group and version are known; any
     * other kind gets no group or version (use {@link #of(String, String, String, String)} for those).
     */
    public static ObjectRef of(String kind, String namespace, String name) {
        String apiVersion = BUILT_IN.get(kind);
        return apiVersion == null ? new ObjectRef(null, null, kind, namespace, name) : of(apiVersion, kind, namespace, name);
    }

    /**
     * An object as read, from its own apiVersion ("v1", "apps/v1", "opensearch.org/v1"). Without one (null or
     * blank) a built-in kind still gets its known group and version.
     */
    public static ObjectRef of(String apiVersion, String kind, String namespace, String name) {
        if (apiVersion == null || apiVersion.isBlank()) {
            return of(kind, namespace, name);
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? new ObjectRef("", apiVersion, kind, namespace, name)
                : new ObjectRef(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind, namespace, name);
    }

    /** "v1", "apps/v1", "elasticsearch.k8s.elastic.co/v1"; null when the group or version is not known. */
    public String apiVersion() {
        if (group == null || version == null) {
            return null;
        }
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The same object in another namespace (cluster-scoped objects looked up where namespaced ones default). */
    public ObjectRef inNamespace(String otherNamespace) {
        return new ObjectRef(group, version, kind, otherNamespace, name);
    }

    /** "Service shop/es-http", or "Namespace shop" for cluster-scoped objects. */
    public String display() {
        return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectRef r && Objects.equals(group, r.group) && Objects.equals(kind, r.kind)
                && Objects.equals(namespace, r.namespace) && Objects.equals(name, r.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, kind, namespace, name);
    }

    @Override
    public String toString() {
        return display();
    }
}
