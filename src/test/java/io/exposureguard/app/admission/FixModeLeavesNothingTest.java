package io.exposureguard.app.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.exposureguard.testing.Manifests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Under a policy that says fix for every severity, the /mutate patch for each shipped bad example's entry
 * object (the Service or Elasticsearch resource), applied with a JSON-patch library, leaves the engine
 * nothing to find that the entry causes: the example's findings with the admitted entry are exactly those
 * of the rest of the example without it. A one-object example therefore ends with no findings at all; an
 * unauthenticated workload behind the entry keeps its own in-cluster finding, which only a change to the
 * workload (or a NetworkPolicy: remediation) removes.
 */
@QuarkusTest
@WithKubernetesTestServer
class FixModeLeavesNothingTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    private void fixEverythingIn(String namespace) {
        ClusterFixtures.installThirdPartyCrds(client);
        ClusterFixtures.apply(client, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: %s, labels: {eg-adm: fix-all}}
                """.formatted(namespace));
        HasMetadata policy = JSON.unmarshal("""
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: eg-adm-fix-all}
                spec:
                  namespaceSelector: {matchLabels: {eg-adm: fix-all}}
                  actions: {critical: fix, high: fix, medium: fix, low: fix}
                """);
        if (client.resource(policy).get() == null) {
            client.resource(policy).create();
        }
    }

    /** Findings as rule, severity and object, the identity of what the engine reports. */
    private static List<String> findings(List<HasMetadata> objects) {
        return ExposureEngine.standard().evaluate(objects).findings().stream()
                .map(f -> f.rule().id() + " " + f.severity() + " " + f.resource().display()).sorted().toList();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2019-incident-eck-security-off-public-lb.yaml | Elasticsearch | fixed
            eck-anonymous-superuser-lb.yaml               | Elasticsearch | fixed
            eck-anonymous-viewer-internal-lb.yaml         | Elasticsearch | fixed
            eck-plaintext-http.yaml                       | Elasticsearch | fixed
            bitnami-redis-empty-password-lb.yaml          | Service       | fixed
            memcached-nodeport.yaml                       | Service       | fixed
            postgres-password-public-lb.yaml              | Service       | fixed
            redis-config-not-in-input-lb.yaml             | Service       | fixed
            redis-no-password-cluster-only.yaml           | Service       | unchanged
            """)
    void thePatchedEntryLeavesTheEngineNothingToFind(String file, String entryKind, String outcome) throws Exception {
        String namespace = "eg-fixall-" + file.replaceAll("[^a-z0-9]", "").substring(0, 20);
        fixEverythingIn(namespace);
        List<HasMetadata> objects = Manifests.objects(Files.readString(Path.of("deploy/examples/bad/" + file)));
        objects.forEach(o -> o.getMetadata().setNamespace(namespace));
        HasMetadata entry = objects.stream().filter(o -> o.getKind().equals(entryKind)).findFirst().orElseThrow();
        List<HasMetadata> rest = objects.stream().filter(o -> o != entry).toList();
        rest.forEach(o -> ClusterFixtures.apply(client, o));
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.clusterState().objects().stream()
                .filter(o -> namespace.equals(o.getMetadata().getNamespace())).count() >= rest.size()
                && audit.clusterState().policies().stream().anyMatch(p -> p.getMetadata().getName().equals("eg-adm-fix-all"))
                && "fix-all".equals(audit.clusterState().namespaceLabels().getOrDefault(namespace, java.util.Map.of()).get("eg-adm")));

        JsonPath response = AdmissionRequests.send("/mutate", "fixall-" + file, "CREATE", namespace, entry, false);

        assertThat(response.getBoolean("response.allowed")).as(response.prettify()).isTrue();
        HasMetadata admitted = entry;
        if (outcome.equals("unchanged")) {
            assertThat(response.getString("response.patch")).isNull();
        } else {
            JsonNode patch = new ObjectMapper().readTree(Base64.getDecoder().decode(response.getString("response.patch")));
            admitted = (HasMetadata) JSON.convertValue(JsonPatch.apply(patch, JSON.convertValue(entry, JsonNode.class)),
                    KubernetesResource.class);
        }
        List<HasMetadata> after = new ArrayList<>(rest);
        after.add(admitted);
        assertThat(findings(after)).as("findings with the admitted entry, beyond those of the rest of the example alone")
                .isEqualTo(findings(rest));
    }
}
