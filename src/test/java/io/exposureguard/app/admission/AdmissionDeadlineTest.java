package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.admission.AdmissionVerdict;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /validate and /mutate keep inside their deadline: judging that overruns (a huge namespace, a stalled cache) is
 * answered as the failure policy would answer, long before the API server's 5 s timeout, and never blocks.
 */
class AdmissionDeadlineTest {

    private static final AdmissionVerdict LATE = AdmissionVerdict.late(List.of("late"));
    private final AdmissionDeadline deadlines = new AdmissionDeadline(2);
    private final AdmissionJudge judge = new AdmissionJudge(new Assessor(ExposureEngine.standard()));

    @AfterEach
    void close() {
        deadlines.close();
    }

    private static ClusterState hugeNamespace(int pods) {
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            objects.add(new PodBuilder().withNewMetadata().withName("redis-" + i).withNamespace("big").addToLabels("app", "redis-" + i)
                    .endMetadata().withNewSpec().addNewContainer().withName("redis").withImage("redis:7.2").addNewPort()
                    .withContainerPort(6379).endPort().endContainer().endSpec().build());
        }
        return new ClusterState(objects, List.of(), List.of(), Map.of());
    }

    private static HasMetadata loadBalancer() {
        return new ServiceBuilder().withNewMetadata().withName("all").withNamespace("big").endMetadata().withNewSpec()
                .withType("LoadBalancer").addToSelector("app", "redis-0").addNewPort().withPort(6379).endPort().endSpec().build();
    }

    @Test
    void aJudgementThatOverrunsTheDeadlineIsAnsweredAsTheFailurePolicyWould() {
        ClusterState slow = hugeNamespace(50_000);

        AdmissionVerdict verdict = deadlines.within(Duration.ofMillis(1),
                () -> judge.judge("CREATE", loadBalancer(), slow, "exposure-guard", Instant.EPOCH), () -> LATE);

        assertThat(verdict).isSameAs(LATE);
    }

    @Test
    void aStalledJudgementNeverHoldsTheAnswerPastTheApiServersTimeout() {
        long start = System.nanoTime();

        AdmissionVerdict verdict = deadlines.within(Duration.ofMillis(200), () -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AdmissionVerdict.allow("too late to matter");
        }, () -> LATE);

        assertThat(verdict).isSameAs(LATE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("well inside the API server's 5 s timeout")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aFixThatOverrunsTheDeadlineLeavesTheObjectUnchanged() {
        ObjectFixer fixer = new ObjectFixer(judge);
        ClusterState slow = hugeNamespace(50_000);

        Optional<ObjectFixer.Outcome> fixing = deadlines.within(Duration.ofMillis(1),
                () -> Optional.of(fixer.fix(loadBalancer(), slow, "exposure-guard", Instant.EPOCH)), Optional::empty);

        assertThat(fixing).isEmpty();
    }

    @Test
    void aJudgementInTimeIsTheAnswer() {
        AdmissionVerdict verdict = deadlines.within(Duration.ofSeconds(30),
                () -> judge.judge("CREATE", loadBalancer(), hugeNamespace(3), "exposure-guard", Instant.EPOCH), () -> LATE);

        assertThat(verdict.allowed()).isFalse();
        assertThat(verdict.message()).contains("[EG-EXP-001 critical]");
    }

    @Test
    void aJudgingBeyondTheInFlightLimitIsRefusedAtOnce() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (AdmissionDeadline two = new AdmissionDeadline(1, 2)) {
            java.util.function.Supplier<AdmissionVerdict> blocked = () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return AdmissionVerdict.allow("done");
            };
            assertThat(two.submit(Duration.ofMillis(50), blocked, () -> LATE)).isPresent();
            assertThat(two.submit(Duration.ofMillis(50), blocked, () -> LATE)).isPresent();

            assertThat(two.submit(Duration.ofMillis(50), blocked, () -> LATE)).as("a third while two run").isEmpty();
            release.countDown();
        }
    }

    @Test
    void aLateJudgingKeepsItsPlaceUntilItReallyEnds() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (AdmissionDeadline one = new AdmissionDeadline(1, 1)) {
            AdmissionVerdict answered = one.submit(Duration.ofMillis(10), () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return AdmissionVerdict.allow("done");
            }, () -> LATE).orElseThrow().get(5, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(answered).isSameAs(LATE);
            assertThat(one.submit(Duration.ofMillis(10), () -> AdmissionVerdict.allow("next"), () -> LATE))
                    .as("the overrunning judging still holds the only place").isEmpty();
            release.countDown();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    one.submit(Duration.ofSeconds(5), () -> AdmissionVerdict.allow("next"), () -> LATE).isPresent());
        }
    }
}
