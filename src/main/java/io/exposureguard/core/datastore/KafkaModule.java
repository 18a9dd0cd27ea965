package io.exposureguard.core.datastore;


import java.util.List;
import java.util.Set;

/**
 * Apache Kafka from a plain image (apache/kafka, bitnami/kafka, confluentinc/cp-kafka): listeners on PLAINTEXT, or on
 * SSL without client certificates, authenticate nobody ({@link KafkaAuth} reads the listener protocol map). Brokers
 * Strimzi runs are read from their {@code Kafka} resource instead.
 */
public final class KafkaModule extends DatastoreModule {

    private final KafkaAuth auth = new KafkaAuth();

    public KafkaModule() {
        super("Kafka", Set.of("kafka", "cp-kafka", "cp-server", "kafka-native"), List.of(9092));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.KAFKA;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        return auth.inspect(c);
    }
}
