package io.exposureguard.app.admission;

import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real AdmissionReview requests for routes: a route that completes a path from an internet-facing Gateway (in another
 * namespace, shared by teams) to a datastore without a password is denied with the rule, the path and the fix.
 */
@QuarkusTest
@WithKubernetesTestServer
class RouteAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final String APP = "eg-adm-routes";
    private static final String INFRA = "eg-adm-routes-infra";

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    private void openRedisAndSharedGateway() {
        ClusterFixtures.installThirdPartyCrds(client);
        ClusterFixtures.apply(client, ClusterFixtures.openRedis(APP, "sessions"));
        ClusterFixtures.apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: gateway.networking.k8s.io/v1
                    kind: Gateway
                    metadata: {name: shared, namespace: %1$s}
                    spec:
                      gatewayClassName: eg
                      listeners:
                        - {name: tcp, protocol: TCP, port: 6379, allowedRoutes: {namespaces: {from: All}}}
                        - {name: http, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}
                """.formatted(INFRA));
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.clusterState().objects().stream()
                .anyMatch(o -> "Gateway".equals(o.getKind()) && INFRA.equals(o.getMetadata().getNamespace())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "TCPRoute, v1alpha2, tcp",
            "HTTPRoute, v1, http"})
    void aRouteFromASharedInternetFacingGatewayToAnOpenDatastoreIsDenied(String kind, String version, String listener) {
        openRedisAndSharedGateway();
        String route = """
                apiVersion: gateway.networking.k8s.io/%s
                kind: %s
                metadata: {name: sessions-%s, namespace: %s}
                spec:
                  parentRefs: [{name: shared, namespace: %s, sectionName: %s}]
                  rules: [{backendRefs: [{name: sessions, port: 6379}]}]
                """.formatted(version, kind, listener, APP, INFRA, listener);

        JsonPath response = AdmissionRequests.send("/validate", "a1b2c3d4-0000-4000-8000-00000000000" + listener.length(),
                "CREATE", APP, JSON.<HasMetadata>unmarshal(route), false);

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getInt("response.status.code")).isEqualTo(403);
        assertThat(response.getString("response.status.message"))
                .startsWith("exposure-guard denied " + kind + " " + APP + "/sessions-" + listener + ": [EG-EXP-001 critical] ")
                .contains("Fix: ", "remove the backendRef to Service sessions");
    }
}
