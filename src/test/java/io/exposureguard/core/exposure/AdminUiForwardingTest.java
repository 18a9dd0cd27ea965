package io.exposureguard.core.exposure;

import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin UIs in front of a datastore, on a public LoadBalancer: the UI's own login decides. No login while holding the
 * datastore's credentials exposes the data however well the datastore is protected; a login of its own protects even
 * an open datastore; no login and no credentials is as open as the datastore; a login form that takes the datastore's
 * credentials (phpMyAdmin, Adminer) is as open as the datastore.
 */
class AdminUiForwardingTest {

    /** A datastore {@code db} in namespace tools behind ClusterIP Service {@code db} on {@code port}. */
    private static String store(String image, String env, int port) {
        return """
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: tools}
                spec:
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers:
                        - {name: db, image: '%s', env: [%s], ports: [{containerPort: %d}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: tools}
                spec: {selector: {app: db}, ports: [{port: %3$d}]}
                """.formatted(image, env, port);
    }

    /** The UI {@code ui} in namespace tools on a LoadBalancer at {@code port}, with extra pod spec (volumes) and container fields. */
    private static String ui(String image, String env, int port, String podExtra, String containerExtra) {
        return """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: ui, namespace: tools}
                spec:
                  selector: {matchLabels: {app: ui}}
                  template:
                    metadata: {labels: {app: ui}}
                    spec:
                      %4$s
                      containers:
                        - name: ui
                          image: '%1$s'
                          env: [%2$s]
                          ports: [{containerPort: %3$d}]
                          %5$s
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: ui, namespace: tools}
                spec: {type: LoadBalancer, selector: {app: ui}, ports: [{port: %3$d}]}
                """.formatted(image, env, port, podExtra, containerExtra);
    }

    private static String ui(String image, String env, int port) {
        return ui(image, env, port, "", "");
    }

    private static final String MONGO_OPEN = store("mongo:7.0", "", 27017);
    private static final String MONGO_AUTH = store("mongo:7.0",
            "{name: MONGO_INITDB_ROOT_USERNAME, value: root}, {name: MONGO_INITDB_ROOT_PASSWORD, value: long-and-s3cret}", 27017);
    private static final String ME = "mongo-express:1.0.2";
    private static final String ME_TO_DB = "{name: ME_CONFIG_MONGODB_SERVER, value: db}";
    private static final String ME_CREDS = "{name: ME_CONFIG_MONGODB_URL, value: 'mongodb://root:long-and-s3cret@db:27017/'}";
    private static final String ME_LOGIN = "{name: ME_CONFIG_BASICAUTH_USERNAME, value: ops}, {name: ME_CONFIG_BASICAUTH_PASSWORD, value: another-s3cret}";
    private static final String REDIS_OPEN = store("redis:7.2", "", 6379);
    private static final String REDIS_AUTH = store("redis:7.2", "{name: REDIS_PASSWORD, value: long-and-s3cret}", 6379);
    private static final String MYSQL_EMPTY = store("mysql:8.0", "{name: MYSQL_ALLOW_EMPTY_PASSWORD, value: 'yes'}", 3306);
    private static final String MYSQL_AUTH = store("mysql:8.0", "{name: MYSQL_ROOT_PASSWORD, value: long-and-s3cret}", 3306);
    private static final String PG_TRUST = store("postgres:16", "{name: POSTGRES_HOST_AUTH_METHOD, value: trust}", 5432);
    private static final String PG_AUTH = store("postgres:16", "{name: POSTGRES_PASSWORD, value: long-and-s3cret}", 5432);
    private static final String SERVERS_JSON = """
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: servers, namespace: tools}
            data:
              servers.json: '{"Servers": {"1": {"Name": "db", "Host": "db", "Port": 5432, "Username": "postgres"}}}'
            """;
    private static final String SERVERS_MOUNT = "volumes: [{name: servers, configMap: {name: servers}}]";
    private static final String SERVERS_VOLUME = "volumeMounts: [{name: servers, mountPath: /pgadmin4/servers.json, subPath: servers.json}]";

