package io.exposureguard.kube;

import io.exposureguard.app.audit.AuditService;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterReader;
import io.exposureguard.core.admission.AdmissionJudge;
import io.restassured.http.ContentType;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.exposureguard.kube.ClusterFixtures.apply;
import static io.exposureguard.kube.ClusterFixtures.exposedMemcached;
import static io.exposureguard.kube.ClusterFixtures.exposureEvents;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operator and `scan` reach the same decisions, and a restarted operator re-finds everything without duplicating. */
@QuarkusTest
@WithKubernetesTestServer
class OperatorAgreementTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    @Inject
    ClusterReader cluster;

    @Inject
    Assessor assessor;

    @Inject
    Clock clock;

    @Test
    void theOperatorAndScanAgreeOnTheShippedExamples() {
        LoadResult examples = new ManifestReader().read(List.of("deploy/examples"), System.in);
        assertThat(examples.errors()).isEmpty();
        List<HasMetadata> objects = examples.objects().stream().map(LoadedObject::object).toList();
        List<Decision> scanned = new Assessor(ExposureEngine.standard())
                .assess(objects, List.of(), List.of(), "exposure-guard", Map.of(), Instant.now())
                .outcome().reported();
        Set<String> namespaces = objects.stream().map(o -> o.getMetadata().getNamespace()).collect(Collectors.toSet());
        assertThat(scanned).hasSizeGreaterThan(10);

        ClusterFixtures.installThirdPartyCrds(client);
        objects.forEach(o -> apply(client, o));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(audit.lastOutcome()).isNotNull();
            List<String> inCluster = audit.lastOutcome().reported().stream()
                    .filter(d -> namespaces.contains(d.finding().resource().namespace()))
                    .map(OperatorAgreementTest::verdict).sorted().toList();
            assertThat(inCluster).isEqualTo(scanned.stream().map(OperatorAgreementTest::verdict).sorted().toList());
        });
    }

    @Test
    void aRestartedOperatorReFindsEverythingWithoutDuplicatingEvents() {
        String ns = "eg-test-restart";
        apply(client, exposedMemcached(ns, "LoadBalancer"));
        await().atMost(WAIT).until(() -> exposureEvents(client, ns).size() == 1);
        Event before = exposureEvents(client, ns).get(0);

        AuditService restarted = new AuditService(client, new TestOperatorConfig(false, "exposure-guard"), new SimpleMeterRegistry());
        try {
            restarted.start();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(restarted.lastOutcome()).isNotNull();
                assertThat(restarted.lastOutcome().reported()).anySatisfy(d -> {
                    assertThat(d.finding().rule().id()).isEqualTo("EG-EXP-001");
                    assertThat(d.finding().resource().namespace()).isEqualTo(ns);
                });
            });
        } finally {
            restarted.stop();
        }

        assertThat(exposureEvents(client, ns)).singleElement()
                .satisfies(e -> assertThat(e.getMetadata().getName()).isEqualTo(before.getMetadata().getName()));
    }

    /**
     * What only the audit used to add is in the shared pipeline now: with a policy that says fix, an object that opts
     * out gets its EG-REM-001 finding, and a datastore the operator quarantined gets the fact naming its quarantine,
     * in the audit's decisions, in the same pipeline run as scan runs it over the cached objects, and in admission
     * (the webhook warns about the opt-out; the judge's decisions carry the quarantine fact).
     */
    @Test
    void theAuditScanAndAdmissionAgreeOnOptOutsAndQuarantines() {
        apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: Namespace, metadata: {name: eg-agree-q, labels: {eg-agree: fix}}}
                  - {apiVersion: v1, kind: Namespace, metadata: {name: eg-agree-opt, labels: {eg-agree: fix}}}
                  - apiVersion: exposureguard.io/v1alpha1
                    kind: ExposurePolicy
                    metadata: {name: eg-agree-fix}
                    spec:
                      namespaceSelector: {matchLabels: {eg-agree: fix}}
                      actions: {critical: fix}
                      remediation: {preferQuarantine: true}
                """);
        apply(client, exposedMemcached("eg-agree-q", "LoadBalancer"));
        apply(client, exposedMemcached("eg-agree-opt", "LoadBalancer"));
        client.services().inNamespace("eg-agree-opt").withName("cache").edit(s -> {
            s.getMetadata().setAnnotations(Map.of("exposureguard.io/remediation", "disabled"));
            return s;
        });
        Set<String> namespaces = Set.of("eg-agree-q", "eg-agree-opt");

        await().atMost(WAIT).untilAsserted(() -> {
            List<Decision> audited = audit.lastOutcome().reported().stream()
                    .filter(d -> namespaces.contains(d.finding().resource().namespace())).toList();
            assertThat(audited).anySatisfy(d -> assertThat(verdict(d)).isEqualTo("EG-REM-001 medium Service eg-agree-opt/cache alert"));
            assertThat(audited).anySatisfy(d -> {
                assertThat(d.finding().resource().namespace()).isEqualTo("eg-agree-q");
                assertThat(d.finding().facts()).anySatisfy(f -> assertThat(f).startsWith("quarantined by NetworkPolicy eg-agree-q/"));
            });
            List<Decision> scanned = assessor.assess(cluster.current(), "exposure-guard", clock.instant(), Map.of()).outcome().reported()
                    .stream().filter(d -> namespaces.contains(d.finding().resource().namespace())).toList();
            assertThat(scanned.stream().map(OperatorAgreementTest::withFacts).sorted().toList())
                    .isEqualTo(audited.stream().map(OperatorAgreementTest::withFacts).sorted().toList());
        });

        HasMetadata quarantined = client.services().inNamespace("eg-agree-q").withName("cache").get();
        assertThat(new AdmissionJudge(assessor).concerning(quarantined, cluster.current(), "exposure-guard", clock.instant()))
                .isNotEmpty().allSatisfy(d -> assertThat(d.finding().facts())
                        .anySatisfy(f -> assertThat(f).startsWith("quarantined by NetworkPolicy eg-agree-q/")));
        HasMetadata optedOut = client.services().inNamespace("eg-agree-opt").withName("cache").get();
        String review = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asJson(
                new io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder().withApiVersion("admission.k8s.io/v1")
                        .withKind("AdmissionReview").withRequest(new io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder()
                                .withUid("agree-1").withOperation("UPDATE").withNamespace("eg-agree-opt").withName("cache")
                                .withNewKind("", "Service", "v1").withObject(optedOut).withOldObject(optedOut).build()).build());
        List<String> warnings = given().contentType(ContentType.JSON).body(review).post("/validate").then().statusCode(200)
                .extract().jsonPath().getList("response.warnings", String.class);
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("exposure-guard EG-REM-001 medium (alert): Service eg-agree-opt/cache"));
    }

    private static String withFacts(Decision d) {
        return verdict(d) + " " + d.finding().facts();
    }

    private static String verdict(Decision d) {
        return d.finding().rule().id() + " " + d.finding().severity().label() + " " + d.finding().resource().display()
                + " " + d.action().label();
    }
}
