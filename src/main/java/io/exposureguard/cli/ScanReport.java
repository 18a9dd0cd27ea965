package io.exposureguard.cli;

import io.exposureguard.manifest.LoadError;
import io.exposureguard.manifest.Source;
import io.exposureguard.model.EvaluationResult;
import io.exposureguard.model.Finding;
import io.exposureguard.model.InputProblem;
import io.exposureguard.model.ObjectRef;
import io.exposureguard.model.RuleInfo;
import io.exposureguard.model.Severity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one scan, as every output format needs it: findings with the manifest each one points
 * at, input errors (unreadable documents and objects the engine could not interpret), objects skipped as
 * not modelled, and counts.
 */
public record ScanReport(
        List<Located> findings,
        List<String> errors,
        List<ObjectRef> skipped,
        List<RuleInfo> rules,
        int files,
        int objects) {

    /** A finding and the document its resource was read from (empty when it came from no single document). */
    public record Located(Finding finding, Optional<Source> source) {
    }

    static ScanReport of(EvaluationResult result, Map<ObjectRef, Source> sources, List<LoadError> loadErrors,
                         List<ObjectRef> skipped, List<RuleInfo> rules, int files, int objects) {
        List<Located> located = result.findings().stream()
                .map(f -> new Located(f, Optional.ofNullable(sources.get(f.resource()))))
                .toList();
        List<String> errors = new ArrayList<>();
        loadErrors.forEach(e -> errors.add(e.display()));
        for (InputProblem p : result.problems()) {
            Source s = sources.get(p.object());
            errors.add((s == null ? "" : s.display() + ": ") + p.object().display() + ": " + p.message());
        }
        return new ScanReport(located, errors, skipped, rules, files, objects);
    }

    public Map<Severity, Integer> countsBySeverity() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        findings.forEach(l -> counts.merge(l.finding().severity(), 1, Integer::sum));
        return counts;
    }

    /** 2 when any input could not be read, 1 when a finding is at or above the threshold, else 0. */
    public int exitCode(Optional<Severity> failOn) {
        if (!errors.isEmpty()) {
            return 2;
        }
        boolean failing = failOn.isPresent()
                && findings.stream().anyMatch(l -> l.finding().severity().atLeast(failOn.get()));
        return failing ? 1 : 0;
    }
}
