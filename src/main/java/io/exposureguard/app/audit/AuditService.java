package io.exposureguard.app.audit;

import io.exposureguard.core.audit.AuditBackoff;

import io.exposureguard.kube.ApiServerEndpoints;
import io.exposureguard.kube.ClusterCache;
import io.exposureguard.kube.EventPublisher;
import io.exposureguard.kube.Leadership;
import io.exposureguard.app.config.OperatorConfig;
import io.exposureguard.kube.PolicyReportWriter;
import io.exposureguard.kube.PolicyStatusWriter;

import io.exposureguard.app.metrics.ExposureMetrics;
import io.exposureguard.core.audit.FindingsDiff;
import io.exposureguard.core.report.PolicyReportBuilder;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.audit.ProbePlanner;
import io.exposureguard.edge.probe.ProbeService;
import io.exposureguard.core.probe.ProbeTargetPolicy;
import io.exposureguard.kube.remediation.QuarantineKeyStore;
import io.exposureguard.core.remediation.QuarantinePolicies;
import io.exposureguard.core.remediation.QuarantineSeal;
import io.exposureguard.core.remediation.RemediationPlanner;
import io.exposureguard.core.remediation.RemediationStep;
import io.exposureguard.kube.remediation.Remediator;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.PolicyOutcome;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The continuous audit: every change seen by the informers marks the snapshot dirty; after the debounce
 * the whole snapshot is evaluated with the same engine and policy logic as scan and admission, and the
 * difference to the previous evaluation drives the signals (events, PolicyReports, metrics). A full audit
 * also runs at start and every {@code audit-interval}. One thread does all of it, so audits never overlap;
 * a failing audit is counted and retried at the next tick, never crashing the operator.
 */
@ApplicationScoped
public class AuditService {

    private static final Logger LOG = Logger.getLogger(AuditService.class);

