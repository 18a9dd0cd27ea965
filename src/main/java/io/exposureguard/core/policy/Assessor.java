package io.exposureguard.core.policy;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.probe.ProbeEvidence;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole decision pipeline every front door runs (scan, the audit, admission): policy-defined datastores
 * extend the catalog, the engine evaluates with the policies' internal networks, the decider turns findings into
 * actions, and remediation's facts are added ({@link RemediationFacts}: opt-out findings, and facts naming the
 * proven quarantines), so every door reports the same. Pure: objects, policies, exceptions, labels and the time come
 * in. Policies are validated once per assessment, and those from the cluster once per change. Keeps no per-call state:
 * one instance serves every caller at once.
 */
public final class Assessor {

    private final ExposureEngine engine;
    private final PolicyDecider decider;

    private final PolicyValidator validator;

    public Assessor(ExposureEngine engine) {
        this(engine, new PolicyValidator(engine.catalog().ids()));
    }

    /** With the given validator (tests count its calls). */
    public Assessor(ExposureEngine engine, PolicyValidator validator) {
        this.engine = engine;
        this.validator = validator;
        this.decider = new PolicyDecider(validator);
    }

    /** The validator every door checks policies and exceptions with. */
    public PolicyValidator validator() {
        return validator;
    }

    /** Inventory, engine result and decisions of one assessment. */
    public record Assessment(Inventory inventory, EvaluationResult result, PolicyOutcome outcome) {
    }

    public Assessment assess(List<? extends HasMetadata> objects, List<ExposurePolicy> policies, List<ExposureException> exceptions,
                             String operatorNamespace, Map<String, Map<String, String>> namespaceLabels, Instant now) {
        return assess(objects, policies, exceptions, operatorNamespace, namespaceLabels, now, Map.of());
    }

    /**
     * As above, with probe results per datastore as evidence: confirmed open raises findings from outside to critical;
     * a credential demand lowers configuration-only findings to low only where the policies opt in (ProbeEvidence).
     */
    public Assessment assess(List<? extends HasMetadata> objects, List<ExposurePolicy> policies, List<ExposureException> exceptions,
                             String operatorNamespace, Map<String, Map<String, String>> namespaceLabels, Instant now,
                             Map<ObjectRef, ProbeEvidence.Entry> probeEvidence) {
        return assess(objects, policies, exceptions, operatorNamespace, namespaceLabels, now, probeEvidence, Map.of());
    }

    /** The cluster as a front door sees it, with its proven quarantines ({@link ClusterState#quarantines()}). */
    public Assessment assess(ClusterState cluster, String operatorNamespace, Instant now, Map<ObjectRef, ProbeEvidence.Entry> probeEvidence) {
        return assess(cluster.objects(), cluster.policies(), cluster.exceptions(), operatorNamespace, cluster.namespaceLabels(), now,
                probeEvidence, cluster.quarantines());
    }

    private Assessment assess(List<? extends HasMetadata> objects, List<ExposurePolicy> policies, List<ExposureException> exceptions,
                              String operatorNamespace, Map<String, Map<String, String>> namespaceLabels, Instant now,
                              Map<ObjectRef, ProbeEvidence.Entry> probeEvidence, Map<String, String> quarantines) {
        PolicyDecider.Validated validated = decider.validated(policies);
        Inventory inventory = engine.inventory(objects, decider.customDatastores(validated));
        EvaluationResult evaluated = engine.evaluate(inventory, decider.internalNetworks(validated), decider.provider(validated));
        EvaluationResult result = probeEvidence.isEmpty() ? evaluated
                : new EvaluationResult(ProbeEvidence.apply(evaluated.findings(), probeEvidence), evaluated.problems());
        PolicyOutcome decided = decider.decide(result.findings(),
                new PolicyContext(policies, exceptions, operatorNamespace, namespaceLabels, now, inventory.labels()), validated);
        PolicyOutcome outcome = new PolicyOutcome(RemediationFacts.apply(decided.decisions(), objects, operatorNamespace, quarantines),
                decided.exceptionIssues(), decided.policyProblems());
        return new Assessment(inventory, result, outcome);
    }

    /** The networks the valid policies declare internal, as CIDRs (what a fix may restrict an entry to). */
    public List<String> internalCidrs(List<ExposurePolicy> policies) {
        return decider.internalCidrs(policies);
    }

    /** Namespaces where remediation may act: see {@link PolicyDecider#fixNamespaces}. */
    public java.util.function.Predicate<String> fixNamespaces(List<ExposurePolicy> policies,
                                                              Map<String, Map<String, String>> namespaceLabels, String operatorNamespace) {
        return decider.fixNamespaces(policies, namespaceLabels, operatorNamespace);
    }

    public ExposureEngine engine() {
        return engine;
    }
}
