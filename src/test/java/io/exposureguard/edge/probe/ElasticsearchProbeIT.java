package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.testing.InstalledTools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe against a real Elasticsearch (security off, one index with three documents), started once for the
 * class, and against the same node behind a real nginx that requires a password.
 */
class ElasticsearchProbeIT {

    private static final String INDEX = "probe-test-orders";
    private static final String USER = "ops";
    private static final String PASSWORD = "correct horse battery staple";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ElasticsearchNode elasticsearch;
    private static NginxProxy nginx;

    private final Probes probes = new Probes(ProbeSettings.defaults());

    @BeforeAll
    static void startElasticsearchWithOneIndexAndNginxInFront() throws Exception {
        Optional<Path> zip = ElasticsearchNode.zip();
        if (zip.isEmpty() || !Unprivileged.toolsPresent()) {
            return;
        }
        elasticsearch = ElasticsearchNode.start(zip.get());
        System.out.println("Elasticsearch ready in " + elasticsearch.startup().toMillis() + " ms (unzip and start)");
        expect(elasticsearch.request("PUT", "/" + INDEX,
                "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}"), 200);
        expect(elasticsearch.request("POST", "/" + INDEX + "/_bulk?refresh=true", """
                {"index":{}}
                {"customer":"Ada","case":"refund"}
                {"index":{}}
                {"customer":"Grace","case":"password reset"}
                {"index":{}}
                {"customer":"Linus","case":"invoice"}
                """), 200);
        expect(elasticsearch.request("GET", "/_cluster/health/" + INDEX + "?wait_for_status=green&timeout=30s", null), 200);

        Optional<Path> nginxBinary = nginxBinary();
        if (nginxBinary.isPresent()) {
            nginx = NginxProxy.basicAuth(nginxBinary.get(), elasticsearch.httpPort(), USER, PASSWORD);
        }
    }