    static Stream<Arguments> cases() {
        String critical = "EG-EXP-001 critical";
        return Stream.of(
                Arguments.of("mongo-express without a login in front of an open MongoDB", MONGO_OPEN + ui(ME, ME_TO_DB, 8081), critical),
                Arguments.of("mongo-express without a login holding the credentials of a MongoDB that asks for them",
                        MONGO_AUTH + ui(ME, ME_CREDS, 8081), critical),
                Arguments.of("mongo-express admin credentials in env, no login", MONGO_AUTH + ui(ME, ME_TO_DB
                        + ", {name: ME_CONFIG_MONGODB_ADMINUSERNAME, value: root}, {name: ME_CONFIG_MONGODB_ADMINPASSWORD, value: long-and-s3cret}", 8081), critical),
                Arguments.of("mongo-express with the well-known admin:pass", MONGO_AUTH + ui(ME, ME_CREDS
                        + ", {name: ME_CONFIG_BASICAUTH_USERNAME, value: admin}, {name: ME_CONFIG_BASICAUTH_PASSWORD, value: pass}", 8081), critical),
                Arguments.of("mongo-express with ME_CONFIG_BASICAUTH=false", MONGO_AUTH + ui(ME, ME_CREDS + ", " + ME_LOGIN
                        + ", {name: ME_CONFIG_BASICAUTH, value: 'false'}", 8081), critical),
                Arguments.of("mongo-express with a login of its own in front of an open MongoDB", MONGO_OPEN + ui(ME, ME_TO_DB + ", " + ME_LOGIN, 8081), "none"),
                Arguments.of("mongo-express without a login or credentials in front of a MongoDB that asks for them",
                        MONGO_AUTH + ui(ME, ME_TO_DB, 8081), "none"),
                Arguments.of("redis-commander REDIS_HOSTS to an open Redis", REDIS_OPEN
                        + ui("ghcr.io/joeferner/redis-commander:0.9.0", "{name: REDIS_HOSTS, value: 'local:db:6379'}", 8081), critical),
                Arguments.of("redis-commander holding the Redis password in REDIS_HOSTS", REDIS_AUTH
                        + ui("rediscommander/redis-commander:latest", "{name: REDIS_HOSTS, value: 'local:db:6379:0:long-and-s3cret'}", 8081), critical),
                Arguments.of("redis-commander with HTTP basic auth in front of an open Redis", REDIS_OPEN
                        + ui("rediscommander/redis-commander:latest", "{name: REDIS_HOST, value: db}, {name: HTTP_USER, value: ops},"
                        + " {name: HTTP_PASSWORD, value: another-s3cret}", 8081), "none"),
                Arguments.of("RedisInsight preconfigured with the Redis password", REDIS_AUTH
                        + ui("redis/redisinsight:2.66", "{name: RI_REDIS_HOST, value: db}, {name: RI_REDIS_PASSWORD, value: long-and-s3cret}", 5540), critical),
                Arguments.of("phpMyAdmin in front of MySQL with a root password", MYSQL_AUTH
                        + ui("phpmyadmin:5.2", "{name: PMA_HOST, value: db}", 80), "none"),
                Arguments.of("phpMyAdmin in front of MySQL that allows an empty password", MYSQL_EMPTY
                        + ui("phpmyadmin:5.2", "{name: PMA_HOST, value: db}", 80), critical),
                Arguments.of("phpMyAdmin config authentication logs in for everyone", MYSQL_AUTH
                        + ui("phpmyadmin:5.2", "{name: PMA_HOST, value: db}, {name: PMA_USER, value: root}, {name: PMA_PASSWORD, value: long-and-s3cret}", 80),
                        critical),
                Arguments.of("Adminer in front of a Postgres that trusts everyone", PG_TRUST
                        + ui("adminer:4.8.1", "{name: ADMINER_DEFAULT_SERVER, value: db}", 8080), critical),
                Arguments.of("Adminer in front of a Postgres with a password", PG_AUTH
                        + ui("adminer:4.8.1", "{name: ADMINER_DEFAULT_SERVER, value: db}", 8080), "none"),
                Arguments.of("pgAdmin in server mode in front of a Postgres that trusts everyone", PG_TRUST + SERVERS_JSON
                        + ui("dpage/pgadmin4:8.12", "", 80, SERVERS_MOUNT, SERVERS_VOLUME), "none"),
                Arguments.of("pgAdmin in desktop mode in front of a Postgres that trusts everyone", PG_TRUST + SERVERS_JSON
                        + ui("dpage/pgadmin4:8.12", "{name: PGADMIN_CONFIG_SERVER_MODE, value: 'False'}", 80, SERVERS_MOUNT, SERVERS_VOLUME), critical),
                Arguments.of("Kafka UI without AUTH_TYPE holding the brokers' SASL credentials", store("bitnami/kafka:3.7", "", 9092)
                        + ui("provectuslabs/kafka-ui:v0.7.2", "{name: KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS, value: 'db:9092'},"
                        + " {name: KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG, value: 'PlainLoginModule required username=\"u\" password=\"p\";'}", 8080), critical),
                Arguments.of("Kafka UI with a login form", store("bitnami/kafka:3.7", "", 9092)
                        + ui("kafbat/kafka-ui:v1.0.0", "{name: KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS, value: 'db:9092'}, {name: AUTH_TYPE, value: LOGIN_FORM}", 8080),
                        "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theUisOwnLoginDecides(String description, String yaml, String expected) {
        EvaluationResult result = Manifests.evaluate(yaml);

        List<String> onUi = result.findings().stream().filter(f -> f.resource().name().equals("ui") && f.rule().id().equals("EG-EXP-001"))
                .map(Manifests::verdict).distinct().toList();
        assertThat(onUi).isEqualTo(expected.equals("none") ? List.of() : List.of(expected));
        assertThat(result.problems()).isEmpty();
    }

    @Test
    void theFindingThroughAUiShowsBothHops() {
        Finding f = Manifests.evaluate(MONGO_OPEN + ui(ME, ME_TO_DB, 8081)).findings().stream()
                .filter(x -> x.rule().id().equals("EG-EXP-001")).findFirst().orElseThrow();

        assertThat(f.path().stream().map(FindingText::hop).toList()).containsSubsequence(
                "mongo-express in Deployment tools/ui port 8081", "ClusterIP Service tools/db port 27017", "MongoDB in StatefulSet tools/db port 27017");
    }

    @Test
    void aUiOpenByItselfShowsTheProtectedDatastoreItOpens() {
        List<Finding> onUi = Manifests.evaluate(MONGO_AUTH + ui(ME, ME_CREDS, 8081)).findings().stream()
                .filter(x -> x.rule().id().equals("EG-EXP-001")).toList();

        assertThat(onUi).singleElement().satisfies(f -> {
            assertThat(f.path().stream().map(FindingText::hop).toList()).containsSubsequence(
                    "mongo-express in Deployment tools/ui port 8081", "ClusterIP Service tools/db port 27017", "MongoDB in StatefulSet tools/db port 27017");
            assertThat(f.facts()).anyMatch(x -> x.contains("connects to its datastore with the credentials in env ME_CONFIG_MONGODB_URL"));
        });
    }

    @Test
    void aUiWhoseDatastoreIsNotInTheInputIsUnverifiedNamingTheAddress() {
        Finding f = Manifests.evaluate(ui(ME, ME_CREDS.replace("@db:", "@elsewhere:"), 8081)).findings().stream()
                .filter(x -> x.rule().id().equals("EG-EXP-006")).findFirst().orElseThrow();

        assertThat(f.facts()).anyMatch(x -> x.startsWith("not confirmed: upstream elsewhere:27017"));
    }
}