    private final KubernetesClient client;
    private final OperatorConfig config;
    private final Assessor assessor = new Assessor(ExposureEngine.standard());
    private final ExposureMetrics metrics;
    private final EventPublisher events;
    private final PolicyReportWriter reports;
    private final PolicyStatusWriter policyStatus;
    private final PolicyReportBuilder reportBuilder = new PolicyReportBuilder();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "exposure-guard-audit");
        t.setDaemon(true);
        return t;
    });
    private volatile ClusterCache cache;
    private volatile Leadership leadership;
    private Map<String, Decision> previous = Map.of();
    private volatile PolicyOutcome lastOutcome;
    private volatile Instant lastFullAudit = Instant.EPOCH;
    private Instant retryAfter = Instant.EPOCH;
    private final RemediationPlanner remediationPlanner = new RemediationPlanner(new ObjectFixer(new AdmissionJudge(assessor)));
    private final Remediator remediator;
    private final QuarantineKeyStore quarantineKeys;
    private final ProbePlanner probePlanner;
    private final ProbeService probes;
    private final ApiServerEndpoints apiServer;
    private int consecutiveFailures;

    @Inject
    public AuditService(KubernetesClient client, OperatorConfig config, MeterRegistry registry) {
        this(client, config, registry, ProbeTargetPolicy.production());
    }

    /**
     * With the probe's always-refused ranges given: only for tests that probe servers they run on 127.0.0.1 (production
     * refuses loopback, see {@link ProbeTargetPolicy#production()}); the constructor above is the only one the app uses.
     */
    public AuditService(KubernetesClient client, OperatorConfig config, MeterRegistry registry, ProbeTargetPolicy probeTargets) {
        this.client = client;
        this.config = config;
        this.metrics = new ExposureMetrics(registry, config.metricObjectNames());
        this.events = new EventPublisher(client);
        this.reports = new PolicyReportWriter(client);
        this.policyStatus = new PolicyStatusWriter(client);
        this.remediator = new Remediator(client, registry, config.remediation());
        this.quarantineKeys = new QuarantineKeyStore(client, config.operatorNamespace());
        this.probes = config.probe().enabled() ? new ProbeService(config.probe(), registry, () -> dirty.set(true)) : null;
        this.probePlanner = new ProbePlanner(probeTargets);
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
        previous = Map.of();
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
        if (cache != null) {
            cache.stop();
        }
    }

    /** Starts the informers and the audit loop. */
    public synchronized void start() {
        if (cache != null) {
            return;
        }
        cache = new ClusterCache(client, config.readSecrets(), () -> dirty.set(true));
        if (config.leaderElection()) {
            String identity = System.getenv().getOrDefault("HOSTNAME", "exposure-guard") + "-" + java.util.UUID.randomUUID();
            leadership = new Leadership(client, config.operatorNamespace(), identity, config.leaseDuration(),
                    () -> executor.execute(this::becameLeader));
            leadership.start();
        }
        executor.execute(cache::refresh);
        long debounce = Math.max(50, config.debounce().toMillis());
        executor.scheduleWithFixedDelay(this::tick, debounce, debounce, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Instant now = Instant.now();
        if (now.isBefore(retryAfter)) {
            return;
        }
        boolean full = Duration.between(lastFullAudit, now).compareTo(config.auditInterval()) >= 0;
        if (!full && !dirty.getAndSet(false)) {
            return;
        }
        if (full) {
            cache.refresh();
            lastFullAudit = now;
            dirty.set(false);
        }
        auditNow();
    }

    /** One evaluation of the current snapshot, with its signals. Runs on the audit thread. */
    void auditNow() {
        long start = System.nanoTime();
        try {
            Instant now = Instant.now();
            ClusterState state = new ClusterState(cache.snapshot(), cache.policies(), cache.exceptions(), cache.namespaceLabels());
            Assessor.Assessment assessment = assessor.assess(state.objects(), state.policies(), state.exceptions(),
                    config.operatorNamespace(), state.namespaceLabels(), now, probes == null ? Map.of() : probes.evidence());
            Inventory inventory = assessment.inventory();
            EvaluationResult result = assessment.result();
            PolicyOutcome outcome = assessment.outcome();
            Optional<QuarantineSeal> seal = config.remediation().enabled() ? quarantineKeys.seal() : Optional.empty();
            List<Decision> decisions = new ArrayList<>(QuarantinePolicies.withQuarantineFacts(outcome.decisions(), state.objects(), seal));
            if (config.remediation().enabled()) {
                List<RemediationStep> steps = remediationPlanner.plan(outcome.reported(), state, inventory, config.operatorNamespace(),
                        assessor.internalCidrs(state.policies()), remediator.history(now), seal,
                        assessor.fixNamespaces(state.policies(), state.namespaceLabels(), config.operatorNamespace()), now);
                decisions.addAll(Remediator.optOutFindings(steps));
                if (leader()) {
                    remediator.execute(steps, now);
                }
            }
            if (probes != null && leader()) {
                probes.submit(state.policies().stream().anyMatch(AuditService::probes)
                        ? probePlanner.plan(inventory, outcome.reported(), state, apiServer.read(now)) : List.of(), now);
            }
            Map<String, Decision> next = FindingsDiff.index(decisions);
            FindingsDiff diff = FindingsDiff.between(previous, next);
            if (leader()) {
                events.publish(diff, now);
                reports.write(reportBuilder.build(diff.current(), inventory.datastores(), now.getEpochSecond()));
                policyStatus.write(cache.policies(), outcome, now);
            }
            metrics.record(diff);
            metrics.recordExceptionIssues(outcome.exceptionIssues());
            metrics.leader(leader());
            outcome.exceptionIssues().forEach(i -> LOG.debugf("%s: %s: %s", i.exception().display(), i.kind(), i.message()));
            previous = next;
            lastOutcome = outcome;
            result.problems().forEach(p -> LOG.warnf("cannot evaluate %s: %s", p.object().display(), p.message()));
            metrics.auditCompleted(Duration.ofNanos(System.nanoTime() - start), Instant.now());
            consecutiveFailures = 0;
        } catch (RuntimeException e) {
            metrics.auditFailed();
            dirty.set(true);
            consecutiveFailures++;
            Duration wait = AuditBackoff.after(consecutiveFailures, config.debounce());
            retryAfter = Instant.now().plus(wait);
            LOG.errorf(e, "audit failed (%d in a row); retrying in %s", consecutiveFailures, wait);
        }
    }

    /** The policy asks for probes (the API server's addresses are read only then). */
    private static boolean probes(io.exposureguard.core.api.v1.ExposurePolicy p) {
        return p.getSpec() != null && p.getSpec().getProbe() != null && p.getSpec().getProbe().getMode() != null
                && !io.exposureguard.core.api.v1.ProbeSpec.OFF.equals(p.getSpec().getProbe().getMode());
    }

    /** What the caches hold now, for judging an object in context (admission); empty before the watch starts. */
    public ClusterState clusterState() {
        ClusterCache c = cache;
        return c == null ? ClusterState.EMPTY
                : new ClusterState(c.snapshot(), c.policies(), c.exceptions(), c.namespaceLabels());
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
        return cache != null && cache.synced() && lastOutcome != null;
    }

    /** The audit thread is still scheduled (it survives failed audits). */
    public boolean alive() {
        return !executor.isShutdown();
    }
}
