package io.exposureguard.edge.probe;

import io.exposureguard.core.audit.ProbePlanner;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.model.ObjectRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The probe service keeps each datastore's evidence to the probes made for it, and shows refusals. */
class ProbeServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final ObjectRef TENANT_A = ObjectRef.of("StatefulSet", "tenant-a", "search");
    private static final ObjectRef TENANT_B = ObjectRef.of("StatefulSet", "tenant-b", "search");
    private static final ProbeTarget SHARED = new ProbeTarget("10.96.7.7", 9200, DatastoreKind.ELASTICSEARCH, false);

    /** Answers the first probe "asks for credentials", every later one "connection refused"; records each. */
    private static final class FirstAsksForCredentials implements Prober {
        final List<ProbeTarget> calls = new CopyOnWriteArrayList<>();

        @Override
        public ProbeResult probe(ProbeTarget target) {
            calls.add(target);
            return calls.size() == 1 ? ProbeResult.protectedBy("GET /_cluster/health returned 401") : ProbeResult.unknown("connection refused");
        }
    }

    @Test
    void aDatastoreAtAnotherDatastoresEndpointGetsOnlyWhatItsOwnProbeFound() {
        FirstAsksForCredentials prober = new FirstAsksForCredentials();
        try (ProbeService service = new ProbeService(prober, ProbeRunner.Settings.defaults(), new SimpleMeterRegistry(), () -> { })) {
            service.submit(List.of(new ProbePlanner.Planned(TENANT_A, SHARED)), T0);
            await().atMost(Duration.ofSeconds(20)).until(() -> service.evidence().containsKey(TENANT_A));

            service.submit(List.of(new ProbePlanner.Planned(TENANT_A, SHARED), new ProbePlanner.Planned(TENANT_B, SHARED)), T0.plusSeconds(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> service.evidence().containsKey(TENANT_B));

            assertThat(prober.calls).as("tenant B's target was probed for tenant B").hasSize(2);
            assertThat(service.evidence().get(TENANT_B).results()).extracting(ProbeResult::verdict).containsExactly(ProbeResult.Verdict.UNKNOWN);
            assertThat(service.evidence().get(TENANT_A).results()).extracting(ProbeResult::verdict).containsExactly(ProbeResult.Verdict.PROTECTED);
        }
    }

    @Test
    void theEvidenceIsDroppedOnceNothingIsPlanned() {
        FirstAsksForCredentials prober = new FirstAsksForCredentials();
        java.util.concurrent.atomic.AtomicInteger audits = new java.util.concurrent.atomic.AtomicInteger();
        try (ProbeService service = new ProbeService(prober, ProbeRunner.Settings.defaults(), new SimpleMeterRegistry(), audits::incrementAndGet)) {
            service.submit(List.of(new ProbePlanner.Planned(TENANT_A, SHARED, true, "")), T0);
            await().atMost(Duration.ofSeconds(20)).until(() -> service.evidence().containsKey(TENANT_A));

            service.submit(List.of(), T0.plusSeconds(1));

            assertThat(service.evidence()).as("no trusted credential demand outlives the policy that asked").isEmpty();
            assertThat(audits.get()).as("an audit asked for each change").isEqualTo(2);
        }
    }

    @Test
    void aRefusedTargetIsNeverSentAnythingAndShowsInTheEvidenceAndTheMetrics() {
        FirstAsksForCredentials prober = new FirstAsksForCredentials();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProbeTarget loopback = new ProbeTarget("127.0.0.1", 9200, DatastoreKind.ELASTICSEARCH, false);
        try (ProbeService service = new ProbeService(prober, ProbeRunner.Settings.defaults(), registry, () -> { })) {
            service.submit(List.of(new ProbePlanner.Planned(TENANT_B, loopback, true, "127.0.0.1 is a loopback address")), T0);
            await().atMost(Duration.ofSeconds(20)).until(() -> service.evidence().containsKey(TENANT_B));
            service.submit(List.of(new ProbePlanner.Planned(TENANT_B, loopback, true, "127.0.0.1 is a loopback address")), T0.plusSeconds(1));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(registry.counter("exposureguard.probe.results",
                    "datastore", "Elasticsearch", "result", "refused").count()).as("counted once per interval").isEqualTo(1.0));
            assertThat(prober.calls).isEmpty();
            assertThat(service.evidence().get(TENANT_B).refusals()).containsExactly("127.0.0.1 is a loopback address");
            assertThat(service.evidence().get(TENANT_B).verdict()).isEmpty();
        }
    }
}
