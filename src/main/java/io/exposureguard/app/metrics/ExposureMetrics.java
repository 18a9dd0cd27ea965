package io.exposureguard.app.metrics;

import io.exposureguard.core.audit.AuditMetrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.TreeMap;

/**
 * Domain meters (documented in docs/metrics.md). Labels are bounded: namespace, team, rule, severity,
 * kind and action; object names only when the operator's {@code metric-object-names} is on. The values come from
 * the audit cycle ({@link AuditMetrics}); this class only keeps the meters.
 */
public final class ExposureMetrics implements AutoCloseable {

    private final MeterRegistry registry;
    private final MultiGauge exposures;
    private final MultiGauge exceptionIssues;
    private final Timer auditDuration;
    private final Counter auditErrors;
    private final Counter auditRuns;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final AtomicLong leader = new AtomicLong();
    private final List<Meter> gauges;

    public ExposureMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.exposures = MultiGauge.builder("exposureguard.exposures")
                .description("Current exposures reported (not turned off by policy or exception)")
                .register(registry);
        this.exceptionIssues = MultiGauge.builder("exposureguard.exceptions.not.applied")
                .description("ExposureExceptions that do not apply: expired, invalid or out of scope")
                .register(registry);
        this.auditDuration = Timer.builder("exposureguard.audit.duration")
                .description("Time to evaluate the whole cluster snapshot").register(registry);
        this.auditErrors = Counter.builder("exposureguard.audit.errors")
                .description("Audits that failed (the next one retries)").register(registry);
        this.auditRuns = Counter.builder("exposureguard.audit.runs")
                .description("Audits completed").register(registry);
        this.gauges = List.of(
                Gauge.builder("exposureguard.audit.last.success.seconds", lastSuccess, AtomicLong::get)
                        .description("Unix time of the last successful audit").register(registry),
                Gauge.builder("exposureguard.leader", leader, AtomicLong::get)
                        .description("1 on the replica that writes events, reports and status").register(registry));
    }

    /**
     * Unregisters the gauges, whose values live in this object. The registry can outlive it (one JVM, several
     * application starts): a gauge left behind would keep reading this object's values, and a new one
     * registered under the same name would silently get the old gauge back.
     */
    @Override
    public void close() {
        exposures.register(List.of(), true);
        exceptionIssues.register(List.of(), true);
        gauges.forEach(registry::remove);
    }

    /** Replaces the gauge rows with one audit's values and counts what was raised and cleared. */
    public void record(AuditMetrics values) {
        exposures.register(rows(values.exposures()), true);
        values.raised().forEach(labels -> registry.counter("exposureguard.findings.raised", tags(labels)).increment());
        values.cleared().forEach(labels -> registry.counter("exposureguard.findings.cleared", tags(labels)).increment());
        exceptionIssues.register(rows(values.exceptionIssues()), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<Map<String, String>, Integer> values) {
        Map<String, MultiGauge.Row<?>> sorted = new TreeMap<>();
        values.forEach((labels, count) -> sorted.put(tags(labels).toString(), MultiGauge.Row.of(tags(labels), count)));
        return List.copyOf(sorted.values());
    }

    private static Tags tags(Map<String, String> labels) {
        Tags t = Tags.empty();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            t = t.and(e.getKey(), e.getValue());
        }
        return t;
    }

    /** Records a successful audit; {@code exposureguard_audit_last_success_seconds} lets alerts spot a stale audit. */
    public void auditCompleted(Duration took, Instant finishedAt) {
        auditDuration.record(took);
        auditRuns.increment();
        lastSuccess.set(finishedAt.getEpochSecond());
    }

    /** 1 on the replica that writes events and reports, 0 on the others. */
    public void leader(boolean isLeader) {
        leader.set(isLeader ? 1 : 0);
    }

    public void auditFailed() {
        auditErrors.increment();
    }

}
