package io.exposureguard.core.datastore;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which containers are datastores: by image name (any registry, tag or digest), or by container name plus pod label. */
class DatastoreRecognitionTest {

    private final DatastoreCatalog catalog = new DatastoreCatalog();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            redis                                                     | REDIS
            redis:7.2-alpine                                          | REDIS
            docker.io/bitnami/redis:7.2                               | REDIS
            docker.io/bitnamilegacy/valkey:8.0                        | REDIS
            registry.example.com:5000/mirror/mongo:7@sha256:0123abcd  | MONGODB
            mongodb/mongodb-community-server:7.0-ubi8                 | MONGODB
            postgres:16                                               | POSTGRESQL
            bitnami/postgresql-repmgr:16                              | POSTGRESQL
            mariadb:11                                                | MYSQL
            cassandra:5                                               | CASSANDRA
            couchdb:3                                                 | COUCHDB
            memcached:1.6                                             | MEMCACHED
            clickhouse/clickhouse-server:24.8                         | CLICKHOUSE
            quay.io/coreos/etcd:v3.5.15                               | ETCD
            zookeeper:3.9                                             | ZOOKEEPER
            docker.elastic.co/elasticsearch/elasticsearch:8.15.0      | ELASTICSEARCH
            opensearchproject/opensearch:2                            | OPENSEARCH
            docker.elastic.co/kibana/kibana:8.15.0                    | KIBANA
            opensearchproject/opensearch-dashboards:2                 | OPENSEARCH_DASHBOARDS
            haproxy:2.8                                               | HAPROXY
            mongo-express:1.0.2                                       | MONGO_EXPRESS
            ghcr.io/joeferner/redis-commander:0.9.0                   | REDIS_COMMANDER
            redislabs/redisinsight:1.14.0                             | REDISINSIGHT
            phpmyadmin/phpmyadmin:5.2                                 | PHPMYADMIN
            adminer:4.8.1                                             | ADMINER
            dpage/pgadmin4:8.12                                       | PGADMIN
            ghcr.io/kafbat/kafka-ui:v1.0.0                            | KAFKA_UI
            tchiotludo/akhq:0.25.1                                    | AKHQ
            lmenezes/cerebro:0.9.4                                    | CEREBRO
            docker.io/bitnami/keydb:6.3.4                             | KEYDB
            eqalpha/keydb:latest                                      | KEYDB
            docker.dragonflydb.io/dragonflydb/dragonfly:v1.23.0       | DRAGONFLY
            rabbitmq:3.13-management                                  | RABBITMQ
            bitnami/rabbitmq:4.0                                      | RABBITMQ
            quay.io/minio/minio:RELEASE.2024-10-13T13-34-11Z          | MINIO
            bitnami/minio:2024                                        | MINIO
            neo4j:5.23-community                                      | NEO4J
            influxdb:1.8-alpine                                       | INFLUXDB
            solr:9.6                                                  | SOLR
            rethinkdb:2.4                                             | RETHINKDB
            bde2020/hadoop-namenode:2.0.0-hadoop3.2.1-java8           | HDFS_NAMENODE
            qdrant/qdrant:v1.12.0                                     | QDRANT
            cr.weaviate.io/semitechnologies/weaviate:1.27.0           | WEAVIATE
            milvusdb/milvus:v2.4.13                                   | MILVUS
            chromadb/chroma:0.5.20                                    | CHROMA
            ghcr.io/chroma-core/chroma:1.0.12                         | CHROMA
            """)
    void recognisesDatastoreImages(String image, DatastoreKind expected) {
        assertThat(kindOf(image, "main", Map.of())).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            nginx:1.27
            oliver006/redis_exporter:v1.62.0
            quay.io/prometheus/node-exporter:v1.8
            ghcr.io/example/redis-operator:latest
            apache/hadoop:3.4
            bitnami/rabbitmq-cluster-operator:2.11
            minio/mc:latest
            """)
    void ordinaryImagesAreNotDatastores(String image) {
        assertThat(kindOf(image, "web", Map.of())).isEmpty();
    }

    @Test
    void containerNameAndAppLabelTogetherRecogniseAMirroredImage() {
        assertThat(kindOf("registry.internal/platform/cache-image:3", "redis", Map.of("app.kubernetes.io/name", "redis")))
                .contains(DatastoreKind.REDIS);
    }

    @Test
    void containerNameAloneIsNotEnough() {
        assertThat(kindOf("registry.internal/platform/cache-image:3", "redis", Map.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> repository {1}, tag {2}, bitnami {3}")
    @CsvSource(delimiter = '|', textBlock = """
            redis:7.2                                    | redis                   | 7.2   | false
            docker.io/bitnami/redis:7.2                  | bitnami/redis           | 7.2   | true
            localhost:5000/bitnamilegacy/mongodb         | bitnamilegacy/mongodb   | ''    | true
            mirror.example.com/library/postgres@sha256:ab | library/postgres       | ''    | false
            """)
    void imageReferencesAreSplit(String reference, String repository, String tag, boolean bitnami) {
        ImageName name = ImageName.parse(reference);

        assertThat(name.repository()).isEqualTo(repository);
        assertThat(name.tag()).isEqualTo(tag);
        assertThat(name.bitnami()).isEqualTo(bitnami);
    }

    private Optional<DatastoreType> kindOf(String image, String containerName, Map<String, String> labels) {
        ContainerView c = new ContainerView(containerName, ImageName.parse(image), Map.of(), List.of(), "", List.of());
        return catalog.recognize(c, labels).map(DatastoreCatalog.Recognition::kind);
    }
}
