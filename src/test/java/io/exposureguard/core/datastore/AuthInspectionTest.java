package io.exposureguard.core.datastore;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How each datastore's authentication is read from its container: image, env, args and mounted config.
 * Columns: image | env (NAME=value;...) | args | mounted config text | expected verdict.
 */
class AuthInspectionTest {

    private final DatastoreCatalog catalog = new DatastoreCatalog();

    @ParameterizedTest(name = "{0} env[{1}] args[{2}] -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            redis:7.2                                  | -                                   | -                                   | -                              | OFF
            redis:7.2                                  | -                                   | redis-server --requirepass $(PASS)  | -                              | ON
            redis:7.2                                  | -                                   | redis-server --protected-mode no    | -                              | OFF
            redis:7.2                                  | -                                   | -                                   | requirepass s3cret             | ON
            valkey/valkey:8                            | VALKEY_PASSWORD=x                   | -                                   | -                              | ON
            bitnami/redis:7.2                          | -                                   | -                                   | -                              | ON
            bitnami/redis:7.2                          | ALLOW_EMPTY_PASSWORD=yes            | -                                   | -                              | OFF
            docker.io/bitnamilegacy/redis:7.2.4        | ALLOW_EMPTY_PASSWORD=true           | -                                   | -                              | OFF
            mongo:7.0                                  | -                                   | -                                   | -                              | OFF
            mongo:7.0                                  | MONGO_INITDB_ROOT_USERNAME=root     | -                                   | -                              | OFF
            mongo:7.0                                  | MONGO_INITDB_ROOT_USERNAME=root;MONGO_INITDB_ROOT_PASSWORD=x | -                     | -                              | ON
            mongo:7.0                                  | -                                   | mongod --auth                       | -                              | ON
            bitnami/mongodb:7.0                        | ALLOW_EMPTY_PASSWORD=yes            | -                                   | -                              | OFF
            bitnami/mongodb:7.0                        | -                                   | -                                   | -                              | ON
            postgres:16                                | POSTGRES_PASSWORD=x                 | -                                   | -                              | ON
            postgres:16                                | POSTGRES_HOST_AUTH_METHOD=trust     | -                                   | -                              | OFF
            postgres:16                                | -                                   | -                                   | host all all 0.0.0.0/0 trust   | OFF
            bitnami/postgresql:16                      | ALLOW_EMPTY_PASSWORD=yes            | -                                   | -                              | OFF
            mysql:8.4                                  | MYSQL_ALLOW_EMPTY_PASSWORD=yes      | -                                   | -                              | OFF
            mysql:8.4                                  | MYSQL_ROOT_PASSWORD=x               | -                                   | -                              | ON
            mariadb:11                                 | MARIADB_ALLOW_EMPTY_ROOT_PASSWORD=1 | -                                   | -                              | OFF
            mariadb:11                                 | -                                   | mariadbd --skip-grant-tables        | -                              | OFF
            cassandra:5.0                              | -                                   | -                                   | -                              | OFF
            cassandra:5.0                              | -                                   | -                                   | authenticator: PasswordAuthenticator | ON
            bitnami/cassandra:5.0                      | -                                   | -                                   | -                              | ON
            couchdb:2.3                                | -                                   | -                                   | -                              | OFF
            couchdb:3.4                                | -                                   | -                                   | -                              | ON
            memcached:1.6                              | -                                   | -                                   | -                              | OFF
            memcached:1.6                              | -                                   | memcached -S                        | -                              | ON
            clickhouse/clickhouse-server:24.8          | CLICKHOUSE_SKIP_USER_SETUP=1        | -                                   | -                              | OFF
            clickhouse/clickhouse-server:24.8          | CLICKHOUSE_PASSWORD=x               | -                                   | -                              | ON
            clickhouse/clickhouse-server:24.8          | -                                   | -                                   | -                              | UNKNOWN
            quay.io/coreos/etcd:v3.5.15                | -                                   | etcd --client-cert-auth=true        | -                              | ON
            quay.io/coreos/etcd:v3.5.15                | -                                   | etcd                                | -                              | OFF
            bitnami/etcd:3.5                           | ALLOW_NONE_AUTHENTICATION=yes       | -                                   | -                              | OFF
            zookeeper:3.9                              | -                                   | -                                   | -                              | OFF
            bitnami/zookeeper:3.9                      | ZOO_ENABLE_AUTH=yes                 | -                                   | -                              | ON
            bitnami/zookeeper:3.9                      | ALLOW_ANONYMOUS_LOGIN=yes           | -                                   | -                              | OFF
            docker.elastic.co/elasticsearch/elasticsearch:8.15.0 | -                         | -                                   | -                              | ON
            docker.elastic.co/elasticsearch/elasticsearch:8.15.0 | xpack.security.enabled=false | -                                 | -                              | OFF
            docker.elastic.co/elasticsearch/elasticsearch:8.15.0 | ES_SETTING_XPACK_SECURITY_ENABLED=false | -                      | -                              | OFF
            docker.elastic.co/elasticsearch/elasticsearch:7.17.22 | -                        | -                                   | -                              | OFF
            docker.elastic.co/elasticsearch/elasticsearch:7.17.22 | xpack.security.enabled=true | -                                  | -                              | ON
            docker.elastic.co/elasticsearch/elasticsearch:8.15.0 | xpack.security.authc.anonymous.roles=viewer | -              | -                              | ANONYMOUS
            elasticsearch                              | -                                   | -                                   | -                              | ON
            elasticsearch:latest                       | -                                   | -                                   | -                              | ON
            docker.elastic.co/elasticsearch/elasticsearch-oss:7.10.2 | xpack.security.enabled=true | -                                | -                              | OFF
            docker.elastic.co/elasticsearch/elasticsearch:7.17.22 | -                        | -                                   | xpack.security.enabled: true   | ON
            bitnami/keydb:6.3                          | ALLOW_EMPTY_PASSWORD=yes            | -                                   | -                              | OFF
            bitnami/keydb:6.3                          | -                                   | -                                   | -                              | ON
            bitnami/keydb:6.3                          | -                                   | exec keydb-server /opt/bitnami/keydb/etc/keydb.conf | protected-mode no | OFF
            bitnami/keydb:6.3                          | -                                   | exec keydb-server /opt/bitnami/keydb/etc/keydb.conf | requirepass s3cret | ON
            eqalpha/keydb:x86_64_v6.3.4                | -                                   | keydb-server --requirepass $(PASS)  | -                              | ON
            eqalpha/keydb:x86_64_v6.3.4                | -                                   | keydb-server /etc/keydb/keydb.conf  | -                              | OFF
            docker.dragonflydb.io/dragonflydb/dragonfly:v1.23.0 | -                          | dragonfly --logtostderr             | -                              | OFF
            docker.dragonflydb.io/dragonflydb/dragonfly:v1.23.0 | DFLY_requirepass=x         | -                                   | -                              | ON
            docker.dragonflydb.io/dragonflydb/dragonfly:v1.23.0 | -                          | dragonfly --requirepass=x           | -                              | ON
            rabbitmq:3.13-management                   | -                                   | -                                   | -                              | OFF
            rabbitmq:4.0-management                    | RABBITMQ_DEFAULT_USER=app;RABBITMQ_DEFAULT_PASS=s3cret | -                | -                              | ON
            rabbitmq:4.0                               | RABBITMQ_DEFAULT_USER=guest;RABBITMQ_DEFAULT_PASS=guest | -               | -                              | OFF
            rabbitmq:4.0                               | -                                   | -                                   | loopback_users.guest = true    | ON
            bitnami/rabbitmq:4.0                       | -                                   | -                                   | -                              | OFF
            bitnami/rabbitmq:4.0                       | RABBITMQ_PASSWORD=bitnami           | -                                   | -                              | OFF
            bitnami/rabbitmq:4.0                       | RABBITMQ_PASSWORD=s3cret            | -                                   | -                              | ON
            minio/minio:RELEASE.2024-10-13T13-34-11Z   | -                                   | minio server /data                  | -                              | OFF
            quay.io/minio/minio:latest                 | MINIO_ROOT_USER=minioadmin;MINIO_ROOT_PASSWORD=minioadmin | -             | -                              | OFF
            quay.io/minio/minio:latest                 | MINIO_ROOT_USER=minio;MINIO_ROOT_PASSWORD=minio123 | -                       | -                              | OFF
            quay.io/minio/minio:latest                 | MINIO_ROOT_USER=admin;MINIO_ROOT_PASSWORD=Kq83hdP0 | -                    | -                              | ON
            minio/minio:RELEASE.2019-10-12T01-39-57Z   | MINIO_ACCESS_KEY=admin;MINIO_SECRET_KEY=Kq83hdP0 | -                      | -                              | ON
            bitnami/minio:2024                         | -                                   | -                                   | -                              | OFF
            neo4j:5.23                                 | NEO4J_AUTH=none                     | -                                   | -                              | OFF
            neo4j:5.23                                 | NEO4J_AUTH=neo4j/Kq83hdP0xx         | -                                   | -                              | ON
            neo4j:5.23                                 | NEO4J_AUTH=neo4j/neo4j              | -                                   | -                              | OFF
            neo4j:5.23                                 | -                                   | -                                   | -                              | UNKNOWN
            neo4j:4.4                                  | NEO4J_dbms_security_auth__enabled=false | -                               | -                              | OFF
            bitnami/neo4j:5                            | -                                   | -                                   | -                              | OFF
            influxdb:1.8                               | -                                   | -                                   | -                              | OFF
            influxdb:1.8                               | INFLUXDB_HTTP_AUTH_ENABLED=true     | -                                   | -                              | ON
            influxdb:2.7                               | DOCKER_INFLUXDB_INIT_MODE=setup     | -                                   | -                              | ON
            influxdb:2.7                               | -                                   | -                                   | -                              | UNKNOWN
            influxdb:3-core                            | -                                   | influxdb3 serve                     | -                              | ON
            influxdb:3-core                            | -                                   | influxdb3 serve --without-auth      | -                              | OFF
            bitnami/influxdb:2                         | -                                   | -                                   | -                              | ON
            solr:9.6                                   | -                                   | -                                   | -                              | OFF
            solr:9.6                                   | -                                   | -                                   | "authentication":{"blockUnknown":true,"class":"solr.BasicAuthPlugin"} | ON
            solr:9.6                                   | -                                   | -                                   | "authentication":{"class":"solr.BasicAuthPlugin"} | OFF
            solr:9.6                                   | ZK_HOST=zk:2181                     | -                                   | -                              | UNKNOWN
            bitnami/solr:9                             | SOLR_ENABLE_AUTHENTICATION=yes      | -                                   | -                              | ON
            rethinkdb:2.4                              | -                                   | rethinkdb --bind all                | -                              | OFF
            rethinkdb:2.4                              | -                                   | rethinkdb --bind all --initial-password auto | -                     | OFF
            rethinkdb:2.4                              | -                                   | rethinkdb --bind all --initial-password auto --no-http-admin | -     | ON
            bde2020/hadoop-namenode:2.0.0-hadoop3.2.1-java8 | -                              | -                                   | -                              | OFF
            bde2020/hadoop-namenode:2.0.0-hadoop3.2.1-java8 | CORE_CONF_hadoop_security_authentication=kerberos | -                | -                              | ON
            apache/hadoop:3.4                          | -                                   | hdfs namenode                       | -                              | OFF
            qdrant/qdrant:v1.12.0                      | -                                   | -                                   | -                              | OFF
            qdrant/qdrant:v1.12.0                      | QDRANT__SERVICE__API_KEY=k          | -                                   | -                              | ON
            cr.weaviate.io/semitechnologies/weaviate:1.27.0 | -                              | -                                   | -                              | OFF
            cr.weaviate.io/semitechnologies/weaviate:1.27.0 | AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true | -                     | -                              | OFF
            cr.weaviate.io/semitechnologies/weaviate:1.27.0 | AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false;AUTHENTICATION_APIKEY_ENABLED=true | - | -       | ON
            milvusdb/milvus:v2.4.13                    | -                                   | milvus run standalone               | -                              | OFF
            milvusdb/milvus:v2.4.13                    | -                                   | milvus run standalone               | authorizationEnabled: true     | ON
            chromadb/chroma:0.5.20                     | -                                   | -                                   | -                              | OFF
            chromadb/chroma:0.5.20                     | CHROMA_SERVER_AUTHN_PROVIDER=chromadb.auth.token_authn.TokenAuthenticationServerProvider | - | - | ON
            chromadb/chroma:1.0.12                     | CHROMA_SERVER_AUTHN_PROVIDER=chromadb.auth.token_authn.TokenAuthenticationServerProvider | - | - | OFF
            chromadb/chroma                            | -                                   | -                                   | -                              | OFF
            couchdb                                    | -                                   | -                                   | -                              | ON
            bitnami/elasticsearch:8                    | -                                   | -                                   | -                              | OFF
            opensearchproject/opensearch:2.14.0        | -                                   | -                                   | -                              | ON
            opensearchproject/opensearch:2.14.0        | DISABLE_SECURITY_PLUGIN=true        | -                                   | -                              | OFF
            opensearchproject/opensearch-dashboards:2.14.0 | DISABLE_SECURITY_DASHBOARDS_PLUGIN=true | -                       | -                              | OFF
            docker.elastic.co/kibana/kibana:8.15.0     | -                                   | -                                   | -                              | UNKNOWN
            haproxy:2.8                                | -                                   | -                                   | -                              | UNKNOWN
            mongo-express:1.0.2                        | -                                   | -                                   | -                              | UNKNOWN
            mongo-express:1.0.2                        | ME_CONFIG_MONGODB_URL=mongodb://root:pw@db:27017 | -                 | -                              | OFF
            mongo-express:1.0.2                        | ME_CONFIG_MONGODB_ADMINPASSWORD=pw;ME_CONFIG_BASICAUTH_USERNAME=admin;ME_CONFIG_BASICAUTH_PASSWORD=pass | - | - | OFF
            mongo-express:0.54                         | ME_CONFIG_BASICAUTH_USERNAME=ops;ME_CONFIG_BASICAUTH_PASSWORD=long-pw | - | -             | ON
            mongo-express:1.0.2                        | ME_CONFIG_BASICAUTH=false;ME_CONFIG_BASICAUTH_USERNAME=ops;ME_CONFIG_BASICAUTH_PASSWORD=long-pw | - | - | UNKNOWN
            rediscommander/redis-commander:latest      | REDIS_HOSTS=local:db:6379:0:pw      | -                                   | -                              | OFF
            rediscommander/redis-commander:latest      | REDIS_HOST=db;REDIS_PASSWORD=pw     | --http-auth-username ops --http-auth-password pw2 | -                | ON
            redis/redisinsight:2.66                    | RI_REDIS_HOST=db;RI_REDIS_PASSWORD=pw | -                                 | -                              | OFF
            redis/redisinsight:2.66                    | -                                   | -                                   | -                              | UNKNOWN
            phpmyadmin:5.2                             | PMA_HOST=db                         | -                                   | -                              | UNKNOWN
            phpmyadmin:5.2                             | PMA_ARBITRARY=1;PMA_USER=root;PMA_PASSWORD=pw | -                         | -                              | OFF
            adminer:4.8.1                              | ADMINER_DEFAULT_SERVER=db           | -                                   | -                              | UNKNOWN
            dpage/pgadmin4:8.12                        | -                                   | -                                   | -                              | ON
            dpage/pgadmin4:8.12                        | PGADMIN_CONFIG_SERVER_MODE=False    | -                                   | '"PassFile": "/pgpass"'        | OFF
            provectuslabs/kafka-ui:v0.7.2              | KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS=kafka:9092 | -                          | -                              | UNKNOWN
            provectuslabs/kafka-ui:v0.7.2              | AUTH_TYPE=OAUTH2                    | -                                   | -                              | ON
            tchiotludo/akhq:0.25.1                     | AKHQ_CONFIGURATION=micronaut:\\n  security:\\n    enabled: true | -       | -                              | ON
            tchiotludo/akhq:0.25.1                     | -                                   | -                                   | 'sasl.jaas.config: x'          | OFF
            lmenezes/cerebro:0.9.4                     | -                                   | -                                   | 'hosts = [{host = "http://es:9200", auth = {username = "u", password = "p"}}]' | OFF
            lmenezes/cerebro:0.9.4                     | AUTH_TYPE=basic                     | -                                   | -                              | ON
            """)
    void authenticationVerdict(String image, String env, String args, String config, AuthState expected) {
        ContainerView c = container(image, env, args, config);
        DatastoreType kind = catalog.recognize(c, Map.of()).orElseThrow().kind();

        AuthVerdict verdict = catalog.inspect(kind, c);

        assertThat(verdict.state()).isEqualTo(expected);
        assertThat(verdict.facts()).isNotEmpty();
        if (verdict.open()) {
            assertThat(verdict.fix()).as("an open datastore always comes with a fix").isNotBlank();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            superuser                 | CRITICAL
            viewer                    | HIGH
            editor                    | HIGH
            ingest_admin              | HIGH
            transport_client          | HIGH
            my_custom_reader          | HIGH
            monitoring_user           | MEDIUM
            monitoring_user,superuser | CRITICAL
            """)
    void elasticsearchAnonymousRoleSeverity(String roles, io.exposureguard.core.model.Severity expected) {
        ContainerView c = new ContainerView("elasticsearch", ImageName.parse("elasticsearch:8.15.0"),
                Map.of("xpack.security.authc.anonymous.roles", EnvValue.literal(roles)), List.of(), "", List.of());

        AuthVerdict verdict = catalog.inspect(DatastoreKind.ELASTICSEARCH, c);

        assertThat(verdict.state()).isEqualTo(AuthState.ANONYMOUS);
        assertThat(verdict.weakness()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            REDIS_PASSWORD    | Secret cache-auth
            MONGO_INITDB_ROOT_PASSWORD | Secret mongo-auth
            """)
    void secretValuesAreNeverPartOfTheFacts(String name, String source) {
        EnvValue secret = new EnvValue("hunter2-do-not-print", source, true);

        assertThat(secret.describe(name)).isEqualTo(name + " (from " + source + ")").doesNotContain("hunter2");
    }

    static ContainerView container(String image, String env, String args, String config) {
        Map<String, EnvValue> vars = new LinkedHashMap<>();
        if (env != null) {
            for (String pair : env.split(";")) {
                int eq = pair.indexOf('=');
                vars.put(pair.substring(0, eq), EnvValue.literal(pair.substring(eq + 1).replace("\\n", "\n")));
            }
        }
        List<String> tokens = args == null ? List.of() : Arrays.asList(args.split("\\s+"));
        return new ContainerView("main", ImageName.parse(image), vars, tokens, config == null ? "" : config, List.of());
    }
}
