package io.exposureguard.core.exposure;

import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Something that forwards to a datastore exposes that datastore's data: a path from outside that ends at Kibana or
 * OpenSearch Dashboards continues through the Service its upstream setting names to the datastore behind it, and
 * the finding on the UI's Service uses the weaker of the two verdicts.
 */
class ForwardingTest {

    private static String es(String ns, String name, String image, String env) {
        return """
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  selector: {matchLabels: {app: %2$s}}
                  template:
                    metadata: {labels: {app: %2$s}}
                    spec:
                      containers:
                        - name: es
                          image: %3$s
                          env: [%4$s]
                          ports: [{name: http, containerPort: 9200}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %2$s, namespace: %1$s}
                spec: {selector: {app: %2$s}, ports: [{name: http, port: 9200, targetPort: 9200}]}
                """.formatted(ns, name, image, env);
    }

    private static String ui(String name, String image, String env, String volumes) {
        return """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: logs}
                spec:
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      %4$s
                      containers:
                        - name: ui
                          image: %2$s
                          env: [%3$s]
                          ports: [{containerPort: 5601}]
                          %5$s
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s, namespace: logs}
                spec: {type: LoadBalancer, selector: {app: %1$s}, ports: [{port: 5601}]}
                """.formatted(name, image, env, volumes,
                volumes.isEmpty() ? "" : "volumeMounts: [{name: config, mountPath: /usr/share/kibana/config/kibana.yml, subPath: kibana.yml}]");
    }

    private static final String ES7_OPEN = es("logs", "search", "docker.elastic.co/elasticsearch/elasticsearch:7.17.3", "");
    private static final String ES7_SECURE = es("logs", "search", "docker.elastic.co/elasticsearch/elasticsearch:7.17.3",
            "{name: xpack.security.enabled, value: 'true'}");
    private static final String KIBANA7 = "docker.elastic.co/kibana/kibana:7.17.3";
    private static final String TO_SEARCH = "{name: ELASTICSEARCH_HOSTS, value: 'http://search:9200'}";
    private static final String KIBANA_YML = """
            volumes: [{name: config, configMap: {name: kibana-config}}]
            """;
    private static final String KIBANA_CONFIG = """
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: kibana-config, namespace: logs}
            data:
              kibana.yml: |
                server.host: "0.0.0.0"
                elasticsearch.hosts:
                  - https://search.data.svc.cluster.local:9200
            """;

