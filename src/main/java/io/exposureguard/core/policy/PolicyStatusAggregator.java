package io.exposureguard.core.policy;

import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.api.v1.ExposurePolicyStatus;
import io.fabric8.kubernetes.api.model.Condition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Computes an ExposurePolicy's status from its validation problems and the decisions it governed. Pure:
 * the previous status and the time come in; a condition keeps its lastTransitionTime while its status
 * stays the same, so an unchanged policy yields an identical status (and no write).
 */
public final class PolicyStatusAggregator {

    public ExposurePolicyStatus aggregate(ExposurePolicyStatus previous, Long generation, String policyName,
                                          List<PolicyProblem> problems, List<Decision> decisions, Instant now) {
        return aggregate(previous, generation, policyName, problems, decisions, List.of(), now);
    }

    /** The same, with conditions other parts of the audit add (such as where the reports went), after Ready and Degraded. */
    public ExposurePolicyStatus aggregate(ExposurePolicyStatus previous, Long generation, String policyName,
                                          List<PolicyProblem> problems, List<Decision> decisions, List<StatusCondition> more,
                                          Instant now) {
        List<PolicyProblem> fatal = problems.stream().filter(PolicyProblem::fatal).toList();
        ExposurePolicyStatus status = new ExposurePolicyStatus();
        status.setObservedGeneration(generation);
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(previous, "Ready", StatusConditions.bool(fatal.isEmpty()),
                fatal.isEmpty() ? "Applied" : "InvalidSpec",
                fatal.isEmpty() ? "The policy is applied" : "The policy is ignored (the built-in default applies instead): "
                        + join(fatal), generation, now));
        conditions.add(condition(previous, "Degraded", StatusConditions.bool(!problems.isEmpty()),
                problems.isEmpty() ? "AsExpected" : fatal.isEmpty() ? "IgnoredFields" : "InvalidSpec",
                problems.isEmpty() ? "No problems" : join(problems), generation, now));
        more.forEach(c -> conditions.add(condition(previous, c.type(), c.status(), c.reason(), c.message(), generation, now)));
        status.setConditions(conditions);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            counts.put(s.label(), (int) decisions.stream()
                    .filter(d -> d.action() != Action.OFF && d.policy().filter(policyName::equals).isPresent()
                            && d.finding().severity() == s).count());
        }
        status.setFindings(counts);
        return status;
    }

    private static Condition condition(ExposurePolicyStatus previous, String type, String status, String reason,
                                       String message, Long generation, Instant now) {
        return StatusConditions.condition(previous == null ? null : previous.getConditions(), type, status, reason, message,
                generation, now);
    }

    private static String join(List<PolicyProblem> problems) {
        return problems.stream().map(PolicyProblem::display).collect(Collectors.joining("; "));
    }
}
