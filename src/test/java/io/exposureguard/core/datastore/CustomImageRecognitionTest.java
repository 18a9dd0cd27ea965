package io.exposureguard.core.datastore;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A datastore in an image of another name: a path segment (or a word of one) names it, and the container declares
 * one of its ports or sets settings only it reads. The evidence says it is a lower-confidence recognition.
 * Columns: image | declared ports (space separated) | env names | expected kind (- for none).
 */
class CustomImageRecognitionTest {

    private final DatastoreCatalog catalog = new DatastoreCatalog();

    @ParameterizedTest(name = "{0} ports[{1}] env[{2}] -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            myco/search/elasticsearch-custom:8.15               | 9200      | -                          | ELASTICSEARCH
            registry.example.com/elasticsearch-with-plugins:7.17 | -        | discovery.type             | ELASTICSEARCH
            registry.example.com/elasticsearch-with-plugins:7.17 | -        | ES_JAVA_OPTS               | ELASTICSEARCH
            myco/elasticsearch/custom-image:8                   | 9300      | -                          | ELASTICSEARCH
            acme/cache_redis:7                                  | 6379      | -                          | REDIS
            acme/platform-mongodb:7                             | 27017     | -                          | MONGODB
            myco/search/elasticsearch-custom:8.15               | 8080      | -                          | -
            myco/search/elasticsearch-custom:8.15               | -         | -                          | -
            myco/elasticsearch-exporter:1.7                     | 9200      | -                          | -
            myco/redis-ui:1                                     | 6379      | -                          | -
            myco/redisearch:2                                   | 6379      | -                          | -
            myco/search:1                                       | 9200      | discovery.type             | -
            acme/cache_redis:7                                  | -         | REDIS_PASSWORD             | -
            """)
    void aDatastoreNameInTheImagePathWithItsPortOrSettings(String image, String ports, String env, DatastoreKind expected) {
        Optional<DatastoreCatalog.Recognition> recognition = recognize(image, ports, env);

        assertThat(recognition.map(DatastoreCatalog.Recognition::kind)).isEqualTo(Optional.ofNullable(expected));
    }

    /** Untrusted input: an odd reference never fails recognition; a datastore name in it may still add the fact. */
    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            ''                 | -
            /                  | -
            ::                 | -
            @sha256:           | -
            -elasticsearch-    | -
            //elasticsearch//  | ELASTICSEARCH
            elasticsearch-:    | ELASTICSEARCH
            """)
    void oddImageReferencesNeverFail(String image, DatastoreKind expected) {
        assertThat(recognize(image, "9200", "discovery.type").map(DatastoreCatalog.Recognition::kind))
                .isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void theEvidenceSaysItIsLowerConfidenceAndWhatItRestsOn() {
        assertThat(recognize("myco/search/elasticsearch-custom:8.15", "9200", null).orElseThrow().evidence())
                .isEqualTo("image myco/search/elasticsearch-custom:8.15, recognised with lower confidence:"
                        + " 'elasticsearch' in the image path and port 9200");
        assertThat(recognize("registry.example.com/elasticsearch-with-plugins:7.17", null, "discovery.type").orElseThrow().evidence())
                .endsWith("'elasticsearch' in the image path and Elasticsearch settings in its env");
    }

    @Test
    void aKnownImageKeepsItsPlainEvidence() {
        assertThat(recognize("docker.elastic.co/elasticsearch/elasticsearch:8.15.0", "9200", null).orElseThrow().evidence())
                .isEqualTo("image docker.elastic.co/elasticsearch/elasticsearch:8.15.0");
    }

    @Test
    void aCustomElasticsearchImageIsReadWithTheVersionDefaultOfItsTag() {
        ContainerView es7 = container("myco/search/elasticsearch-custom:7.17.3", "9200", null);

        assertThat(catalog.inspect(catalog.recognize(es7, Map.of()).orElseThrow().kind(), es7).state()).isEqualTo(AuthState.OFF);
    }

    private Optional<DatastoreCatalog.Recognition> recognize(String image, String ports, String env) {
        return catalog.recognize(container(image, ports, env), Map.of());
    }

    private static ContainerView container(String image, String ports, String env) {
        Map<String, EnvValue> vars = new LinkedHashMap<>();
        if (env != null) {
            vars.put(env, EnvValue.literal("x"));
        }
        List<Integer> declared = ports == null ? List.of() : Arrays.stream(ports.split(" ")).map(Integer::valueOf).toList();
        return new ContainerView("main", ImageName.parse(image), vars, List.of(), "", List.of(), declared);
    }
}
