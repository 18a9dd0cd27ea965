package io.exposureguard.core.model;

/**
 * Identifies one Kubernetes object. {@code namespace} is null for cluster-scoped objects and for the
 * "internet" pseudo-object at the start of exposure paths.
 */
public record ObjectRef(String kind, String namespace, String name) {

    public static ObjectRef of(String kind, String namespace, String name) {
        return new ObjectRef(kind, namespace, name);
    }

    /** "Service shop/es-http", or "Namespace shop" for cluster-scoped objects. */
    public String display() {
        return namespace == null ? kind + " " + name : kind + " " + namespace + "/" + name;
    }

    @Override
    public String toString() {
        return display();
    }
}
