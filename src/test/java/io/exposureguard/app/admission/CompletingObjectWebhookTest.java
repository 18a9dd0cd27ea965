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
 * Over real HTTPS against the running app and its informer cache: with an Elasticsearch StatefulSet and an
 * Ingress to a Service that does not exist yet already in the cluster, the ClusterIP Service that joins them
 * is denied; deleting the only NetworkPolicy limiting an open datastore answers with a warning.
 */
@QuarkusTest
@WithKubernetesTestServer
class CompletingObjectWebhookTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final String NS = "eg-adm-order";

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    @Test
    void theClusterIpServiceThatJoinsAnExistingIngressToElasticsearchIsDenied() {
        ClusterFixtures.apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: es, namespace: %1$s}
                    spec:
                      serviceName: es
                      selector: {matchLabels: {app: es}}
                      template:
                        metadata: {labels: {app: es}}
                        spec:
                          containers:
                            - name: elasticsearch
                              image: docker.elastic.co/elasticsearch/elasticsearch:7.17.22
                              ports: [{name: http, containerPort: 9200}]
                  - apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata: {name: es, namespace: %1$s}
                    spec:
                      rules:
                        - host: es.example.com
                          http:
                            paths: [{path: /, pathType: Prefix, backend: {service: {name: es, port: {name: http}}}}]
                  - apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: es-from-app, namespace: %1$s}
                    spec:
                      podSelector: {matchLabels: {app: es}}
                      ingress: [{from: [{podSelector: {matchLabels: {app: shop}}}]}]
                """.formatted(NS));
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.clusterState().objects().stream()
                .filter(o -> NS.equals(o.getMetadata().getNamespace())).count() == 3);
        HasMetadata service = JSON.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata: {name: es, namespace: %s}
                spec: {selector: {app: es}, ports: [{name: http, port: 80, targetPort: http}]}
                """.formatted(NS));

        JsonPath response = AdmissionRequests.send("/validate", "order-1", "CREATE", NS, service, false);

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getInt("response.status.code")).isEqualTo(403);
        assertThat(response.getString("response.status.message"))
                .startsWith("exposure-guard denied Service " + NS + "/es: [EG-EXP-001 critical]")
                .contains("Path: internet -> Ingress " + NS + "/es");
    }

    @Test
    void deletingTheOnlyNetworkPolicyLimitingAnOpenDatastoreIsAllowedWithAWarning() {
        String ns = NS + "-np";
        ClusterFixtures.apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: es, namespace: %1$s}
                    spec:
                      selector: {matchLabels: {app: es}}
                      template:
                        metadata: {labels: {app: es}}
                        spec:
                          containers:
                            - name: elasticsearch
                              image: docker.elastic.co/elasticsearch/elasticsearch:7.17.22
                              ports: [{name: http, containerPort: 9200}]
                  - apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: es-from-app, namespace: %1$s}
                    spec:
                      podSelector: {matchLabels: {app: es}}
                      ingress: [{from: [{podSelector: {matchLabels: {app: shop}}}]}]
                """.formatted(ns));
        await().atMost(Duration.ofSeconds(30)).until(() -> audit.clusterState().objects().stream()
                .filter(o -> ns.equals(o.getMetadata().getNamespace())).count() == 2);
        HasMetadata policy = audit.clusterState().objects().stream()
                .filter(o -> ns.equals(o.getMetadata().getNamespace()) && "NetworkPolicy".equals(o.getKind())).findFirst().orElseThrow();

        JsonPath response = AdmissionRequests.delete("/validate", "np-1", ns, policy);

        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getList("response.warnings", String.class)).singleElement().asString()
                .startsWith("opened by this deletion: exposure-guard EG-EXP-003 low (alert): Elasticsearch");
    }
}
