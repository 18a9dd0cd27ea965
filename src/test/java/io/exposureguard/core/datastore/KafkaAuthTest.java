package io.exposureguard.core.datastore;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static io.exposureguard.core.datastore.AuthInspectionTest.container;
import static org.assertj.core.api.Assertions.assertThat;

/** Kafka from a plain image: each client listener's protocol decides; a PLAINTEXT (or bare SSL) listener authenticates nobody. */
class KafkaAuthTest {

    private static final KafkaAuth KAFKA = new KafkaAuth();

    @ParameterizedTest(name = "{0} env [{1}] args [{2}] config [{3}]: {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            apache/kafka:3.9.0 | - | - | - | OFF | default listener is PLAINTEXT://:9092
            bitnami/kafka:3.9 | KAFKA_CFG_LISTENERS=PLAINTEXT://:9092,CONTROLLER://:9093;KAFKA_CFG_CONTROLLER_LISTENER_NAMES=CONTROLLER;KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT | - | - | OFF | PLAINTEXT (PLAINTEXT)
            bitnami/kafka:3.9 | KAFKA_CFG_LISTENERS=CLIENT://:9092,CONTROLLER://:9093;KAFKA_CFG_CONTROLLER_LISTENER_NAMES=CONTROLLER;KAFKA_CFG_LISTENER_SECURITY_PROTOCOL_MAP=CLIENT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT | - | - | ON | CLIENT (SASL_PLAINTEXT)
            confluentinc/cp-kafka:7.7.0 | KAFKA_LISTENERS=INTERNAL://:29092,EXTERNAL://:9092;KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=INTERNAL:SASL_SSL,EXTERNAL:PLAINTEXT | - | - | OFF | EXTERNAL (PLAINTEXT)
            confluentinc/cp-kafka:7.7.0 | KAFKA_LISTENERS=SSL://:9093 | - | - | OFF | SSL without ssl.client.auth=required only encrypts
            confluentinc/cp-kafka:7.7.0 | KAFKA_LISTENERS=SSL://:9093;KAFKA_SSL_CLIENT_AUTH=required | - | - | ON | SSL (SSL)
            apache/kafka:3.9.0 | - | /etc/kafka/server.properties --override listeners=SASL_SSL://:9092 | - | ON | SASL_SSL (SASL_SSL)
            apache/kafka:3.9.0 | - | - | 'listeners=PUBLIC://:9092\nlistener.security.protocol.map=PUBLIC:PLAINTEXT' | OFF | PUBLIC (PLAINTEXT)
            apache/kafka:3.9.0 | KAFKA_LISTENERS=ODD://:9092 | - | - | UNKNOWN | cannot tell
            quay.io/strimzi/kafka:0.45.0-kafka-3.9.0 | - | - | - | UNKNOWN | Strimzi configures from its Kafka resource
            """)
    void theProtocolOfEveryClientListenerDecides(String image, String env, String args, String config, AuthState state, String fact) {
        ContainerView c = container(image, env, args, config == null ? null : config.replace("\\n", "\n"));

        AuthVerdict verdict = KAFKA.inspect(c);

        assertThat(verdict.state()).isEqualTo(state);
        assertThat(String.join(" ", verdict.facts())).contains(fact);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"apache/kafka:3.9.0", "bitnami/kafka:3.9", "confluentinc/cp-kafka:7.7.0", "quay.io/strimzi/kafka:0.45.0-kafka-3.9.0"})
    void kafkaImagesAreRecognisedAsKafka(String image) {
        ContainerView c = new ContainerView("broker", ImageName.parse(image), Map.of(), List.of(), "", List.of());

        assertThat(new DatastoreCatalog().recognize(c, Map.of())).hasValueSatisfying(r -> assertThat(r.kind()).isEqualTo(DatastoreKind.KAFKA));
    }
}
