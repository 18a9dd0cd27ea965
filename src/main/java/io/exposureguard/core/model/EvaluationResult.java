package io.exposureguard.core.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Everything one evaluation produced: findings (most severe first) and objects it could not read. */
public record EvaluationResult(List<Finding> findings, List<InputProblem> problems) {

    public EvaluationResult {
        findings = findings.stream()
                .sorted(Comparator.comparing(Finding::severity).reversed()
                        .thenComparing(f -> f.rule().id())
                        .thenComparing(f -> f.resource().display()))
                .toList();
        problems = List.copyOf(problems);
    }

    public Optional<Severity> highestSeverity() {
        return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
    }
}
