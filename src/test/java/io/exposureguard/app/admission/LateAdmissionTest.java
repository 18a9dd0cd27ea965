package io.exposureguard.app.admission;

import io.exposureguard.testing.Management;
import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The running app with a deadline no judgement can meet (1 µs; AdmissionDeadlineTest shows the same with a
 * really slow inventory): both webhooks answer over HTTP as the failure policy would, say so in a warning,
 * count it, and the background audit still finds the exposure once the object exists.
 */
@QuarkusTest
@WithKubernetesTestServer
@TestProfile(LateAdmissionTest.UnmeetableDeadline.class)
class LateAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final String NS = "eg-adm-late";

    public static class UnmeetableDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exposure-guard.admission-deadline", "PT0.000001S",
                    "quarkus.http.test-port", "0",
                    "quarkus.http.test-ssl-port", "0");
        }
    }

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    /**
     * A public Service carrying a 200 KB annotation: reading it on the judging pool alone takes far longer than the
     * 1 µs deadline, so the late answer always wins the race (a small object judged against a small cache view could
     * otherwise be answered before the timer is armed).
     */
    private static HasMetadata publicService() {
        return JSON.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: %s, annotations: {example.com/padding: "%s"}}
                spec: {type: LoadBalancer, selector: {app: cache}, ports: [{port: 11211}]}
                """.formatted(NS, "x".repeat(200_000)));
    }

    @Test
    void aLateValidationIsAllowedWithAWarningAndCountedAsLate() {
        double before = count("exposureguard_admission_decisions_total{decision=\"late\"");

        JsonPath response = AdmissionRequests.send("/validate", "late-validate", "CREATE", NS, publicService(), false);

        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getList("response.warnings", String.class)).singleElement().asString()
                .startsWith("exposure-guard did not finish evaluating this object within 0 ms");
        assertThat(count("exposureguard_admission_decisions_total{decision=\"late\"")).isEqualTo(before + 1);
    }

    @Test
    void aLateFixLeavesTheObjectUnchangedWithAWarning() {
        double before = count("exposureguard_admission_errors_total{webhook=\"mutate\"");

        JsonPath response = AdmissionRequests.send("/mutate", "late-mutate", "CREATE", NS, publicService(), false);

        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getString("response.patch")).isNull();
        assertThat(response.getList("response.warnings", String.class)).singleElement().asString()
                .startsWith("exposure-guard did not finish evaluating this object for fixes within 0 ms");
        assertThat(count("exposureguard_admission_errors_total{webhook=\"mutate\"")).isEqualTo(before + 1);
    }

    @Test
    void theAuditFindsWhatALateAnswerLetThrough() {
        JsonPath response = AdmissionRequests.send("/validate", "late-then-audit", "CREATE", NS, publicService(), false);
        assertThat(response.getBoolean("response.allowed")).isTrue();

        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached(NS, "LoadBalancer"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(audit.lastOutcome().reported())
                .anySatisfy(d -> {
                    assertThat(d.finding().resource().namespace()).isEqualTo(NS);
                    assertThat(d.finding().resource().kind()).isEqualTo("Service");
                    assertThat(d.finding().rule().id()).startsWith("EG-EXP-");
                }));
    }

    private static double count(String prefix) {
        return Management.request().get("/q/metrics").then().extract().asString().lines()
                .filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
