package io.exposureguard.kube;

import io.exposureguard.testing.Management;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.exposureguard.kube.ClusterFixtures.apply;
import static io.exposureguard.kube.ClusterFixtures.exposedMemcached;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** What the operator says about policies and exceptions themselves: status conditions, metrics, health. */
@QuarkusTest
@WithKubernetesTestServer
class PolicySignalsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;

    private Condition condition(String policy, String type) {
        ExposurePolicy p = client.resources(ExposurePolicy.class).withName(policy).get();
        assertThat(p.getStatus()).as("status of " + policy).isNotNull();
        // The latest condition of the type: the mock API server appends list items on a merge patch where a real
        // one replaces the list, so earlier versions of the condition may still be there.
        return p.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aValidPolicyReportsReadyTheGenerationItSawAndTheFindingsItGoverns() {
        apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: Namespace, metadata: {name: eg-test-governed, labels: {eg-test: governed}}}
                  - apiVersion: exposureguard.io/v1alpha1
                    kind: ExposurePolicy
                    metadata: {name: eg-test-governed}
                    spec: {namespaceSelector: {matchLabels: {eg-test: governed}}, actions: {critical: fix}}
                """);
        apply(client, exposedMemcached("eg-test-governed", "LoadBalancer"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(condition("eg-test-governed", "Ready").getStatus()).isEqualTo("True");
            assertThat(condition("eg-test-governed", "Degraded").getStatus()).isEqualTo("False");
            ExposurePolicy p = client.resources(ExposurePolicy.class).withName("eg-test-governed").get();
            assertThat(p.getStatus().getObservedGeneration()).isEqualTo(p.getMetadata().getGeneration());
            assertThat(p.getStatus().getFindings()).containsEntry("critical", 1);
            assertThat(p.getSpec().getActions().getCritical().label()).isEqualTo("fix");
        });
    }

    @Test
    void anInvalidPolicyIsNotReadyAndItsStatusSaysWhy() {
        apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: eg-test-broken}
                spec: {allowedSourceCidrs: [10.0.0.0/99]}
                """);

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("eg-test-broken", "Ready")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
            assertThat(c.getMessage()).contains("spec.allowedSourceCidrs[0]: '10.0.0.0/99' is not a CIDR");
        }));
    }

    @Test
    void anExpiredExceptionIsCountedForAlerting() {
        apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: eg-test-old, namespace: exposure-guard}
                spec:
                  rules: [EG-EXP-001]
                  resources: [{namespace: eg-test-old}]
                  reason: Migration window
                  expiresAt: "2020-01-01T00:00:00Z"
                  approvedBy: sre@example.com
                """);

        await().atMost(WAIT).untilAsserted(() -> assertThat(Management.request().get("/q/metrics").then().extract().asString().lines()
                .anyMatch(l -> l.startsWith("exposureguard_exceptions_not_applied{")
                        && l.contains("namespace=\"exposure-guard\"") && l.contains("state=\"expired\""))).isTrue());
    }

    @Test
    void readinessFollowsTheFirstAudit() {
        await().atMost(WAIT).untilAsserted(() -> Management.request().get("/q/health/ready").then().log().ifValidationFails().statusCode(200)
                .body(containsString("exposure-audit")));
        Management.request().get("/q/health/live").then().statusCode(200);
    }
}
