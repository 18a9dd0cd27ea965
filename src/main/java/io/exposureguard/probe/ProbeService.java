package io.exposureguard.probe;

import io.exposureguard.model.ObjectRef;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the probes an audit planned, off the audit thread, one batch at a time, and keeps the latest verdict
 * per datastore for the next audit to use as evidence. When a verdict changes, {@code onNewEvidence} asks for
 * that audit. Counts {@code exposureguard_probe_results_total{datastore,result}}. Never logs evidence text
 * beyond verdicts and counts (no names, no contents, no credentials: the probe never has any).
 */
public final class ProbeService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProbeService.class);

    private final ProbeRunner runner;
    private final MeterRegistry registry;
    private final Runnable onNewEvidence;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "exposure-probe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Map<ObjectRef, ProbeResult> evidence = Map.of();

    public ProbeService(ProbeConfig config, MeterRegistry registry, Runnable onNewEvidence) {
        this(new Probes(ProbeSettings.defaults().withTimeouts(config.timeout(), config.timeout())),
                new ProbeRunner.Settings(config.concurrency(), Duration.ofMinutes(1), config.interval()), registry, onNewEvidence);
    }

    ProbeService(Prober prober, ProbeRunner.Settings settings, MeterRegistry registry, Runnable onNewEvidence) {
        this.runner = new ProbeRunner(prober, settings);
        this.registry = registry;
        this.onNewEvidence = onNewEvidence;
    }

    /** Starts a batch unless one is still running (the next audit plans again). */
    public void submit(List<ProbePlanner.Planned> planned, Instant now) {
        if (planned.isEmpty() || !running.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            try {
                List<ProbeOutcome> outcomes = runner.run(planned.stream().map(ProbePlanner.Planned::target).toList(), now);
                Map<ObjectRef, ProbeResult> batch = new java.util.HashMap<>();
                for (int i = 0; i < outcomes.size(); i++) {
                    ProbeOutcome o = outcomes.get(i);
                    if (!o.reused()) {
                        registry.counter("exposureguard.probe.results", "datastore", o.target().type().displayName(),
                                "result", o.result().verdict().name().toLowerCase(java.util.Locale.ROOT)).increment();
                    }
                    batch.merge(planned.get(i).datastore(), o.result(), (a, b) -> rank(a) >= rank(b) ? a : b);
                }
                if (!verdicts(batch).equals(verdicts(evidence))) {
                    evidence = Map.copyOf(batch);
                    onNewEvidence.run();
                }
            } catch (RuntimeException e) {
                LOG.warnf("probe batch failed: %s", e.getMessage());
            } finally {
                running.set(false);
            }
        });
    }

    /** The latest batch's most telling verdict per datastore (open beats protected beats no verdict), for the audit. */
    public Map<ObjectRef, ProbeResult> evidence() {
        return evidence;
    }

    /** What a result says, without how long it took: a new audit is needed only when this changes. */
    private static Map<ObjectRef, String> verdicts(Map<ObjectRef, ProbeResult> results) {
        Map<ObjectRef, String> out = new java.util.HashMap<>();
        results.forEach((k, v) -> out.put(k, v.verdict() + "|" + v.evidence() + "|" + v.reason()));
        return out;
    }

    private static int rank(ProbeResult r) {
        return switch (r.verdict()) {
            case OPEN -> 3;
            case PROTECTED -> 2;
            case UNKNOWN -> 1;
            case UNSUPPORTED -> 0;
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
