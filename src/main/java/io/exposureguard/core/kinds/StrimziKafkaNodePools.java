package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;

/**
 * Strimzi's {@code KafkaNodePool}: a group of the brokers (or controllers) of the Kafka its {@code strimzi.io/cluster}
 * label names. It holds no listener settings, so it stands for no datastore of its own: its Kafka reads it
 * ({@link StrimziBrokers}) for its brokers' labels, node ids and per-broker Services. Read here so that it is
 * watched, checked (a field of the wrong shape is its own input problem) and not reported as unmodelled.
 */
public final class StrimziKafkaNodePools implements DatastoreResourceKind {

    @Override
    public String kind() {
        return StrimziBrokers.POOL_KIND;
    }

    @Override
    public List<String> groups() {
        return List.of(StrimziKafka.GROUP);
    }

    @Override
    public List<String> versions() {
        return List.of("v1", "v1beta2");
    }

    @Override
    public String plural() {
        return "kafkanodepools";
    }

    @Override
    public String generatedServices() {
        return "none of its own (its brokers' Services are read with the Kafka its strimzi.io/cluster label names)";
    }

    @Override
    public String ownSettingsFix() {
        return "none (the listeners are fixed in its Kafka)";
    }

    @Override
    public boolean fixesOwnSettings() {
        return false;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        StrimziBrokers.check(root);
        return new CustomResourceReading(List.of(), List.of());
    }
}
