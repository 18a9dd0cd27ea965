package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.CustomResourceReader.ReadContext;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.Severity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Each datastore kind module on its own, table-driven: which objects it takes, the auth it reads (including the
 * version-aware defaults), the Services its operator generates, and what its own-settings fix changes.
 */
class DatastoreResourceKindsTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final DatastoreResourceKind ES = new EckElasticsearch();
    private static final DatastoreResourceKind KIBANA = new EckKibana();
    private static final DatastoreResourceKind OPENSEARCH = new OpenSearchClusters();
    private static final ReadContext NOTHING_ELSE = ref -> Optional.empty();

    static Stream<org.junit.jupiter.params.provider.Arguments> recognition() {
        return Stream.of(
                arguments(ES, "elasticsearch.k8s.elastic.co/v1", "Elasticsearch", true),
                arguments(ES, "elasticsearch.k8s.elastic.co/v1beta1", "Elasticsearch", true),
                arguments(ES, "example.com/v1", "Elasticsearch", false),
                arguments(ES, "elasticsearch.k8s.elastic.co", "Elasticsearch", false),
                arguments(ES, "elasticsearch.k8s.elastic.co/v1", "Kibana", false),
                arguments(ES, null, "Elasticsearch", false),
                arguments(KIBANA, "kibana.k8s.elastic.co/v1", "Kibana", true),
                arguments(KIBANA, "elasticsearch.k8s.elastic.co/v1", "Kibana", false),
                arguments(OPENSEARCH, "opensearch.opster.io/v1", "OpenSearchCluster", true),
                arguments(OPENSEARCH, "opensearch.org/v1", "OpenSearchCluster", true),
                arguments(OPENSEARCH, "opensearch.example/v1", "OpenSearchCluster", false));
    }

    @ParameterizedTest(name = "{0} reads {1} {2}: {3}")
    @MethodSource("recognition")
    void aKindTakesItsOwnGroupsInAnyVersionAndNothingElse(DatastoreResourceKind kind, String apiVersion, String k, boolean reads) {
        assertThat(kind.reads(apiVersion, k)).isEqualTo(reads);
        assertThat(ResourceKinds.datastore(apiVersion, k).filter(r -> r.getClass() == kind.getClass()).isPresent()).as("the registry's answer").isEqualTo(reads);
    }

    record AuthCase(String name, DatastoreResourceKind kind, String yaml, AuthState state, Severity weakness, String fact) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<AuthCase> auth() {
        return Stream.of(
                new AuthCase("ECK default: security on", ES, es(""), AuthState.ON, null, "ECK enables Elasticsearch security"),
                new AuthCase("nodeSet config turns security off", ES, es("""
                            config: {xpack.security.enabled: false}
                        """), AuthState.OFF, null, "nodeSet default config sets xpack.security.enabled: false"),
                new AuthCase("nested config turns security off", ES, es("""
                            config: {xpack: {security: {enabled: "False"}}}
                        """), AuthState.OFF, null, "sets xpack.security.enabled: false"),
                new AuthCase("podTemplate env turns security off", ES, es("""
                            podTemplate:
                              spec:
                                containers:
                                  - name: elasticsearch
                                    env: [{name: ES_SETTING_XPACK_SECURITY_ENABLED, value: "false"}]
                        """), AuthState.OFF, null, "podTemplate env sets xpack.security.enabled: false"),
                new AuthCase("env of another container is not Elasticsearch's", ES, es("""
                            podTemplate:
                              spec:
                                containers:
                                  - name: sidecar
                                    env: [{name: xpack.security.enabled, value: "false"}]
                        """), AuthState.ON, null, "ECK enables"),
                new AuthCase("anonymous superuser is critical", ES, es("""
                            config: {xpack.security.authc.anonymous.roles: superuser}
                        """), AuthState.ANONYMOUS, Severity.CRITICAL, "roles [superuser]"),
                new AuthCase("anonymous monitoring_user is medium", ES, es("""
                            config: {xpack.security.authc.anonymous.roles: monitoring_user}
                        """), AuthState.ANONYMOUS, Severity.MEDIUM, "roles [monitoring_user]"),
                new AuthCase("Kibana's anonymous provider is high", KIBANA, kibana("""
                          config: {xpack.security.authc.providers.anonymous.anonymous1: {order: 0}}
                          elasticsearchRef: {name: logs}
                        """), AuthState.ANONYMOUS, Severity.HIGH, "anonymous login provider"),
                new AuthCase("Kibana without elasticsearchRef cannot be verified", KIBANA, kibana("""
                          count: 1
                        """), AuthState.UNKNOWN, null, "has no elasticsearchRef"),
                new AuthCase("Kibana of an Elasticsearch outside the input logs in", KIBANA, kibana("""
                          elasticsearchRef: {name: elsewhere}
                        """), AuthState.ON, null, "requires a login"),
                new AuthCase("OpenSearch 2 without spec.security.tls.http runs without security", OPENSEARCH, opensearch("2.11.0", ""),
                        AuthState.OFF, null, "has no spec.security.tls.http"),
                new AuthCase("OpenSearch without a version is taken as 2 or later", OPENSEARCH, opensearch("", ""),
                        AuthState.OFF, null, "has no spec.security.tls.http"),
                new AuthCase("OpenSearch 1 keeps its security plugin without tls.http", OPENSEARCH, opensearch("1.3.0", ""),
                        AuthState.ON, null, "configures the OpenSearch security plugin"),
                new AuthCase("OpenSearch 2 with tls.http has security", OPENSEARCH, opensearch("2.11.0", """
                          security: {tls: {http: {generate: true}}}
                        """), AuthState.ON, null, "configures the OpenSearch security plugin"),
                new AuthCase("plugins.security.disabled turns it off whatever the version", OPENSEARCH, opensearch("1.3.0", """
                          security: {tls: {http: {generate: true}}}
                        """).replace("nodePools:", "nodePools:\n    - component: extra\n      additionalConfig: {plugins.security.disabled: \"true\"}"),
                        AuthState.OFF, null, "sets plugins.security.disabled: true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void theAuthOfEveryDatastoreOfTheObjectIsReadFromItsSpec(AuthCase c) {
        CustomResourceReading reading = read(c.kind(), c.yaml(), NOTHING_ELSE);

        assertThat(reading.datastores()).isNotEmpty().allSatisfy(d -> {
            assertThat(d.auth().state()).isEqualTo(c.state());
            assertThat(String.join(" ", d.auth().facts())).contains(c.fact());
            if (c.weakness() != null) {
                assertThat(d.auth().weakness()).isEqualTo(c.weakness());
            }
        });
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> kibanaAndItsElasticsearch() {
        return Stream.of(
                arguments("shop", AuthVerdict.off("es is off", "turn it on"), AuthState.OFF),
                arguments("shop", AuthVerdict.on("es is on"), AuthState.ON),
                arguments("other", AuthVerdict.off("es is off", "turn it on"), AuthState.ON));
    }

    /** Kibana asks the read context for the Elasticsearch it names (in its own namespace unless it says another). */
    @ParameterizedTest(name = "Elasticsearch in {0}, {1}: Kibana {2}")
    @MethodSource("kibanaAndItsElasticsearch")
    void kibanaFollowsTheElasticsearchItConnectsTo(String esNamespace, AuthVerdict esAuth, AuthState expected) {
        Datastore es = new Datastore(EckElasticsearch.ref(esNamespace, "logs"), DatastoreKind.ELASTICSEARCH, "es", Map.of(),
                List.of(), esAuth, Optional.empty(), false);
        ReadContext context = ref -> ref.equals(ObjectRef.of("elasticsearch.k8s.elastic.co/v1beta1", "Elasticsearch", esNamespace, "logs"))
                ? Optional.of(new CustomResourceReading(List.of(es), List.of())) : Optional.empty();

        Datastore kibana = read(KIBANA, kibana("""
                  elasticsearchRef: {name: logs}
                """), context).datastores().get(0);

        assertThat(kibana.auth().state()).isEqualTo(expected);
        if (expected == AuthState.OFF) {
            assertThat(kibana.auth().fix()).isEqualTo("turn it on");
        }
    }

    record ServicesCase(String name, DatastoreResourceKind kind, String yaml, List<String> services) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ServicesCase> services() {
        return Stream.of(
                new ServicesCase("ECK Elasticsearch: <name>-es-http, HTTPS on 9200", ES, es(""),
                        List.of("logs-es-http ClusterIP https 9200->9200 owner Elasticsearch shop/logs at spec.http.service.spec")),
                new ServicesCase("ECK Elasticsearch: the user's type and port, always ECK's target port", ES, es("").replace("spec:\n",
                        "spec:\n  http:\n    service: {spec: {type: LoadBalancer, ports: [{name: https, port: 443}]}}\n"),
                        List.of("logs-es-http LoadBalancer https 443->9200 owner Elasticsearch shop/logs at spec.http.service.spec")),
                new ServicesCase("ECK Elasticsearch: TLS off names the port http", ES, es("").replace("spec:\n",
                        "spec:\n  http: {tls: {selfSignedCertificate: {disabled: true}}}\n"),
                        List.of("logs-es-http ClusterIP http 9200->9200 owner Elasticsearch shop/logs at spec.http.service.spec")),
                new ServicesCase("ECK Kibana: <name>-kb-http on 5601", KIBANA, kibana("""
                          http: {service: {spec: {type: NodePort}}}
                        """), List.of("kb-kb-http NodePort https 5601->5601 owner Kibana shop/kb at spec.http.service.spec")),
                new ServicesCase("OpenSearch: the cluster Service on its http port", OPENSEARCH, opensearch("2.11.0", """
                          general: {version: 2.11.0, serviceName: search, httpPort: 9201}
                        """).replace("  general: {version: 2.11.0}\n", ""),
                        List.of("search ClusterIP http 9201->9201 owner OpenSearchCluster shop/os at spec.general")),
                new ServicesCase("OpenSearch with dashboards: <serviceName>-dashboards from spec.dashboards.service", OPENSEARCH,
                        opensearch("2.11.0", """
                          dashboards: {enable: true, service: {type: LoadBalancer}}
                        """), List.of("os ClusterIP http 9200->9200 owner OpenSearchCluster shop/os at spec.general",
                        "os-dashboards LoadBalancer http 5601->5601 owner OpenSearchCluster shop/os at spec.dashboards.service")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theServicesTheOperatorGeneratesBelongToTheObject(ServicesCase c) {
        List<ServiceView> services = read(c.kind(), c.yaml(), NOTHING_ELSE).services();

        assertThat(services).extracting(DatastoreResourceKindsTest::describe).containsExactlyElementsOf(c.services());
    }

    record FixCase(String name, DatastoreResourceKind kind, String before, String after) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<FixCase> fixes() {
        return Stream.of(
                new FixCase("security off in config and env, anonymous roles, TLS off: all removed", ES, """
                        apiVersion: elasticsearch.k8s.elastic.co/v1
                        kind: Elasticsearch
                        metadata: {name: logs, namespace: shop}
                        spec:
                          http: {tls: {selfSignedCertificate: {disabled: true}}}
                          nodeSets:
                            - name: default
                              config:
                                xpack.security.enabled: " false"
                                xpack: {security: {authc: {anonymous: {roles: superuser, username: anon}}}}
                                node.store.allow_mmap: false
                              podTemplate:
                                spec:
                                  containers:
                                    - name: elasticsearch
                                      env: [{name: ES_SETTING_XPACK_SECURITY_ENABLED, value: "false"}, {name: A, value: b}]
                        """, """
                        apiVersion: elasticsearch.k8s.elastic.co/v1
                        kind: Elasticsearch
                        metadata: {name: logs, namespace: shop}
                        spec:
                          http: {tls: {selfSignedCertificate: {}}}
                          nodeSets:
                            - name: default
                              config:
                                node.store.allow_mmap: false
                              podTemplate:
                                spec:
                                  containers:
                                    - name: elasticsearch
                                      env: [{name: A, value: b}]
                        """),
                new FixCase("security explicitly on is kept", ES, es("""
                            config: {xpack.security.enabled: true}
                        """), null),
                new FixCase("Kibana's anonymous provider and TLS off: removed", KIBANA, kibana("""
                          http: {tls: {selfSignedCertificate: {disabled: true}}}
                          config:
                            xpack.security.authc.providers:
                              anonymous.anonymous1: {order: 0}
                              basic.basic1: {order: 1}
                        """), kibana("""
                          http: {tls: {selfSignedCertificate: {}}}
                          config:
                            xpack.security.authc.providers:
                              basic.basic1: {order: 1}
                        """)),
                new FixCase("OpenSearch settings are not changed here", OPENSEARCH, opensearch("2.11.0", ""), null));
    }

    /** after null: the fix leaves the object as it is and says so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void theOwnSettingsFixRemovesWhatTheReaderFlagsAndNothingElse(FixCase c) {
        ObjectNode object = node(c.before());

        boolean changed = c.kind().enableAuthentication(object);

        assertThat(changed).isEqualTo(c.after() != null);
        assertThat(object).isEqualTo(node(c.after() != null ? c.after() : c.before()));
        if (c.after() != null) {
            assertThat(read(c.kind(), c.after(), NOTHING_ELSE).datastores()).allSatisfy(d ->
                    assertThat(d.auth().state()).isIn(AuthState.ON, AuthState.UNKNOWN));
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> serviceSettings() {
        return Stream.of(
                arguments(ES, es("").replace("spec:\n", "spec:\n  http: {service: {spec: {type: LoadBalancer}}}\n"), true),
                arguments(ES, es(""), false),
                arguments(KIBANA, kibana("""
                          http: {service: {metadata: {annotations: {a: b}}, spec: {type: NodePort}}}
                        """), true),
                arguments(OPENSEARCH, opensearch("2.11.0", """
                          dashboards: {enable: true, service: {type: LoadBalancer}}
                        """), false));
    }

    /** ECK's generated Service is closed in the resource (spec.http.service); OpenSearch's are not changed here. */
    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("serviceSettings")
    void theGeneratedServiceIsClosedWhereTheKindKeepsItsSettings(DatastoreResourceKind kind, String yaml, boolean present) {
        ObjectNode object = node(yaml);

        Optional<ObjectNode> settings = kind.generatedServiceSettings(object);

        assertThat(settings.isPresent()).isEqualTo(present);
        settings.ifPresent(s -> assertThat(s).isSameAs(object.path("spec").path("http").path("service")));
    }

    // --- fixtures

    private static String es(String nodeSetExtra) {
        return """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: logs, namespace: shop}
                spec:
                  version: 8.15.0
                  nodeSets:
                    - name: default
                      count: 1
                """ + block(nodeSetExtra, 6);
    }

    private static String kibana(String specExtra) {
        return """
                apiVersion: kibana.k8s.elastic.co/v1
                kind: Kibana
                metadata: {name: kb, namespace: shop}
                spec:
                  version: 8.15.0
                """ + block(specExtra, 2);
    }

    private static String opensearch(String version, String specExtra) {
        return """
                apiVersion: opensearch.org/v1
                kind: OpenSearchCluster
                metadata: {name: os, namespace: shop}
                spec:
                  general: {version: %s}
                  nodePools:
                    - component: nodes
                      replicas: 3
                """.formatted(version.isEmpty() ? "\"\"" : version) + block(specExtra, 2);
    }

    /** The lines re-indented by {@code indent} spaces, whatever their indentation in the text block. */
    private static String block(String lines, int indent) {
        int common = lines.lines().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.lines().map(l -> l.isBlank() ? "" : " ".repeat(indent) + l.substring(common))
                .map(l -> l + "\n").reduce("", String::concat);
    }

    private static CustomResourceReading read(DatastoreResourceKind kind, String yaml, ReadContext context) {
        GenericKubernetesResource object = JSON.unmarshal(yaml, GenericKubernetesResource.class);
        assertThat(kind.reads(object.getApiVersion(), object.getKind())).as("fixture is the kind's").isTrue();
        ObjectRef ref = ObjectRef.of(object.getApiVersion(), object.getKind(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
        return kind.read(ref, Tree.of(object.getAdditionalProperties()), context);
    }

    private static ObjectNode node(String yaml) {
        return JSON.convertValue(JSON.unmarshal(yaml, GenericKubernetesResource.class), ObjectNode.class);
    }

    private static String describe(ServiceView s) {
        return s.ports().stream().map(p -> s.name() + " " + s.type() + " " + p.name() + " " + p.port() + "->" + p.targetNumber()
                + " owner " + s.owner().display() + " at " + s.settingsPath()).reduce((a, b) -> a + "; " + b).orElse(s.name());
    }
}
