package io.exposureguard.app.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * /mutate in fix mode: the returned JSONPatch, applied with a JSON-patch library, gives an object the
 * webhook no longer has anything to fix or deny on; applying it again changes nothing.
 */
@QuarkusTest
@WithKubernetesTestServer
class MutatingWebhookTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    @BeforeEach
    void fixModeForLabelledNamespaces() {
        ClusterFixtures.apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: Namespace, metadata: {name: eg-fix-es, labels: {eg-adm: fix}}}
                  - {apiVersion: v1, kind: Namespace, metadata: {name: eg-fix-svc, labels: {eg-adm: fix}}}
                  - {apiVersion: v1, kind: Namespace, metadata: {name: eg-fix-ing, labels: {eg-adm: fix}}}
                  - apiVersion: exposureguard.io/v1alpha1
                    kind: ExposurePolicy
                    metadata: {name: eg-adm-fix}
                    spec:
                      namespaceSelector: {matchLabels: {eg-adm: fix}}
                      actions: {critical: fix, high: fix}
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.clusterState().policies().stream()
                .anyMatch(p -> p.getMetadata().getName().equals("eg-adm-fix"))
                && "fix".equals(audit.clusterState().namespaceLabels().getOrDefault("eg-fix-ing", java.util.Map.of()).get("eg-adm")));
    }

    private static JsonPath mutate(String namespace, JsonNode object) {
        HasMetadata o = (HasMetadata) JSON.convertValue(object, KubernetesResource.class);
        return AdmissionRequests.send("/mutate", "m-" + o.getMetadata().getName(), "CREATE", namespace, o, false);
    }

    private static JsonNode patched(JsonNode original, JsonPath response) throws Exception {
        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getString("response.patchType")).isEqualTo("JSONPatch");
        JsonNode patch = MAPPER.readTree(Base64.getDecoder().decode(response.getString("response.patch")));
        return JsonPatch.apply(patch, original);
    }

    private static JsonNode tree(String yaml) {
        return JSON.convertValue(JSON.unmarshal(yaml), JsonNode.class);
    }

    @Test
    void theIncidentGetsSecurityTurnedBackOnAndReinvocationChangesNothing() throws Exception {
        JsonNode es = tree(Files.readString(Path.of("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml"))
                .replace("namespace: support", "namespace: eg-fix-es"));

        JsonNode fixed = patched(es, mutate("eg-fix-es", es));

        assertThat(fixed.at("/spec/nodeSets/0/config").has("xpack.security.enabled")).isFalse();
        assertThat(fixed.at("/spec/nodeSets/0/config/node.store.allow_mmap").asBoolean(true)).isFalse();
        assertThat(fixed.at("/metadata/annotations/exposureguard.io~1mutated").asText()).isEqualTo("EG-EXP-001");
        JsonPath again = mutate("eg-fix-es", fixed);
        assertThat(again.getBoolean("response.allowed")).isTrue();
        assertThat(again.getString("response.patch")).isNull();
    }

    @Test
    void aNodePortInFrontOfMemcachedBecomesClusterIp() throws Exception {
        ClusterFixtures.apply(client, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cache, namespace: eg-fix-svc}
                spec:
                  selector: {matchLabels: {app: cache}}
                  template:
                    metadata: {labels: {app: cache}}
                    spec: {containers: [{name: memcached, image: "memcached:1.6"}]}
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.clusterState().objects().stream()
                .anyMatch(o -> "eg-fix-svc".equals(o.getMetadata().getNamespace())));
        JsonNode service = tree("""
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: eg-fix-svc}
                spec: {type: NodePort, externalTrafficPolicy: Local, selector: {app: cache}, ports: [{port: 11211, nodePort: 31211}]}
                """);

        JsonNode fixed = patched(service, mutate("eg-fix-svc", service));

        assertThat(fixed.at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(fixed.at("/spec/ports/0").has("nodePort")).isFalse();
        assertThat(fixed.at("/spec").has("externalTrafficPolicy")).isFalse();
        assertThat(mutate("eg-fix-svc", fixed).getString("response.patch")).isNull();
    }

    @Test
    void anExposureWithoutASafeFixIsRefusedRatherThanAdmittedHalfFixed() {
        ClusterFixtures.apply(client, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: profiles, namespace: eg-fix-ing}
                spec:
                  selector: {matchLabels: {app: profiles}}
                  template:
                    metadata: {labels: {app: profiles}}
                    spec: {containers: [{name: mongo, image: "mongo:7.0"}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: profiles, namespace: eg-fix-ing}
                spec: {selector: {app: profiles}, ports: [{port: 27017}]}
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.clusterState().objects().stream()
                .filter(o -> "eg-fix-ing".equals(o.getMetadata().getNamespace())).count() >= 2);
        JsonNode ingress = tree("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: profiles, namespace: eg-fix-ing}
                spec:
                  rules: [{host: p.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: profiles, port: {number: 27017}}}}]}}]
                """);

        JsonPath response = mutate("eg-fix-ing", ingress);

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getInt("response.status.code")).isEqualTo(403);
        assertThat(response.getString("response.status.message"))
                .startsWith("exposure-guard has no automatic fix for Ingress profiles").contains("[EG-EXP-001 critical]");
    }

    @Test
    void objectsWithoutFixFindingsGetNoPatch() {
        JsonNode web = tree("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: eg-fix-svc}
                spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
                """);

        JsonPath response = mutate("eg-fix-svc", web);

        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getString("response.patch")).isNull();
        assertThat(List.of(response.getString("response.uid"))).containsExactly("m-web");
    }
}
