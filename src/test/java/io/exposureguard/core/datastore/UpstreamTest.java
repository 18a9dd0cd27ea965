package io.exposureguard.core.datastore;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How an upstream setting's text becomes addresses: URLs, lists, host and port, and text that names none. */
class UpstreamTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://es:9200                                     | es:9200
            https://user:pw@es.logs.svc.cluster.local:9243/x  | es.logs.svc.cluster.local:9243
            '["http://a:9200", "http://b:9200"]'               | a:9200 b:9200
            'http://a:9200,http://b:9200'                      | a:9200 b:9200
            ES-Master                                          | es-master
            http://es:99999                                    | ''
            '::::'                                             | ''
            """)
    void addressesInASettingsValue(String value, String expected) {
        List<String> addresses = Upstream.parse(value, "env X").stream().map(Upstream::address).toList();
        assertThat(String.join(" ", addresses)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'elasticsearch.hosts: ["http://a:9200"]'                            | '["http://a:9200"]'
            'server.host: 0\\nelasticsearch.hosts:\\n  - http://a:9200\\n  - http://b:9200\\nx: 1' | ' http://a:9200 http://b:9200'
            'elasticsearch.url: http://a:9200  # comment'                       | http://a:9200
            'server.host: 0'                                                    |
            """)
    void kibanaYmlValues(String yaml, String expected) {
        assertThat(DashboardsModule.configValue(yaml.replace("\\n", "\n"), yaml.contains("url") ? "elasticsearch.url" : "elasticsearch.hosts"))
                .isEqualTo(expected);
    }

    /** Where each admin UI reads the address of the datastore it administers. Columns: image | env | mounted config | addresses. */
    @ParameterizedTest(name = "{0} env[{1}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            mongo-express:1.0.2                    | ME_CONFIG_MONGODB_URL=mongodb://u:p@m0.db:27017,m1.db:27017/x | - | m0.db:27017 m1.db:27017
            mongo-express:1.0.2                    | ME_CONFIG_MONGODB_SERVER=db;ME_CONFIG_MONGODB_PORT=27018 | -        | db:27018
            mongo-express:1.0.2                    | -                                     | -                              | mongo:27017
            rediscommander/redis-commander:latest  | REDIS_HOSTS=a:cache:6380,cache2       | -                              | cache:6380 cache2
            rediscommander/redis-commander:latest  | REDIS_HOST=cache;REDIS_PORT=6379      | -                              | cache:6379
            phpmyadmin:5.2                         | PMA_HOSTS=db1,db2                     | -                              | db1 db2
            phpmyadmin:5.2                         | -                                     | -                              | db
            adminer:4.8.1                          | ADMINER_DEFAULT_SERVER=pg.data         | -                             | pg.data
            dpage/pgadmin4:8.12                    | -                                     | '{"1": {"Host": "pg", "Port": 5432}}' | pg
            provectuslabs/kafka-ui:v0.7.2          | KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS=k0:9092,k1:9092;KAFKA_CLUSTERS_1_BOOTSTRAPSERVERS=other:9092 | - | k0:9092 k1:9092 other:9092
            tchiotludo/akhq:0.25.1                 | -                                     | 'bootstrap.servers: "kafka:9092"' | kafka:9092
            lmenezes/cerebro:0.9.4                 | -                                     | 'hosts = [{host = "http://es:9200", name = "es"}]' | es:9200
            redis/redisinsight:2.66                | RI_REDIS_HOST=cache                   | -                              | cache
            """)
    void eachAdminUiReadsItsUpstreams(String image, String env, String config, String expected) {
        ContainerView c = AuthInspectionTest.container(image, env, null, config);
        DatastoreKind kind = (DatastoreKind) new io.exposureguard.core.datastore.catalog.DatastoreCatalog().recognize(c, java.util.Map.of())
                .orElseThrow().kind();

        assertThat(kind.upstreams(c).stream().map(Upstream::address).toList()).containsExactlyInAnyOrder(expected.split(" "));
    }
}
