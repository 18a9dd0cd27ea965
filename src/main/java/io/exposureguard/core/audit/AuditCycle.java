package io.exposureguard.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.api.v1.ExposurePolicyStatus;
import io.exposureguard.core.api.v1.ProbeSpec;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.PolicyOutcome;
import io.exposureguard.core.policy.PolicyStatusAggregator;
import io.exposureguard.core.probe.ApiServerAddresses;
import io.exposureguard.core.probe.ProbeEvidence;
import io.exposureguard.core.remediation.QuarantinePolicies;
import io.exposureguard.core.remediation.QuarantineSeal;
import io.exposureguard.core.remediation.RemediationPlanner;
import io.exposureguard.core.remediation.RemediationStep;
import io.exposureguard.core.report.PolicyReportBuilder;
import io.exposureguard.core.report.ReportDelivery;
import io.exposureguard.core.report.ReportSet;
import io.exposureguard.core.policy.StatusCondition;
import io.exposureguard.core.policy.ExceptionStatusAggregator;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposureExceptionStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One audit as a pure function: (the cluster snapshot, the previous {@link AuditState}, the time, the settings) ->
 * everything the audit writes, as plain values: the decisions, the remediation steps, the probe requests, the diff
 * against what was published, the PolicyReport contents per namespace, the ExposurePolicy statuses that changed,
 * the metric values, and the next state. The audit loop only executes these through its writers, and only the
 * leader writes. The decisions come from the shared pipeline ({@link Assessor}), so they are the ones scan and
 * admission reach for the same cluster.
 */
public final class AuditCycle {

    /** The operator's settings that shape an audit. */
    public record Settings(String operatorNamespace, boolean remediation, boolean metricObjectNames) {
        public Settings {
            Objects.requireNonNull(operatorNamespace, "operatorNamespace");
        }
    }

    /**
     * What the loop read for this audit besides the snapshot: the quarantine seal (empty: remediation off or the key
     * not loaded), the probe evidence so far, the remediation ledger's view, whether probe requests are to be
     * submitted (probing on, and this replica leads), and the API server's addresses (read only when some policy
     * asks for probes and requests are submitted; see {@link #asksForProbes}), and where reports can be written (the
     * report CRDs found: every ExposurePolicy's {@code Reported} condition says it).
     */
    public record Inputs(ClusterState cluster, Optional<QuarantineSeal> seal, Map<ObjectRef, ProbeEvidence.Entry> probeEvidence,
                         RemediationPlanner.History history, boolean submitProbes, Optional<ApiServerAddresses> apiServer,
                         ReportDelivery reports) {
        public Inputs {
            Objects.requireNonNull(cluster, "cluster");
            seal = seal == null ? Optional.empty() : seal;
            probeEvidence = probeEvidence == null ? Map.of() : probeEvidence;
            history = history == null ? (target, version, at) -> io.exposureguard.core.remediation.RemediationLedger.State.NONE : history;
            apiServer = apiServer == null ? Optional.empty() : apiServer;
            reports = reports == null ? ReportDelivery.NOT_YET : reports;
        }

        /** The same inputs, without what is known of report delivery. */
        public Inputs(ClusterState cluster, Optional<QuarantineSeal> seal, Map<ObjectRef, ProbeEvidence.Entry> probeEvidence,
                      RemediationPlanner.History history, boolean submitProbes, Optional<ApiServerAddresses> apiServer) {
            this(cluster, seal, probeEvidence, history, submitProbes, apiServer, ReportDelivery.NOT_YET);
        }

        /** A snapshot alone: no seal, no evidence, an empty ledger, no probes. */
        public static Inputs of(ClusterState cluster) {
            return new Inputs(cluster, Optional.empty(), Map.of(), null, false, Optional.empty());
        }
    }

    /**
     * Everything one audit writes. {@code probes} is empty when no requests are to be submitted, else the requests
     * (possibly none, which cancels earlier ones); {@code policyStatus} holds only the statuses that changed.
     */
    public record Output(Assessor.Assessment assessment, List<Decision> decisions, List<RemediationStep> remediation,
                         Optional<List<ProbePlanner.Planned>> probes, FindingsDiff diff, ReportSet reports,
                         Map<String, ExposurePolicyStatus> policyStatus, Map<ObjectRef, ExposureExceptionStatus> exceptionStatus,
                         AuditMetrics metrics, AuditState next) {

        public PolicyOutcome outcome() {
            return assessment.outcome();
        }
    }

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final Assessor assessor;
    private final RemediationPlanner remediationPlanner;
    private final ProbePlanner probePlanner;
    private final PolicyReportBuilder reportBuilder = new PolicyReportBuilder();
    private final PolicyStatusAggregator statusAggregator = new PolicyStatusAggregator();
    private final ExceptionStatusAggregator exceptionAggregator = new ExceptionStatusAggregator();