    static Stream<Arguments> exposed() {
        return Stream.of(
                Arguments.of("env ELASTICSEARCH_HOSTS, short name", ES7_OPEN + ui("kibana", KIBANA7, TO_SEARCH, ""),
                        "ClusterIP Service logs/search port 9200 (http)"),
                Arguments.of("env ELASTICSEARCH_URL, name.namespace", ES7_OPEN
                        + ui("kibana", "kibana:6.8.23", "{name: ELASTICSEARCH_URL, value: 'http://search.logs:9200'}", ""),
                        "ClusterIP Service logs/search port 9200 (http)"),
                Arguments.of("image default http://elasticsearch:9200", es("logs", "elasticsearch", "elasticsearch:5", "")
                        + ui("kibana", "kibana:5", "", ""), "ClusterIP Service logs/elasticsearch port 9200 (http)"),
                Arguments.of("kibana.yml list, FQDN in another namespace", es("data", "search",
                        "docker.elastic.co/elasticsearch/elasticsearch:7.17.3", "") + ui("kibana", KIBANA7, "",
                        KIBANA_YML.strip()) + KIBANA_CONFIG, "ClusterIP Service data/search port 9200 (http)"),
                Arguments.of("OpenSearch Dashboards OPENSEARCH_HOSTS", es("logs", "search", "opensearchproject/opensearch:2.11.0",
                        "{name: DISABLE_SECURITY_PLUGIN, value: 'true'}") + ui("dashboards",
                        "opensearchproject/opensearch-dashboards:2.11.0", "{name: OPENSEARCH_HOSTS, value: '[\"http://search:9200\"]'}", ""),
                        "ClusterIP Service logs/search port 9200 (http)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exposed")
    void aUiInFrontOfAnOpenDatastoreIsAsOpenAsTheDatastore(String name, String yaml, String upstreamHop) {
        EvaluationResult result = Manifests.evaluate(yaml);
        Finding critical = result.findings().stream().filter(f -> f.rule().id().equals("EG-EXP-001")).findFirst().orElseThrow();

        assertThat(critical.severity().label()).isEqualTo("critical");
        assertThat(critical.resource().kind()).isEqualTo("Service");
        List<String> hops = critical.path().stream().map(FindingText::hop).toList();
        assertThat(hops).hasSize(5);
        assertThat(hops.get(2)).contains("in Deployment logs/");
        assertThat(hops.get(3)).isEqualTo(upstreamHop);
        assertThat(hops.get(4)).contains("StatefulSet");
        assertThat(critical.facts()).anyMatch(f -> f.contains("forwards to"));
        assertThat(result.problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notExposed")
    void aUiInFrontOfAProtectedDatastoreKeepsItsOwnVerdict(String name, String yaml) {
        assertThat(Manifests.verdicts(yaml)).doesNotContain("EG-EXP-001 critical", "EG-EXP-006 medium");
    }

    static Stream<Arguments> notExposed() {
        return Stream.of(
                Arguments.of("Elasticsearch with security on", ES7_SECURE + ui("kibana", KIBANA7, TO_SEARCH, "")),
                Arguments.of("Elasticsearch 8 default", es("logs", "search", "docker.elastic.co/elasticsearch/elasticsearch:8.15.0", "")
                        + ui("kibana", "docker.elastic.co/kibana/kibana:8.15.0", TO_SEARCH, "")));
    }

    static Stream<Arguments> unresolved() {
        return Stream.of(
                Arguments.of("a Service not in the input", ES7_OPEN + ui("kibana", KIBANA7,
                        "{name: ELASTICSEARCH_HOSTS, value: 'http://elsewhere:9200'}", ""), "upstream elsewhere:9200"),
                Arguments.of("an external host name", ES7_OPEN + ui("kibana", KIBANA7,
                        "{name: ELASTICSEARCH_HOSTS, value: 'https://es.example.com'}", ""), "upstream es.example.com"),
                Arguments.of("a setting that names no address (bad input)", ES7_OPEN + ui("kibana", KIBANA7,
                        "{name: ELASTICSEARCH_HOSTS, value: '::::'}", ""), "upstream ::::"),
                Arguments.of("a Service port that is not the upstream's", ES7_OPEN + ui("kibana", KIBANA7,
                        "{name: ELASTICSEARCH_HOSTS, value: 'http://search:9999'}", ""), "upstream search:9999"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unresolved")
    void anUpstreamThatCannotBeResolvedLeavesThePathUnconfirmedNamingIt(String name, String yaml, String named) {
        EvaluationResult result = Manifests.evaluate(yaml);

        Finding unconfirmed = result.findings().stream().filter(f -> f.rule().id().equals("EG-EXP-006")).findFirst().orElseThrow();
        assertThat(unconfirmed.severity().label()).isEqualTo("medium");
        assertThat(unconfirmed.facts()).anyMatch(f -> f.startsWith("not confirmed: " + named));
        assertThat(result.findings()).noneMatch(f -> f.rule().id().equals("EG-EXP-001") && f.resource().name().equals("kibana"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loops")
    void aForwarderThatForwardsToAForwarderIsAnInputProblemNotAHang(String name, String yaml) {
        EvaluationResult result = Manifests.evaluate(yaml);

        assertThat(result.problems()).anyMatch(p -> p.message().contains("forwards again"));
        assertThat(result.problems()).noneMatch(p -> p.message().contains("Exception"));
    }

    static Stream<Arguments> loops() {
        return Stream.of(
                Arguments.of("A to B to A", ui("kb-a", KIBANA7, "{name: ELASTICSEARCH_HOSTS, value: 'http://kb-b:5601'}", "")
                        + ui("kb-b", KIBANA7, "{name: ELASTICSEARCH_HOSTS, value: 'http://kb-a:5601'}", "")),
                Arguments.of("A to itself", ui("kb-a", KIBANA7, "{name: ELASTICSEARCH_HOSTS, value: 'http://kb-a:5601'}", "")));
    }

    private static String redis(String env) {
        return """
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: cache, namespace: logs}
                spec:
                  selector: {matchLabels: {app: cache}}
                  template:
                    metadata: {labels: {app: cache}}
                    spec:
                      containers:
                        - {name: redis, image: 'redis:7.2', env: [%s], ports: [{name: redis, containerPort: 6379}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: logs}
                spec: {selector: {app: cache}, ports: [{port: 6379, targetPort: redis}]}
                """.formatted(env);
    }

    /** HAProxy on a LoadBalancer, its haproxy.cfg copied by an init container from a ConfigMap (as the redis-ha chart does). */
    private static String haproxy(String servers) {
        return """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: haproxy, namespace: logs}
                data:
                  haproxy.cfg: |
                    defaults
                      mode tcp
                    frontend ft
                      bind *:6379
                      default_backend bk
                    backend bk
                %s
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: proxy, namespace: logs}
                spec:
                  selector: {matchLabels: {app: proxy}}
                  template:
                    metadata: {labels: {app: proxy}}
                    spec:
                      volumes: [{name: config, configMap: {name: haproxy}}, {name: data, emptyDir: {}}]
                      initContainers:
                        - {name: init, image: 'haproxy:2.8', volumeMounts: [{name: config, mountPath: /readonly}]}
                      containers:
                        - {name: haproxy, image: 'haproxy:2.8', ports: [{name: redis, containerPort: 6379}],
                           volumeMounts: [{name: data, mountPath: /usr/local/etc/haproxy}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: proxy, namespace: logs}
                spec: {type: LoadBalancer, selector: {app: proxy}, ports: [{port: 6379, targetPort: redis}]}
                """.formatted(servers.indent(6).stripTrailing());
    }

    static Stream<Arguments> proxies() {
        return Stream.of(
                Arguments.of("server to Redis without a password", redis("") + haproxy("server r0 cache:6379 check"), true),
                Arguments.of("server to Redis with a password", redis("{name: REDIS_PASSWORD, value: s3cret-and-long}")
                        + haproxy("server r0 cache:6379 check"), false),
                Arguments.of("server to a host not in the input", redis("") + haproxy("server w0 web.example.com:80 check"), false),
                Arguments.of("server line naming no address (bad input)", redis("") + haproxy("server"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("proxies")
    void aTcpProxyExposesTheDatastoreItsServersName(String name, String yaml, boolean exposed) {
        EvaluationResult result = Manifests.evaluate(yaml);

        List<Finding> onProxy = result.findings().stream().filter(f -> f.resource().name().equals("proxy")).toList();
        if (exposed) {
            assertThat(onProxy).singleElement().satisfies(f -> {
                assertThat(f.rule().id() + " " + f.severity().label()).isEqualTo("EG-EXP-001 critical");
                assertThat(f.path().stream().map(FindingText::hop).toList()).containsSubsequence(
                        "HAProxy in Deployment logs/proxy port 6379 (redis)", "ClusterIP Service logs/cache port 6379 (redis)",
                        "Redis/Valkey in StatefulSet logs/cache port 6379 (redis)");
            });
        } else {
            assertThat(onProxy).isEmpty();
        }
        assertThat(result.problems()).isEmpty();
    }
}
