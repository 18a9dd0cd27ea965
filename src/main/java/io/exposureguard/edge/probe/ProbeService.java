package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeEvidence;
import io.exposureguard.core.probe.ProbeOutcome;
import io.exposureguard.core.audit.ProbePlanner;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.model.ObjectRef;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the probes an audit planned, off the audit thread, one batch at a time, and keeps the latest results per
 * datastore for the next audit to use as evidence. Targets the planner refused are not sent anything: they become
 * REFUSED results. Each datastore's results come from probes made for that datastore only (the runner keys them by
 * datastore and endpoint). When the evidence changes, {@code onNewEvidence} asks for that audit. Counts
 * {@code exposureguard_probe_results_total{datastore,result}} (result {@code refused} included, once per target and
 * interval). Never logs evidence text beyond verdicts and counts (no names, no contents, no credentials: the probe
 * never has any).
 */
public final class ProbeService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProbeService.class);

    private final ProbeRunner runner;
    private final ProbeRunner.Settings settings;
    private final MeterRegistry registry;
    private final Runnable onNewEvidence;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "exposure-probe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Map<ObjectRef, ProbeEvidence.Entry> evidence = Map.of();
    /** When each refused target was last counted (probe thread only), so a refusal counts once per interval like a probe. */
    private final Map<String, Instant> refusalsCounted = new HashMap<>();

    public ProbeService(ProbeConfig config, MeterRegistry registry, Runnable onNewEvidence) {
        this(new Probes(ProbeSettings.defaults().withTimeouts(config.timeout(), config.timeout())),
                new ProbeRunner.Settings(config.concurrency(), Duration.ofMinutes(1), config.interval()), registry, onNewEvidence);
    }

    ProbeService(Prober prober, ProbeRunner.Settings settings, MeterRegistry registry, Runnable onNewEvidence) {
        this.runner = new ProbeRunner(prober, settings);
        this.settings = settings;
        this.registry = registry;
        this.onNewEvidence = onNewEvidence;
    }

    /**
     * Starts a batch unless one is still running (the next audit plans again). Nothing planned (no policy asks for
     * probes any more) drops the evidence, so no earlier result, or earlier opt-in, outlives the policy that asked.
     */
    public void submit(List<ProbePlanner.Planned> planned, Instant now) {
        if (planned.isEmpty()) {
            if (!evidence.isEmpty()) {
                evidence = Map.of();
                onNewEvidence.run();
            }
            return;
        }
        if (!running.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            try {
                List<ProbePlanner.Planned> allowed = planned.stream().filter(p -> !p.isRefused()).toList();
                List<ProbeOutcome> outcomes = runner.runFor(allowed.stream()
                        .map(p -> new ProbeRunner.Request(owner(p.datastore()), p.target())).toList(), now);
                Map<ObjectRef, List<ProbeResult>> results = new LinkedHashMap<>();
                Map<ObjectRef, Boolean> trust = new HashMap<>();
                for (int i = 0; i < outcomes.size(); i++) {
                    ProbeOutcome o = outcomes.get(i);
                    if (!o.reused()) {
                        count(o.target(), o.result().verdict());
                    }
                    results.computeIfAbsent(allowed.get(i).datastore(), k -> new ArrayList<>()).add(o.result());
                }
                refusalsCounted.values().removeIf(at -> !at.plus(settings.minInterval()).isAfter(now));
                for (ProbePlanner.Planned p : planned) {
                    trust.merge(p.datastore(), p.trustCredentialAnswers(), Boolean::logicalAnd);
                    if (p.isRefused()) {
                        results.computeIfAbsent(p.datastore(), k -> new ArrayList<>()).add(ProbeResult.refused(p.refused()));
                        if (refusalsCounted.putIfAbsent(owner(p.datastore()) + " " + p.target(), now) == null) {
                            count(p.target(), ProbeResult.Verdict.REFUSED);
                            LOG.debugf("probe of %s refused: %s", p.target(), p.refused());
                        }
                    }
                }
                Map<ObjectRef, ProbeEvidence.Entry> batch = new HashMap<>();
                results.forEach((datastore, list) -> batch.put(datastore, new ProbeEvidence.Entry(list, trust.getOrDefault(datastore, false))));
                if (!said(batch).equals(said(evidence))) {
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

    /** The latest batch's results per datastore, for the audit. */
    public Map<ObjectRef, ProbeEvidence.Entry> evidence() {
        return evidence;
    }

    private void count(ProbeTarget target, ProbeResult.Verdict verdict) {
        registry.counter("exposureguard.probe.results", "datastore", target.type().displayName(),
                "result", verdict.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** The runner's owner key: the datastore's kind, namespace and name. */
    private static String owner(ObjectRef datastore) {
        return datastore.kind() + "/" + datastore.namespace() + "/" + datastore.name();
    }

    /** What the evidence says, without how long probes took: a new audit is needed only when this changes. */
    private static Map<ObjectRef, String> said(Map<ObjectRef, ProbeEvidence.Entry> entries) {
        Map<ObjectRef, String> out = new HashMap<>();
        entries.forEach((k, v) -> out.put(k, v.trustCredentialAnswers() + "|" + v.results().stream()
                .map(r -> r.verdict() + "|" + r.evidence() + "|" + r.reason()).sorted().toList()));
        return out;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
