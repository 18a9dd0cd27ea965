package io.exposureguard.cli;

import io.exposureguard.cli.manifest.LoadError;
import io.exposureguard.cli.manifest.Source;
import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.api.v1.Action;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.ExceptionIssue;
import io.exposureguard.core.policy.PolicyOutcome;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.RemediationFacts;

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
        List<Located> suppressed,
        List<String> errors,
        List<String> warnings,
        List<Inventory.Skipped> skipped,
        List<RuleInfo> rules,
        List<DatastoreAuth> datastores,
        List<String> inputs,
        int files,
        int objects) {

    public ScanReport {
        datastores = List.copyOf(datastores);
        inputs = List.copyOf(inputs);
    }

    /**
     * The authentication state of one datastore of the input ({@code type}: "Redis/Valkey"), which a drawn path shows
     * on its datastore hop.
     */
    public record DatastoreAuth(ObjectRef ref, String type, AuthState auth) {

        static List<DatastoreAuth> of(Inventory inventory) {
            return inventory.datastores().stream().map(d -> new DatastoreAuth(d.ref(), d.kind().displayName(), d.auth().state())).toList();
        }
    }

    /**
     * A finding, the document its resource was read from (empty when it came from no single document), and
     * the policy decision about it (action, why, owning team).
     */
    public record Located(Finding finding, Optional<Source> source, Decision decision) {
    }

    /**
     * The report of one assessment: its findings, with {@code extra} ones made outside the engine (policy objects among
     * the scanned files), the objects skipped as not modelled (policy objects and Namespaces are read, not skipped) and
     * every rule that can appear.
     */
    static ScanReport of(Assessor assessor, Assessor.Assessment assessment, List<Located> extra, Map<ObjectRef, Source> sources,
                         List<LoadError> loadErrors, List<LoadError> loadWarnings, List<String> inputs, int files, int objects) {
        List<Inventory.Skipped> skipped = assessment.inventory().skippedWithReasons().stream()
                .filter(s -> !List.of("ExposurePolicy", "ExposureException", "Namespace").contains(s.ref().kind()))
                .toList();
        List<RuleInfo> rules = new ArrayList<>(assessor.engine().catalog().infos());
        rules.addAll(InputPolicyFindings.RULES);
        if (assessment.outcome().decisions().stream().anyMatch(d -> d.finding().rule().id().equals(RemediationFacts.OPTED_OUT.id()))) {
            rules.add(RemediationFacts.OPTED_OUT);
        }
        return of(assessment.result(), assessment.outcome(), extra, sources, loadErrors, loadWarnings, skipped, rules,
                assessment.inventory(), inputs, files, objects);
    }

    /**
     * The same report with {@code more} facts added to each finding they name (the operator's probe results, say):
     * facts only, never another severity.
     */
    ScanReport withFacts(java.util.function.Function<Finding, List<String>> more) {
        java.util.function.Function<Located, Located> add = l -> {
            List<String> extra = more.apply(l.finding());
            if (extra.isEmpty()) {
                return l;
            }
            Finding f = l.finding();
            List<String> facts = new ArrayList<>(f.facts());
            extra.stream().filter(x -> !facts.contains(x)).forEach(facts::add);
            Finding added = new Finding(f.rule(), f.severity(), f.resource(), f.datastore(), f.message(), f.path(), facts,
                    f.remediation(), f.through());
            return new Located(added, l.source(), new Decision(added, l.decision().action(), l.decision().reason(), l.decision().team(),
                    l.decision().exceptedBy(), l.decision().policy()));
        };
        return new ScanReport(findings.stream().map(add).toList(), suppressed.stream().map(add).toList(), errors, warnings, skipped,
                rules, datastores, inputs, files, objects);
    }

    /** {@code extra}: findings made outside the engine (policy objects among the scanned files), already located. */
    static ScanReport of(EvaluationResult result, PolicyOutcome outcome, List<Located> extra, Map<ObjectRef, Source> sources,
                         List<LoadError> loadErrors, List<LoadError> loadWarnings, List<Inventory.Skipped> skipped, List<RuleInfo> rules,
                         Inventory inventory, List<String> inputs, int files, int objects) {
        List<Located> reported = new ArrayList<>();
        List<Located> suppressed = new ArrayList<>();
        for (Decision d : outcome.decisions()) {
            Located l = new Located(d.finding(), Optional.ofNullable(sources.get(d.finding().resource())), d);
            (d.action() == Action.OFF ? suppressed : reported).add(l);
        }
        reported.addAll(extra);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        loadErrors.forEach(e -> errors.add(e.display()));
        loadWarnings.forEach(w -> warnings.add(w.display()));
        for (InputProblem p : result.problems()) {
            Source s = sources.get(p.object());
            errors.add((s == null ? "" : s.display() + ": ") + p.object().display() + ": " + p.message());
        }
        outcome.policyProblems().forEach((ref, problems) -> problems.forEach(p -> {
            Source s = sources.get(ref.namespace() == null ? ref.inNamespace(InventoryBuilder.DEFAULT_NAMESPACE) : ref);
            String line = (s == null ? "" : s.display() + ": ") + ref.display() + ": " + p.display();
            (p.fatal() ? errors : warnings).add(line + (p.fatal() ? " (ignored)" : ""));
        }));
        for (ExceptionIssue i : outcome.exceptionIssues()) {
            if (i.kind() != ExceptionIssue.Kind.INVALID) {
                warnings.add(i.exception().display() + ": " + i.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + ": " + i.message());
            }
        }
        return new ScanReport(reported, suppressed, errors, warnings, skipped, rules, DatastoreAuth.of(inventory), inputs, files, objects);
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
