package io.exposureguard.app.audit;

import io.exposureguard.app.cluster.InformedCluster;
import io.exposureguard.app.config.OperatorConfig;
import io.exposureguard.app.metrics.ExposureMetrics;
import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.audit.AuditCycle;
import io.exposureguard.core.audit.AuditState;
import io.exposureguard.core.audit.ProbePlanner;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.PolicyOutcome;
import io.exposureguard.core.probe.ApiServerAddresses;
import io.exposureguard.core.probe.ProbeTargetPolicy;
import io.exposureguard.core.remediation.QuarantineSeal;
import io.exposureguard.core.remediation.RemediationPlanner;
import io.exposureguard.edge.probe.ProbeService;
import io.exposureguard.kube.ApiServerEndpoints;
import io.exposureguard.kube.EventPublisher;
import io.exposureguard.kube.Leadership;
import io.exposureguard.kube.ReportWriter;
import io.exposureguard.core.report.ReportApi;
import io.exposureguard.core.report.ReportDelivery;
import io.exposureguard.kube.PolicyStatusWriter;
import io.exposureguard.kube.remediation.Remediator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The continuous audit loop: every change seen by the informers marks the snapshot dirty; after the debounce the
 * snapshot is audited, and a full audit also runs at start and every {@code audit-interval}. What an audit writes is
 * computed by the pure {@link AuditCycle} (the same pipeline as scan and admission); this loop schedules it, reads what
 * the cycle needs, executes its outputs through the writers (only on the leader) and records the metrics. One thread
 * does all of it, so audits never overlap; a failing audit is counted and retried after a backoff, never crashing the
 * operator. Time comes from the injected {@link Clock}.
 */
@ApplicationScoped
public class AuditService {

    private static final Logger LOG = Logger.getLogger(AuditService.class);

