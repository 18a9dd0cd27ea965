package io.exposureguard.reliability;

import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.exposureguard.kube.TestOperatorConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.exposureguard.testing.FlakyTcpProxy;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults injected at the API server (mock server, CRUD mode plus failing expectations, and a proxy that cuts
 * or slows the operator's connections): after each, the
 * operator converges to the same events, report and metrics as a clean run, nothing lost and
 * nothing duplicated.
 */
class FaultInjectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KubernetesClient client;
    private KubernetesMockServer server;
    private final List<AuditService> operators = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** CRUD mode where an expectation, while it lasts, answers instead of the store: that is the injected fault. */
    @BeforeEach
    void apiServerWithFaults() {
        Map<ServerRequest, Queue<ServerResponse>> faults = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), faults, new KubernetesMixedDispatcher(faults), true);
        server.init();
        client = server.createClient();
        ClusterFixtures.installReportCrds(client);
    }

    @AfterEach
    void stopOperators() {
        operators.forEach(AuditService::stop);
        client.close();
        server.destroy();
    }

    /**
     * Waits while the test reads through the same faulty API server: a read may meet a connection the server
     * closed after an injected error; it is retried like any other not-yet-true condition.
     */
    private static ConditionFactory eventually() {
        return await().atMost(WAIT).ignoreExceptionsInstanceOf(KubernetesClientException.class);
    }

    private AuditService operator() {
        return operator(client);
    }

    private AuditService operator(KubernetesClient through) {
        AuditService audit = new AuditService(through, new TestOperatorConfig(false, "exposure-guard"), registry);
        operators.add(audit);
        audit.start();
        return audit;
    }

    /** Events (names without their namespace-dependent hash), report results and the exposure gauge of a namespace. */
    private List<String> signals(String ns) {
        List<String> out = new ArrayList<>();
        for (Event e : client.v1().events().inNamespace(ns).list().getItems()) {
            String name = e.getMetadata().getName();
            out.add("event " + name.substring(0, name.lastIndexOf('-')) + " " + e.getReason() + " " + e.getMessage().replace(ns, "NS"));
        }
        for (Map<String, Object> r : ClusterFixtures.reportResults(client, ns)) {
            out.add("report " + r.get("rule") + " " + r.get("result") + " " + r.get("severity"));
        }
        registry.find("exposureguard.exposures").tags("namespace", ns).gauges()
                .forEach(g -> out.add("gauge " + g.getId().getTag("rule") + " " + g.value()));
        return out.stream().sorted().toList();
    }

    private static io.fabric8.kubernetes.api.model.Status status(int code) {
        return new StatusBuilder().withCode(code).withMessage("injected " + code).build();
    }

    @Test
    void failedAndThrottledWritesAreRetriedUntilTheSignalsMatchACleanRun() throws Exception {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-clean", "LoadBalancer"));
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-5xx", "LoadBalancer"));
        server.expect().post().withPath("/api/v1/namespaces/flt-5xx/events").andReturn(500, status(500)).times(3);
        server.expect().post().withPath("/apis/openreports.io/v1alpha1/namespaces/flt-5xx/reports")
                .andReturn(429, status(429)).times(2);

        operator();

        eventually().untilAsserted(() -> {
            assertThat(signals("flt-clean")).isNotEmpty();
            assertThat(signals("flt-5xx")).isEqualTo(signals("flt-clean"));
        });
        List<String> posts = posts();
        assertThat(posts).as("3 failed attempts, then the write").filteredOn("/api/v1/namespaces/flt-5xx/events"::equals).hasSizeGreaterThanOrEqualTo(4);
        // The first report POST met the 429 (expectations answer before the store); a later attempt wrote the report.
        assertThat(posts).filteredOn("/apis/openreports.io/v1alpha1/namespaces/flt-5xx/reports"::equals).isNotEmpty();
    }

    /** The paths of the POSTs the API server received so far. */
    private List<String> posts() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (var r = server.takeRequest(1, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
            if (r.getMethod().equals("POST")) {
                paths.add(r.getPath());
            }
        }
        return paths;
    }

    @Test
    void conflictsOnWritesAreRetriedWithoutDuplicates() throws Exception {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-clean2", "LoadBalancer"));
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-409", "LoadBalancer"));
        server.expect().post().withPath("/api/v1/namespaces/flt-409/events").andReturn(409, status(409)).times(2);

        operator();

        eventually().untilAsserted(() -> {
            assertThat(signals("flt-clean2")).isNotEmpty();
            assertThat(signals("flt-409")).isEqualTo(signals("flt-clean2"));
        });
        assertThat(posts()).as("2 conflicts, then the write").filteredOn("/api/v1/namespaces/flt-409/events"::equals).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void eckDefinitionsDeletedAndRecreatedResumeTheElasticsearchFindings() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        String incident = java.nio.file.Files.readString(java.nio.file.Path.of("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml"))
                .replace("namespace: support", "namespace: flt-eck");
        ClusterFixtures.apply(client, incident);
        AuditService audit = operator();
        eventually().until(() -> esFindings(audit) == 1);
        List<String> before = signals("flt-eck");

        // What the API server does when a CRD is deleted: its custom resources go first, then the definition.
        client.genericKubernetesResources("elasticsearch.k8s.elastic.co/v1", "Elasticsearch").inNamespace("flt-eck").delete();
        client.apiextensions().v1().customResourceDefinitions().withName("elasticsearches.elasticsearch.k8s.elastic.co").delete();
        eventually().until(() -> esFindings(audit) == 0);
        ClusterFixtures.installThirdPartyCrds(client);
        ClusterFixtures.apply(client, incident);

        eventually().untilAsserted(() -> {
            assertThat(esFindings(audit)).isEqualTo(1);
            assertThat(signals("flt-eck")).isEqualTo(before);
        });
    }

    private static long esFindings(AuditService audit) {
        return audit.lastOutcome() == null ? -1 : audit.lastOutcome().reported().stream()
                .filter(d -> d.finding().resource().kind().equals("Elasticsearch")).count();
    }

    @Test
    void anOperatorKilledMidwayIsReplacedByOneThatConvergesWithoutDuplicates() {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-kill", "NodePort"));
        AuditService first = operator();
        eventually().until(() -> !signals("flt-kill").isEmpty());
        first.stop();
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-kill", "LoadBalancer"));

        operator();

        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-kill-clean", "LoadBalancer"));
        eventually().untilAsserted(() -> assertThat(signals("flt-kill")).isNotEmpty()
                .isEqualTo(signals("flt-kill-clean")));
    }

    /** A client for the operator that reaches the API server through a proxy the test can cut or slow down. */
    private KubernetesClient through(FlakyTcpProxy proxy) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withMasterUrl("https://127.0.0.1:" + proxy.port() + "/").withTrustCerts(true)
                .withDisableHostnameVerification(true).build()).build();
    }

    @Test
    void droppedWatchesAreReopenedAndChangesMadeMeanwhileAreSeen() throws Exception {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-cut", "LoadBalancer"));
        try (FlakyTcpProxy proxy = new FlakyTcpProxy(server.getPort()); KubernetesClient operatorClient = through(proxy)) {
            AuditService audit = operator(operatorClient);
            eventually().until(() -> !signals("flt-cut").isEmpty());

            assertThat(proxy.cutAll()).as("open connections cut (watches among them)").isPositive();
            ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-cut", "ClusterIP"));
            ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-cut-new", "LoadBalancer"));
            ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-cut-clean", "LoadBalancer"));

            eventually().untilAsserted(() -> {
                assertThat(signals("flt-cut")).as("the exposure fixed while the watches were down is cleared")
                        .noneMatch(x -> x.contains("EG-EXP-001"));
                assertThat(signals("flt-cut-new")).as("the exposure made while the watches were down is found")
                        .isNotEmpty().isEqualTo(signals("flt-cut-clean"));
            });
            audit.stop();
        }
    }

    @Test
    void aSlowApiServerDelaysButDoesNotChangeTheSignals() throws Exception {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-slow", "LoadBalancer"));
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("flt-slow-clean", "LoadBalancer"));
        try (FlakyTcpProxy proxy = new FlakyTcpProxy(server.getPort()); KubernetesClient operatorClient = through(proxy)) {
            proxy.delay(150);
            AuditService audit = operator(operatorClient);

            eventually().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(signals("flt-slow")).isNotEmpty().isEqualTo(signals("flt-slow-clean")));
            audit.stop();
        }
    }
}
