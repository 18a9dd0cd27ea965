package io.exposureguard.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static io.exposureguard.kube.ClusterFixtures.exposureEvents;
import static io.exposureguard.kube.ClusterFixtures.reportResults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator against the mock API server: an Istio VirtualService or a Traefik IngressRoute created after the
 * datastore exposes it (event, PolicyReport result and metric, on the route), and deleting the route clears all three.
 */
@QuarkusTest
@WithKubernetesTestServer
class ProxyRoutesOperatorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    /** Redis without a password behind a ClusterIP Service: open, but only inside the cluster (EG-EXP-003 low). */
    static String redis(String ns) {
        return ClusterFixtures.openRedis(ns, "cache");
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("eg-test-istio", "VirtualService", """
                        apiVersion: networking.istio.io/v1
                        kind: Gateway
                        metadata: {name: edge, namespace: eg-test-istio}
                        spec:
                          selector: {istio: ingressgateway}
                          servers: [{port: {number: 6379, name: redis, protocol: TCP}, hosts: ["*"]}]
                        """, """
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: cache, namespace: eg-test-istio}
                        spec:
                          hosts: ["*"]
                          gateways: [edge]
                          tcp: [{route: [{destination: {host: cache, port: {number: 6379}}}]}]
                        """),
                Arguments.of("eg-test-traefik", "IngressRouteTCP", "", """
                        apiVersion: traefik.io/v1alpha1
                        kind: IngressRouteTCP
                        metadata: {name: cache, namespace: eg-test-traefik}
                        spec:
                          entryPoints: [redis]
                          routes: [{match: "HostSNI(`*`)", services: [{name: cache, port: 6379}]}]
                        """));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("routes")
    void aRouteCreatedLaterExposesTheDatastoreAndDeletingItClearsTheFinding(String ns, String kind, String front, String route) {
        ClusterFixtures.installThirdPartyCrds(client);
        ClusterFixtures.apply(client, redis(ns));
        if (!front.isEmpty()) {
            ClusterFixtures.apply(client, front);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(exposureEvents(client, ns)).extracting(Event::getMessage)
                .anyMatch(m -> m.startsWith("EG-EXP-003 low")));

        ClusterFixtures.apply(client, route);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).anySatisfy(e -> {
                assertThat(e.getInvolvedObject().getKind()).isEqualTo(kind);
                assertThat(e.getMessage()).startsWith("EG-EXP-001 critical").contains("Path: internet -> ");
            });
            assertThat(reportResults(client, ns)).anySatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(ClusterFixtures.hasExposureMetric(ns, "EG-EXP-001")).isTrue();
        });

        ClusterFixtures.delete(client, route);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).noneSatisfy(e -> assertThat(e.getMessage()).startsWith("EG-EXP-001"));
            assertThat(reportResults(client, ns)).noneSatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(ClusterFixtures.hasExposureMetric(ns, "EG-EXP-001")).isFalse();
        });
    }
}
