package io.exposureguard.app.cluster;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.admission.AdmissionVerdict;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.kube.ClusterFixtures;
import io.exposureguard.kube.TestOperatorConfig;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What admission judges an object with, read through the cache's namespace index: the object's namespace, the
 * namespaces where traffic enters (a Gateway's), and the entry-side objects of every namespace; nothing else of the
 * cluster is copied. Judging with it gives the verdict judging with the whole cache gives.
 */
class NamespaceViewTest {

    private KubernetesMockServer server;
    private KubernetesClient client;
    private InformedCluster cluster;

    @BeforeEach
    void cacheOverAMockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        ClusterFixtures.installThirdPartyCrds(client);
        ClusterFixtures.apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: shop-settings, namespace: shop}}
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: other-settings, namespace: other}}
                  - {apiVersion: v1, kind: ConfigMap, metadata: {name: team-settings, namespace: team}}
                  - {apiVersion: v1, kind: Service, metadata: {name: gateway-lb, namespace: edge}, spec: {type: LoadBalancer, ports: [{port: 443}]}}
                  - apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata: {name: public, namespace: edge}
                    spec: {gatewayClassName: cloud, listeners: [{name: https, port: 443, protocol: HTTPS}]}
                  - apiVersion: gateway.networking.k8s.io/v1
                    kind: HTTPRoute
                    metadata: {name: web, namespace: team}
                    spec: {parentRefs: [{name: public, namespace: edge}], rules: [{backendRefs: [{name: web, port: 80}]}]}
                """);
        cluster = new InformedCluster(client, new TestOperatorConfig(false, "exposure-guard"));
        cluster.start(() -> { });
        cluster.refresh();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.synced() && cluster.current().objects().size() >= 6);
    }

    @AfterEach
    void stop() {
        cluster.stop();
        client.close();
        server.destroy();
    }

    private static List<String> names(ClusterState state) {
        return state.objects().stream().map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName())
                .sorted().toList();
    }

    @Test
    void anObjectIsJudgedWithItsNamespaceTheGatewaysNamespacesAndEveryRouteButNotTheRest() {
        assertThat(names(cluster.around("shop"))).containsExactly(
                "ConfigMap shop/shop-settings", "Gateway edge/public", "HTTPRoute team/web", "Service edge/gateway-lb");
    }

    @Test
    void aClusterScopedObjectIsJudgedWithTheWholeCluster() {
        assertThat(names(cluster.around(null))).isEqualTo(names(cluster.current()));
    }

    @Test
    void everyShippedBadExampleIsJudgedAsWithTheWholeCache() throws Exception {
        try (var files = Files.list(Path.of("deploy/examples/bad"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (HasMetadata o : Manifests.objects(Files.readString(file))) {
                    try {
                        client.resource(o).inNamespace(o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace())
                                .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
                    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                        // An API version the mock server has no handler for (extensions/v1beta1): nothing the cache holds.
                    }
                }
            }
        }
        cluster.refresh();
        java.util.concurrent.atomic.AtomicInteger last = new java.util.concurrent.atomic.AtomicInteger(-1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            int now = cluster.current().objects().size();
            return last.getAndSet(now) == now; // the cache stopped growing: the watches caught up
        });
        AdmissionJudge judge = new AdmissionJudge(new Assessor(ExposureEngine.standard()));
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        List<HasMetadata> cached = cluster.current().objects();
        assertThat(cached).hasSizeGreaterThan(100);
        long denied = 0;
        for (HasMetadata object : cached) {
            String ns = object.getMetadata().getNamespace();
            AdmissionVerdict whole = judge.judge("CREATE", object, null, cluster.current(), "exposure-guard", now);
            AdmissionVerdict view = judge.judge("CREATE", object, null, cluster.around(ns), "exposure-guard", now);

            assertThat(view).as(object.getKind() + " " + ns + "/" + object.getMetadata().getName()).isEqualTo(whole);
            denied += whole.allowed() ? 0 : 1;
        }
        assertThat(denied).as("some verdicts are denials, so the comparison is not of empty answers").isPositive();
    }
}