    public AuditCycle(Assessor assessor, RemediationPlanner remediationPlanner, ProbePlanner probePlanner) {
        this.assessor = assessor;
        this.remediationPlanner = remediationPlanner;
        this.probePlanner = probePlanner;
    }

    public Output run(Inputs in, AuditState previous, Instant now, Settings settings) {
        ClusterState cluster = in.cluster().withQuarantines(QuarantinePolicies.proven(in.cluster().objects(), in.seal()));
        Assessor.Assessment assessment = assessor.assess(cluster, settings.operatorNamespace(), now, in.probeEvidence());
        PolicyOutcome outcome = assessment.outcome();
        List<RemediationStep> steps = !settings.remediation() ? List.of()
                : remediationPlanner.plan(outcome.reported(), cluster, assessment.inventory(), settings.operatorNamespace(),
                        assessor.internalCidrs(cluster.policies()), in.history(), in.seal(),
                        assessor.fixNamespaces(cluster.policies(), cluster.namespaceLabels(), settings.operatorNamespace()), now);
        Optional<List<ProbePlanner.Planned>> probes = !in.submitProbes() ? Optional.empty()
                : Optional.of(asksForProbes(cluster.policies()) && in.apiServer().isPresent()
                        ? probePlanner.plan(assessment.inventory(), outcome.reported(), cluster, in.apiServer().get()) : List.of());
        Map<String, Decision> published = FindingsDiff.index(outcome.decisions());
        FindingsDiff diff = FindingsDiff.between(previous.previous(), published);
        return new Output(assessment, outcome.decisions(), steps, probes, diff,
                reportBuilder.build(diff.current(), assessment.inventory().datastores(), outcome.policyProblems(), now.getEpochSecond()),
                changedStatuses(statusAggregator, cluster.policies(), outcome, List.of(in.reports().condition()), now),
                changedExceptionStatuses(cluster.exceptions(), outcome, now),
                AuditMetrics.of(diff, outcome.exceptionIssues(), settings.metricObjectNames()),
                previous.completed(published));
    }

    /**
     * Each exception's new status, by reference, where it differs from the status it has: whether it applies (and why
     * not) and how many findings it exempts.
     */
    private Map<ObjectRef, ExposureExceptionStatus> changedExceptionStatuses(List<ExposureException> exceptions, PolicyOutcome outcome,
                                                                            Instant now) {
        Map<ObjectRef, ExposureExceptionStatus> out = new LinkedHashMap<>();
        for (ExposureException e : exceptions) {
            ObjectRef ref = ObjectRef.of("ExposureException", e.getMetadata().getNamespace(), e.getMetadata().getName());
            ExposureExceptionStatus status = exceptionAggregator.aggregate(e.getStatus(), e.getMetadata().getGeneration(), ref,
                    outcome.exceptionIssues(), outcome.decisions(), now);
            if (!sameStatus(e.getStatus(), status)) {
                out.put(ref, status);
            }
        }
        return out;
    }

    /** Some policy asks for probes (only then are the API server's addresses read). */
    public static boolean asksForProbes(List<ExposurePolicy> policies) {
        return policies.stream().anyMatch(p -> p.getSpec() != null && p.getSpec().getProbe() != null
                && p.getSpec().getProbe().getMode() != null && !ProbeSpec.OFF.equals(p.getSpec().getProbe().getMode()));
    }

    /**
     * Each policy's new status, by name, where it differs from the status it has (compared as JSON trees: the API
     * server returns map keys in its own order, so text would always differ).
     */
    public static Map<String, ExposurePolicyStatus> changedStatuses(PolicyStatusAggregator aggregator, List<ExposurePolicy> policies,
                                                                    PolicyOutcome outcome, List<StatusCondition> more, Instant now) {
        Map<String, ExposurePolicyStatus> out = new LinkedHashMap<>();
        for (ExposurePolicy p : policies) {
            String name = p.getMetadata().getName();
            ExposurePolicyStatus status = aggregator.aggregate(p.getStatus(), p.getMetadata().getGeneration(), name,
                    outcome.policyProblems().getOrDefault(ObjectRef.of("ExposurePolicy", null, name), List.of()),
                    outcome.decisions(), more, now);
            if (sameStatus(p.getStatus(), status)) {
                continue;
            }
            out.put(name, status);
        }
        return out;
    }

    /**
     * Whether the status an object has is the one computed, compared as JSON trees (the API server returns map keys in
     * its own order, so text would always differ); no status yet is never the same.
     */
    private static boolean sameStatus(Object current, Object computed) {
        return current != null && JSON.convertValue(current, JsonNode.class).equals(JSON.convertValue(computed, JsonNode.class));
    }
}
