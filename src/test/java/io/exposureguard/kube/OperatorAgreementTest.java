package io.exposureguard.kube;

import io.exposureguard.app.audit.AuditService;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.Assessor;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.exposureguard.kube.ClusterFixtures.apply;
import static io.exposureguard.kube.ClusterFixtures.exposedMemcached;
import static io.exposureguard.kube.ClusterFixtures.exposureEvents;
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

    private static String verdict(Decision d) {
        return d.finding().rule().id() + " " + d.finding().severity().label() + " " + d.finding().resource().display()
                + " " + d.action().label();
    }
}
