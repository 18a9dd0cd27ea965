package io.exposureguard.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static io.exposureguard.kube.ClusterFixtures.apply;
import static io.exposureguard.kube.ClusterFixtures.exposureEvents;
import static io.exposureguard.kube.ClusterFixtures.reportResults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator against the mock API server: a route created after the datastore it leads to (a Gateway API route, ...)
 * is watched once its CRD exists, is reported as the exposure it opens (event on the route, PolicyReport result,
 * metric), and deleting the route clears all three. One namespace per case.
 */
@QuarkusTest
@WithKubernetesTestServer
class RoutesInTheClusterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    /**
     * @param entry the objects that publish the route (a Gateway, ...), created with the route
     * @param route the route, in the namespace of the datastore ({@code %1$s})
     */
    record Case(String name, String entry, String route, String apiVersion, String kind, String routeName) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                new Case("Gateway API TCPRoute", """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: Gateway
                        metadata: {name: edge, namespace: %1$s}
                        spec:
                          gatewayClassName: eg
                          listeners: [{name: redis, protocol: TCP, port: 6379}]
                        """, """
                        apiVersion: gateway.networking.k8s.io/v1alpha2
                        kind: TCPRoute
                        metadata: {name: sessions, namespace: %1$s}
                        spec:
                          parentRefs: [{name: edge}]
                          rules: [{backendRefs: [{name: sessions, port: 6379}]}]
                        """, "gateway.networking.k8s.io/v1alpha2", "TCPRoute", "sessions"),
                new Case("Gateway API HTTPRoute", """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: Gateway
                        metadata: {name: web, namespace: %1$s}
                        spec:
                          gatewayClassName: eg
                          listeners: [{name: http, protocol: HTTP, port: 80}]
                        """, """
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: HTTPRoute
                        metadata: {name: sessions-http, namespace: %1$s}
                        spec:
                          parentRefs: [{name: web}]
                          rules: [{backendRefs: [{name: sessions, port: 6379}]}]
                        """, "gateway.networking.k8s.io/v1", "HTTPRoute", "sessions-http")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aRouteCreatedLaterIsReportedOnTheRouteAndDeletingItClearsTheFinding(Case c) {
        String ns = "eg-route-" + c.kind().toLowerCase(java.util.Locale.ROOT);
        apply(client, ClusterFixtures.openRedis(ns, "sessions"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(exposureEvents(client, ns))
                .anySatisfy(e -> assertThat(e.getMessage()).startsWith("EG-EXP-003 low")));

        ClusterFixtures.installThirdPartyCrds(client);
        apply(client, c.entry().formatted(ns));
        apply(client, c.route().formatted(ns));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).anySatisfy(e -> {
                assertThat(e.getInvolvedObject().getKind()).isEqualTo(c.kind());
                assertThat(e.getInvolvedObject().getName()).isEqualTo(c.routeName());
                assertThat(e.getMessage()).startsWith("EG-EXP-001 critical").contains("Path: internet -> ");
            });
            assertThat(reportResults(client, ns)).anySatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(ClusterFixtures.hasExposureMetric(ns, "EG-EXP-001")).isTrue();
        });

        ClusterFixtures.deleteCustom(client, c.apiVersion(), c.kind(), ns, c.routeName());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).noneSatisfy(e -> assertThat(e.getMessage()).startsWith("EG-EXP-001"));
            assertThat(reportResults(client, ns)).noneSatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(ClusterFixtures.hasExposureMetric(ns, "EG-EXP-001")).isFalse();
        });
    }
}