    @AfterAll
    static void stopEverything() {
        if (nginx != null) {
            nginx.close();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    /** Here, not in @BeforeAll: surefire reports a skipped test, but not a class skipped before its first test. */
    @BeforeEach
    void elasticsearchIsAvailable() {
        ElasticsearchNode.requireZip();
        assertThat(elasticsearch).as("Elasticsearch started").isNotNull();
    }

    @Test
    void elasticsearchWithoutSecurityIsOpenWithTheCountOfItsIndicesAndDocuments() throws Exception {
        int readable = JSON.readTree(expect(elasticsearch.request("GET", "/_cat/indices?format=json", null), 200)).size();

        ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", elasticsearch.httpPort(), DatastoreKind.ELASTICSEARCH, false));

        assertThat(readable).as("indices the test's own client lists").isEqualTo(1);
        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo("GET /_cluster/health returned 200 without credentials; "
                + "GET /_cat/indices returned 200 with 1 indices (3 documents)");
    }

    @Test
    void evidenceNeverNamesIndicesOrRepeatsDocuments() {
        ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", elasticsearch.httpPort(), DatastoreKind.ELASTICSEARCH, false));

        assertThat(result.summary()).doesNotContain(INDEX, "Ada", "refund", "docs.count");
    }

    @Test
    void elasticsearchBehindNginxWithBasicAuthIsProtected() {
        requireNginx();

        ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", nginx.port(), DatastoreKind.ELASTICSEARCH, false));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo("GET /_cluster/health returned 401 (WWW-Authenticate: Basic); "
                + "GET /_cat/indices returned 401 (WWW-Authenticate: Basic); GET / returned 401 (WWW-Authenticate: Basic)");
    }

    @Test
    void nginxPassesTheRightPasswordThroughToElasticsearch() throws Exception {
        requireNginx();
        String basic = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> withPassword = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + nginx.port() + "/_cluster/health"))
                .header("Authorization", "Basic " + basic).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(withPassword.statusCode()).as("so PROTECTED above means a password, not a broken proxy").isEqualTo(200);
    }

    @Test
    void theRedisProbeOnAnElasticsearchPortFindsNoRedis() {
        ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", elasticsearch.httpPort(), DatastoreKind.REDIS, false));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
        assertThat(result.reason()).isEqualTo("not a Redis reply");
    }

    /** On PATH, or where Debian puts it (/usr/sbin is not on a non-root user's PATH). */
    private static Optional<Path> nginxBinary() {
        return InstalledTools.find("nginx").or(() -> Optional.of(Path.of("/usr/sbin/nginx")).filter(java.nio.file.Files::isExecutable));
    }

    private static void requireNginx() {
        if (nginxBinary().isEmpty()) {
            InstalledTools.require("nginx", "to test the probe against Elasticsearch behind an authenticating proxy", "nginx");
        }
    }

    private static String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.request().uri() + ": " + response.body())
                .isEqualTo(status);
        return response.body();
    }


    /** The policy that asks for the probe: {@code probe} is its spec.probe. */
    private static String probePolicy(String probe) {
        return """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: probe-exposed}
                spec: {probe: %s}
                """.formatted(probe);
    }

    private static String exposedElasticsearch(String namespace, int servicePort) {
        return """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: search, namespace: %1$s}
                    spec:
                      serviceName: search
                      selector: {matchLabels: {app: search}}
                      template:
                        metadata: {labels: {app: search}}
                        spec:
                          containers:
                            - name: elasticsearch
                              image: "docker.elastic.co/elasticsearch/elasticsearch:8.15.0"
                              env: [{name: xpack.security.enabled, value: "false"}]
                              ports: [{containerPort: 9200, name: http}]
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: search, namespace: %1$s}
                    spec: {type: LoadBalancer, clusterIP: 127.0.0.1, selector: {app: search}, ports: [{port: %2$d, targetPort: 9200}]}
                """.formatted(namespace, servicePort);
    }

    /**
     * The operator (against a mock API server) probes the Service's cluster address: here the real node. The
     * policy trusts credential answers, so the node behind nginx is lowered to low. The operator is built with
     * {@link TestProbeTargets#loopbackAllowed()}: production refuses 127.0.0.1.
     */
    @Test
    void theOperatorPutsTheProbeEvidenceIntoTheFindingOfTheExposedService() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(nginx != null, "nginx not installed");
        withOperator("{mode: Exposed, trustCredentialAnswers: true}",
                Map.of("probe-open", elasticsearch.httpPort(), "probe-behind-auth", nginx.port()), audit -> {
                    assertThat(finding(audit, "probe-open")).hasValueSatisfying(f -> {
                        assertThat(f.severity()).isEqualTo(io.exposureguard.core.model.Severity.CRITICAL);
                        assertThat(f.facts()).contains("probe confirmed: GET /_cluster/health returned 200 without credentials; "
                                + "GET /_cat/indices returned 200 with 1 indices (3 documents)");
                    });
                    assertThat(finding(audit, "probe-behind-auth")).hasValueSatisfying(f -> {
                        assertThat(f.severity()).isEqualTo(io.exposureguard.core.model.Severity.LOW);
                        assertThat(f.facts()).anySatisfy(fact -> assertThat(fact).startsWith("probe: ")
                                .endsWith("the datastore asks for credentials, although its configuration does not show it;"
                                        + " severity lowered to low"));
                    });
                });
    }

    /**
     * Without trustCredentialAnswers (the default), the node behind nginx keeps the severity its configuration shows,
     * with the answer as a fact; an endpoint that answers 401 on cluster health only, and serves the index list,
     * is confirmed open. On the old code both went to low.
     */
    @Test
    void withoutTheOptInACredentialDemandKeepsTheSeverityAndAForgedOneIsConfirmedOpen() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(nginx != null, "nginx not installed");
        try (FakeEndpoints.RecordingHttp forged = FakeEndpoints.http(Map.of(
                ElasticsearchProber.HEALTH, new FakeEndpoints.Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"x\""), ""),
                ElasticsearchProber.INDICES, FakeEndpoints.Answer.json(200, "[{\"index\":\"orders\",\"docs.count\":\"9\"}]")))) {
            withOperator("{mode: Exposed}", Map.of("probe-behind-auth", nginx.port(), "probe-forged", forged.port()), audit -> {
                assertThat(finding(audit, "probe-behind-auth")).hasValueSatisfying(f -> {
                    assertThat(f.severity()).isEqualTo(io.exposureguard.core.model.Severity.CRITICAL);
                    assertThat(f.facts()).contains("probe: GET /_cluster/health returned 401 (WWW-Authenticate: Basic); "
                            + "GET /_cat/indices returned 401 (WWW-Authenticate: Basic); GET / returned 401 (WWW-Authenticate: Basic): "
                            + "the datastore asks for credentials, although its configuration does not show it; severity kept at critical"
                            + " (a credential demand lowers it only where the policy sets spec.probe.trustCredentialAnswers)");
                });
                assertThat(finding(audit, "probe-forged")).hasValueSatisfying(f -> {
                    assertThat(f.severity()).isEqualTo(io.exposureguard.core.model.Severity.CRITICAL);
                    assertThat(f.facts()).contains("probe confirmed: GET /_cat/indices returned 200 with 1 indices (9 documents)"
                            + " without credentials, although GET /_cluster/health returned 401 (WWW-Authenticate: Basic)");
                });
            });
        }
    }

    /**
     * An operator against a mock API server holding the policy ({@code probe} is its spec.probe) and, per namespace,
     * an exposed Elasticsearch whose Service's cluster IP is 127.0.0.1 on the given port; {@code check} must pass
     * within 30 s. Built with {@link TestProbeTargets#loopbackAllowed()}: production refuses 127.0.0.1.
     */
    private static void withOperator(String probe, Map<String, Integer> namespaces,
                                     java.util.function.Consumer<io.exposureguard.app.audit.AuditService> check) {
        var responses = new java.util.HashMap<io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        var api = new io.fabric8.kubernetes.client.server.mock.KubernetesMockServer(new io.fabric8.mockwebserver.Context(),
                new io.fabric8.mockwebserver.MockWebServer(), responses,
                new io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher(java.util.List.of()), true);
        api.init();
        try (io.fabric8.kubernetes.client.KubernetesClient client = api.createClient()) {
            io.exposureguard.kube.ClusterFixtures.apply(client, probePolicy(probe));
            namespaces.forEach((namespace, port) -> io.exposureguard.kube.ClusterFixtures.apply(client, exposedElasticsearch(namespace, port)));
            io.exposureguard.app.audit.AuditService audit = new io.exposureguard.app.audit.AuditService(client,
                    new io.exposureguard.kube.TestOperatorConfig(false, "exposure-guard"),
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), TestProbeTargets.loopbackAllowed());
            audit.start();
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> check.accept(audit));
            } finally {
                audit.stop();
            }
        } finally {
            api.destroy();
        }
    }

    private static Optional<io.exposureguard.core.model.Finding> finding(io.exposureguard.app.audit.AuditService audit, String namespace) {
        return audit.lastOutcome() == null ? Optional.empty() : audit.lastOutcome().reported().stream()
                .map(io.exposureguard.core.policy.Decision::finding)
                .filter(f -> f.rule().id().equals("EG-EXP-001") && f.resource().namespace().equals(namespace)).findFirst();
    }
}