    private final KubernetesClient client;
    private final OperatorConfig config;
    private final Clock clock;
    private final InformedCluster cluster;
    private final AuditCycle cycle;
    private final AuditCycle.Settings settings;
    private final ExposureMetrics metrics;
    private final EventPublisher events;
    private final ReportWriter reports;
    private final PolicyStatusWriter policyStatus;
    private final Remediator remediator;
    private final ProbeService probes;
    private final ApiServerEndpoints apiServer;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "exposure-guard-audit");
        t.setDaemon(true);
        return t;
    });
    private volatile Leadership leadership;
    /** Touched on the audit thread only. */
    private AuditState state = AuditState.INITIAL;
    private volatile PolicyOutcome lastOutcome;

    @Inject
    public AuditService(KubernetesClient client, OperatorConfig config, MeterRegistry registry, Assessor assessor, Clock clock,
                        InformedCluster cluster) {
        this(client, config, registry, ProbeTargetPolicy.production(), assessor, clock, cluster);
    }

    /** An operator instance started by hand (tests, benches): its own cache, assessor and the system clock. */
    public AuditService(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        this(client, config, registry, ProbeTargetPolicy.production());
    }

    /**
     * With the probe's always-refused ranges given: only for tests that probe servers they run on 127.0.0.1 (production
     * refuses loopback, see {@link ProbeTargetPolicy#production()}).
     */
    public AuditService(KubernetesClient client, OperatorConfig config, MeterRegistry registry, ProbeTargetPolicy probeTargets) {
        this(client, config, registry, probeTargets, new Assessor(ExposureEngine.standard()), Clock.systemUTC(),
                new InformedCluster(client, config));
    }

    private AuditService(KubernetesClient client, OperatorConfig config, MeterRegistry registry, ProbeTargetPolicy probeTargets,
                         Assessor assessor, Clock clock, InformedCluster cluster) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.cluster = cluster;
        this.cycle = new AuditCycle(assessor, new RemediationPlanner(new ObjectFixer(new AdmissionJudge(assessor))),
                new ProbePlanner(probeTargets));
        this.settings = new AuditCycle.Settings(config.operatorNamespace(), config.remediation().enabled(), config.metricObjectNames());
        this.metrics = new ExposureMetrics(registry);
        this.events = new EventPublisher(client);
        this.reports = new ReportWriter(client, ReportApi.selected(config.reports().api()));
        this.policyStatus = new PolicyStatusWriter(client);
        this.remediator = new Remediator(client, registry, config.remediation());
        this.probes = config.probe().enabled() ? new ProbeService(config.probe(), registry, () -> dirty.set(true)) : null;
        this.apiServer = new ApiServerEndpoints(client, Duration.ofMinutes(1));
    }

    void onStart(@Observes StartupEvent event) {
        if (config.watch()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** A replica that just won the lease re-publishes every current finding (writes are idempotent). */
    private void becameLeader() {
        state = state.republish();
        dirty.set(true);
    }

    /** True when this replica writes to the cluster: it holds the lease, or election is off. */
    public boolean leader() {
        return leadership == null || leadership.isLeader();
    }

    /** Stops the audit loop, the election and the informers, and unregisters the gauges; final. */
    public synchronized void stop() {
        if (leadership != null) {
            leadership.stop();
        }
        executor.shutdownNow();
        try {
            // an audit in flight finishes its metrics before they are unregistered, or it would re-register them
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        metrics.close();
        if (probes != null) {
            probes.close();
        }
        cluster.stop();
    }

    /** Starts the informers and the audit loop. */
    public synchronized void start() {
        if (cluster.started()) {
            return;
        }
        cluster.start(() -> dirty.set(true));
        if (config.leaderElection()) {
            String identity = System.getenv().getOrDefault("HOSTNAME", "exposure-guard") + "-" + java.util.UUID.randomUUID();
            leadership = new Leadership(client, config.operatorNamespace(), identity, config.leaseDuration(),
                    () -> executor.execute(this::becameLeader));
            leadership.start();
        }
        executor.execute(cluster::refresh);
        long debounce = Math.max(50, config.debounce().toMillis());
        executor.scheduleWithFixedDelay(this::tick, debounce, debounce, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Instant now = clock.instant();
        AuditState.Due due = state.due(now, config.auditInterval());
        if (due == AuditState.Due.WAIT || due == AuditState.Due.IF_CHANGED && !dirty.getAndSet(false)) {
            return;
        }
        if (due == AuditState.Due.FULL) {
            cluster.refresh();
            state = state.fullAuditAt(now);
            dirty.set(false);
        }
        auditNow();
    }

    /** One audit: read, run the cycle, execute its outputs. Runs on the audit thread. */
    void auditNow() {
        long start = System.nanoTime();
        try {
            Instant now = clock.instant();
            ClusterState snapshot = cluster.snapshot();
            boolean leader = leader();
            Optional<QuarantineSeal> seal = cluster.loadSeal();
            boolean submitProbes = probes != null && leader;
            Optional<ApiServerAddresses> addresses = submitProbes && AuditCycle.asksForProbes(snapshot.policies())
                    ? Optional.of(apiServer.read(now)) : Optional.empty();
            // Only the leader writes reports and policy status, so only it looks for the report CRDs.
            ReportDelivery reportsReach = leader ? reports.availability() : ReportDelivery.NOT_YET;
            AuditCycle.Output out = cycle.run(new AuditCycle.Inputs(snapshot, seal, probes == null ? Map.of() : probes.evidence(),
                    remediator.history(now), submitProbes, addresses, reportsReach), state, now, settings);
            if (leader && !out.remediation().isEmpty()) {
                remediator.execute(out.remediation(), now);
            }
            out.probes().ifPresent(planned -> probes.submit(planned, now));
            if (leader) {
                events.publish(out.diff(), now);
                if (!reports.write(out.reports()).equals(reportsReach)) {
                    // A write found what the look-up did not (a CRD removed, writes forbidden): the status says so next.
                    dirty.set(true);
                }
                policyStatus.write(out.policyStatus());
                policyStatus.writeExceptions(out.exceptionStatus());
            }
            metrics.record(out.metrics());
            metrics.leader(leader());
            out.outcome().exceptionIssues().forEach(i -> LOG.debugf("%s: %s: %s", i.exception().display(), i.kind(), i.message()));
            state = out.next();
            lastOutcome = out.outcome();
            out.assessment().result().problems().forEach(p -> LOG.warnf("cannot evaluate %s: %s", p.object().display(), p.message()));
            metrics.auditCompleted(Duration.ofNanos(System.nanoTime() - start), clock.instant());
        } catch (RuntimeException e) {
            metrics.auditFailed();
            dirty.set(true);
            Instant failedAt = clock.instant();
            state = state.failed(failedAt, config.debounce());
            LOG.errorf(e, "audit failed (%d in a row); retrying in %s", state.consecutiveFailures(),
                    Duration.between(failedAt, state.retryAfter()));
        }
    }

    /**
     * What the caches hold now (as the admission webhooks see it, through {@link InformedCluster}); empty before the
     * watch starts. For tests that wait for the cache to catch up.
     */
    public ClusterState clusterState() {
        return cluster.current();
    }

    public String operatorNamespace() {
        return config.operatorNamespace();
    }

    /** The decisions of the last completed audit (for health, status and tests). */
    public PolicyOutcome lastOutcome() {
        return lastOutcome;
    }

    /** Informers have listed everything and one audit has completed. */
    public boolean ready() {
        return cluster.synced() && lastOutcome != null;
    }

    /** The audit thread is still scheduled (it survives failed audits). */
    public boolean alive() {
        return !executor.isShutdown();
    }
}
