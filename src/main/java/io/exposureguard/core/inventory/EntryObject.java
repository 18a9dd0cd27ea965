package io.exposureguard.core.inventory;

import io.exposureguard.core.model.ObjectRef;

import java.util.Map;

/**
 * An object of an entry-side kind (a Gateway, a route, a Traefik Middleware, ...), kept as its field tree for the
 * entry module that reads it. The inventory keeps these only for the kinds the entry modules declare.
 *
 * @param ref         the object, with the group and version it was written in
 * @param labels      metadata.labels
 * @param annotations metadata.annotations
 * @param root        every field of the object (spec, status, ...)
 */
public record EntryObject(ObjectRef ref, Map<String, String> labels, Map<String, String> annotations, Tree root) {

    public EntryObject {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public String namespace() {
        return ref.namespace();
    }

    public String name() {
        return ref.name();
    }

    /** The object's {@code spec} (empty when absent; a wrong type is an {@link InvalidFieldException}). */
    public Tree spec() {
        return root.map("spec");
    }
}
