package io.exposureguard.core.policy;

import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.Action;

import java.util.List;
import java.util.Map;

/** Decisions for every finding, exceptions that do not apply, and problems found in each policy. */
public record PolicyOutcome(List<Decision> decisions, List<ExceptionIssue> exceptionIssues,
                            Map<ObjectRef, List<PolicyProblem>> policyProblems) {

    public PolicyOutcome {
        decisions = List.copyOf(decisions);
        exceptionIssues = List.copyOf(exceptionIssues);
        policyProblems = Map.copyOf(policyProblems);
    }

    /** The decisions users hear about: everything not turned off. */
    public List<Decision> reported() {
        return decisions.stream().filter(d -> d.action() != Action.OFF).toList();
    }
}
