package io.exposureguard.core.inventory;

import io.exposureguard.core.model.ObjectRef;

import java.util.List;
import java.util.Optional;

/**
 * Reads one kind of datastore operator custom resource into datastores and the Services its operator generates.
 * The modules in {@code io.exposureguard.core.kinds} implement it; {@link InventoryBuilder} dispatches every custom
 * resource to the first reader that {@link #reads} it. Pure.
 */
public interface CustomResourceReader {

    /** Whether an object of this apiVersion ("group/version") and kind is this reader's. */
    boolean reads(String apiVersion, String kind);

    /**
     * @param ref     the object, with the group and version it was read as
     * @param root    the object's fields (spec, ..., and {@code metadata} with its name, labels and annotations)
     * @param context the other custom resources of the same input
     * @throws InvalidFieldException when a field has the wrong shape (the object becomes an input problem)
     */
    CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context);

    /** What a reader may ask about the rest of the input, answered once per object (memoised). */
    interface ReadContext {

        /** The reading of another custom resource of the input; empty when it is absent, not a datastore or unreadable. */
        Optional<CustomResourceReading> reading(ObjectRef ref);

        /**
         * The input's objects of that API group and kind in the namespace, as trees like {@code root} (with their
         * metadata), in input order: how a reader finds objects that name it (Strimzi's node pools name their
         * Kafka by label). Empty by default.
         */
        default List<Tree> objects(String group, String kind, String namespace) {
            return List.of();
        }

        /**
         * A Secret of the input, its data decoded, with what the operator's cache left out of it: how a reader sees
         * the credentials a resource names (MinIO's configuration Secret). Empty when absent, and by default.
         */
        default Optional<ConfigLookup.Source> secret(String namespace, String name) {
            return Optional.empty();
        }
    }
}
