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
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real AdmissionReview requests to /validate: an Istio VirtualService and a Traefik IngressRoute that would publish a
 * datastore without authentication are denied, with the route in the path; the same route to a port that is no
 * datastore's is allowed.
 */
@QuarkusTest
@WithKubernetesTestServer
class ProxyRouteAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final String NS = "eg-adm-routes";

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    private static final String CLUSTER = """
            apiVersion: v1
            kind: List
            items:
              - %s
              - apiVersion: v1
                kind: Service
                metadata: {name: es, namespace: %2$s}
                spec: {selector: {app: es}, ports: [{name: http, port: 9200, targetPort: http}, {name: web, port: 8080}]}
              - apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: public, namespace: %2$s}
                spec:
                  selector: {istio: ingressgateway}
                  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]
            """;

    private static final String VIRTUAL_SERVICE = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: search, namespace: eg-adm-routes}
            spec:
              hosts: ["*"]
              gateways: [public]
              http: [{route: [{destination: {host: es, port: {number: 9200}}}]}]
            """;

    private static final String INGRESS_ROUTE = """
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: search, namespace: eg-adm-routes}
            spec:
              entryPoints: [websecure]
              routes: [{match: "Host(`search.example.com`)", kind: Rule, services: [{name: es, port: http}]}]
            """;

    private void clusterWithOpenElasticsearch() {
        ClusterFixtures.installThirdPartyCrds(client);
        String es = AdmissionFixtures.openElasticsearch("Deployment", NS).replace("\n", "\n    ").trim();
        ClusterFixtures.apply(client, CLUSTER.formatted(es, NS));
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.clusterState().objects().stream()
                .anyMatch(o -> "Gateway".equals(o.getKind()) && NS.equals(o.getMetadata().getNamespace())));
    }

    private static JsonPath review(String yaml) {
        return AdmissionRequests.send("/validate", "b0f1c2d3-0000-4000-8000-000000000020", "CREATE", NS,
                JSON.<HasMetadata>unmarshal(yaml), false);
    }

    @Test
    void aVirtualServiceToAnOpenElasticsearchIsDenied() {
        clusterWithOpenElasticsearch();

        JsonPath response = review(VIRTUAL_SERVICE);

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getString("response.status.message"))
                .startsWith("exposure-guard denied VirtualService eg-adm-routes/search: [EG-EXP-001 critical]")
                .contains("Path: internet -> Gateway eg-adm-routes/public server http (HTTP 80) -> VirtualService eg-adm-routes/search");
        assertThat(review(VIRTUAL_SERVICE.replace("number: 9200", "number: 8080")).getBoolean("response.allowed")).isTrue();
    }

    @Test
    void anIngressRouteToAnOpenElasticsearchIsDenied() {
        clusterWithOpenElasticsearch();

        JsonPath response = review(INGRESS_ROUTE);

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getString("response.status.message"))
                .startsWith("exposure-guard denied IngressRoute eg-adm-routes/search: [EG-EXP-001 critical]")
                .contains("Path: internet -> IngressRoute eg-adm-routes/search entryPoints websecure");
        assertThat(review(INGRESS_ROUTE.replace("port: http", "port: web")).getBoolean("response.allowed")).isTrue();
    }
}
