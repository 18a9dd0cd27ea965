package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeOutcome;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.DatastoreKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's limits, with a fake prober: concurrency, the per-endpoint interval, the batch deadline, robustness. */
class ProbeRunnerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final ProbeResult OPEN = ProbeResult.open("PING answered +PONG without AUTH");

    /** Counts calls and the most calls in flight at once; each call takes {@code busy}. */
    private static final class CountingProber implements Prober {
        final List<ProbeTarget> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        private final Duration busy;

        CountingProber(Duration busy) {
            this.busy = busy;
        }

        @Override
        public ProbeResult probe(ProbeTarget target) {
            calls.add(target);
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(busy.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return OPEN;
        }
    }

    private static ProbeTarget redis(int port) {
        return new ProbeTarget("10.0.0.1", port, DatastoreKind.REDIS, false);
    }

    private static List<ProbeTarget> redisTargets(int count) {
        return IntStream.range(0, count).mapToObj(i -> redis(7000 + i)).toList();
    }

    private static ProbeRunner.Settings settings(int concurrency, Duration deadline) {
        return new ProbeRunner.Settings(concurrency, deadline, Duration.ofMinutes(10));
    }

    @Test
    void noMoreProbesRunAtOnceThanTheConcurrencyLimit() {
        CountingProber prober = new CountingProber(Duration.ofMillis(100));
        ProbeRunner runner = new ProbeRunner(prober, settings(3, Duration.ofSeconds(30)));

        List<ProbeOutcome> outcomes = runner.run(redisTargets(12), T0);

        assertThat(prober.calls).hasSize(12);
        assertThat(prober.mostInFlight.get()).isEqualTo(3);
        assertThat(outcomes).extracting(o -> o.result().verdict()).containsOnly(ProbeResult.Verdict.OPEN);
    }

    @Test
    void anEndpointIsNotProbedAgainWithinTheMinimumInterval() {
        CountingProber prober = new CountingProber(Duration.ZERO);
        ProbeRunner runner = new ProbeRunner(prober, ProbeRunner.Settings.defaults());

        runner.run(List.of(redis(6379)), T0);
        List<ProbeOutcome> again = runner.run(List.of(redis(6379)), T0.plus(Duration.ofMinutes(9)));

        assertThat(prober.calls).hasSize(1);
        assertThat(again).singleElement().satisfies(o -> {
            assertThat(o.reused()).isTrue();
            assertThat(o.probedAt()).isEqualTo(T0);
            assertThat(o.result()).isEqualTo(OPEN);
        });
    }

    @Test
    void anEndpointIsProbedAgainOnceTheIntervalHasPassed() {
        CountingProber prober = new CountingProber(Duration.ZERO);
        ProbeRunner runner = new ProbeRunner(prober, ProbeRunner.Settings.defaults());

        runner.run(List.of(redis(6379)), T0);
        List<ProbeOutcome> later = runner.run(List.of(redis(6379)), T0.plus(Duration.ofMinutes(10)));

        assertThat(prober.calls).hasSize(2);
        assertThat(later).singleElement().satisfies(o -> assertThat(o.reused()).isFalse());
    }

    @Test
    void anEndpointListedTwiceInABatchIsProbedOnce() {
        CountingProber prober = new CountingProber(Duration.ZERO);
        ProbeRunner runner = new ProbeRunner(prober, ProbeRunner.Settings.defaults());

        List<ProbeOutcome> outcomes = runner.run(List.of(redis(6379), redis(6379)), T0);

        assertThat(prober.calls).hasSize(1);
        assertThat(outcomes).hasSize(2).extracting(ProbeOutcome::result).containsOnly(OPEN);
    }

    @Test
    void oneOwnersResultIsNeverReusedForAnotherOwnerAtTheSameEndpoint() {
        CountingProber prober = new CountingProber(Duration.ZERO);
        ProbeRunner runner = new ProbeRunner(prober, ProbeRunner.Settings.defaults());

        runner.runFor(List.of(new ProbeRunner.Request("tenant-a", redis(6379))), T0);
        List<ProbeOutcome> outcomes = runner.runFor(List.of(new ProbeRunner.Request("tenant-a", redis(6379)),
                new ProbeRunner.Request("tenant-b", redis(6379)), new ProbeRunner.Request("tenant-b", redis(6379))), T0.plusSeconds(1));

        assertThat(prober.calls).as("once for tenant-a, once for tenant-b").hasSize(2);
        assertThat(outcomes).extracting(ProbeOutcome::reused).containsExactly(true, false, false);
    }

    @Test
    void anEndpointRecentlyProbedAsAnotherDatastoreIsNotProbedAgainNorGivenTheOtherVerdict() {
        CountingProber prober = new CountingProber(Duration.ZERO);
        ProbeRunner runner = new ProbeRunner(prober, ProbeRunner.Settings.defaults());

        runner.run(List.of(redis(9200)), T0);
        List<ProbeOutcome> outcomes = runner.run(List.of(new ProbeTarget("10.0.0.1", 9200, DatastoreKind.ELASTICSEARCH, false)), T0);

        assertThat(prober.calls).hasSize(1);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.result().verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(o.result().reason()).isEqualTo("not probed: 10.0.0.1:9200 was probed as Redis/Valkey less than 10m ago");
        });
    }

    @Test
    void theBatchEndsAtItsDeadlineAndReportsWhatWasNotFinished() {
        CountDownLatch never = new CountDownLatch(1);
        ProbeRunner runner = new ProbeRunner(target -> {
            try {
                never.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OPEN;
        }, settings(1, Duration.ofMillis(900)));

        long start = System.nanoTime();
        List<ProbeOutcome> outcomes = runner.run(redisTargets(3), T0);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("ended at the deadline, not when the stuck probe gave up after 10 s").isLessThan(Duration.ofSeconds(8));
        assertThat(outcomes).extracting(o -> o.result().reason()).containsExactly(
                "batch deadline of 900ms reached before the probe finished",
                "not probed: batch deadline of 900ms reached first",
                "not probed: batch deadline of 900ms reached first");
    }

    @Test
    void targetsNotStartedBeforeTheDeadlineAreProbedInTheNextBatch() {
        CountingProber slow = new CountingProber(Duration.ofMillis(400));
        ProbeRunner runner = new ProbeRunner(slow, settings(1, Duration.ofMillis(200)));

        runner.run(redisTargets(2), T0);
        runner.run(redisTargets(2), T0.plusSeconds(1));

        assertThat(slow.calls).extracting(ProbeTarget::port).containsExactly(7000, 7001);
    }

    @Test
    void aFailingProberBecomesUnknownForThatTargetOnly() {
        ProbeRunner runner = new ProbeRunner(target -> {
            if (target.port() == 7000) {
                throw new IllegalStateException("bug in a prober");
            }
            return target.port() == 7001 ? null : OPEN;
        }, ProbeRunner.Settings.defaults());

        List<ProbeOutcome> outcomes = runner.run(redisTargets(3), T0);

        assertThat(outcomes).extracting(o -> o.result().verdict() + " " + o.result().reason()).containsExactly(
                "UNKNOWN probe failed: IllegalStateException",
                "UNKNOWN probe failed: no result",
                "OPEN ");
    }
}
