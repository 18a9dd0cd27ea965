package io.exposureguard.core.probe;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Probe results as facts in findings. Evidence can raise a severity, and never lowers one below what the
 * configuration shows unless the policies opt in. A datastore that answered a data request without credentials
 * makes its findings on paths from outside critical, with the evidence ("GET /_cat/indices returned 200 with 37
 * indices"). A datastore that demanded credentials is noted; it turns a finding based on configuration alone into a
 * low one only when every policy that asked for the probe sets {@code spec.probe.trustCredentialAnswers}, since any
 * endpoint can answer the probe with 401 while serving data to others. No verdict, and refused targets, are noted
 * without changing anything. Pure.
 */
public final class ProbeEvidence {

    /** Findings about reachability from outside the cluster, which a confirmed-open probe makes critical. */
    static final Set<String> EXTERNAL_RULES = Set.of("EG-EXP-001", "EG-EXP-002", "EG-EXP-005");
    /** Findings that rest on the configuration saying authentication is off or cannot be verified. */
    static final Set<String> CONFIG_ONLY_RULES = Set.of("EG-EXP-001", "EG-EXP-003", "EG-EXP-005");

    /**
     * What the probes of one datastore found: one result per probed or refused target, and whether a credential
     * demand may lower a severity (every policy that asked for the probe sets trustCredentialAnswers).
     */
    public record Entry(List<ProbeResult> results, boolean trustCredentialAnswers) {

        public Entry {
            results = List.copyOf(results);
        }

        public static Entry of(ProbeResult result) {
            return new Entry(List.of(result), false);
        }

        /** The most telling result of a target that was probed: open beats protected beats no verdict. */
        public Optional<ProbeResult> verdict() {
            return results.stream().filter(r -> r.verdict() != ProbeResult.Verdict.REFUSED)
                    .max(Comparator.comparingInt(ProbeEvidence::rank));
        }

        /** Why targets were not probed, without repeats. */
        public List<String> refusals() {
            return results.stream().filter(r -> r.verdict() == ProbeResult.Verdict.REFUSED).map(ProbeResult::reason).distinct().toList();
        }
    }

    private ProbeEvidence() {
    }

    public static List<Finding> apply(List<Finding> findings, Map<ObjectRef, Entry> evidence) {
        if (evidence.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Entry e = evidence.get(f.datastore());
            out.add(e == null ? f : with(f, e));
        }
        return out;
    }

    static int rank(ProbeResult r) {
        return switch (r.verdict()) {
            case OPEN -> 3;
            case PROTECTED -> 2;
            case UNKNOWN -> 1;
            case UNSUPPORTED, REFUSED -> 0;
        };
    }

    private static Finding with(Finding f, Entry e) {
        String rule = f.rule().id();
        Severity severity = f.severity();
        List<String> facts = new ArrayList<>(f.facts());
        Optional<ProbeResult> verdict = e.verdict();
        if (verdict.isPresent()) {
            ProbeResult r = verdict.get();
            switch (r.verdict()) {
                case OPEN -> {
                    facts.add("probe confirmed: " + r.evidence());
                    if (EXTERNAL_RULES.contains(rule)) {
                        severity = Severity.CRITICAL;
                    }
                }
                case PROTECTED -> {
                    String fact = "probe: " + r.evidence() + ": the datastore asks for credentials";
                    if (CONFIG_ONLY_RULES.contains(rule) && e.trustCredentialAnswers()) {
                        severity = Severity.LOW;
                        fact += ", although its configuration does not show it; severity lowered to low";
                    } else if (CONFIG_ONLY_RULES.contains(rule)) {
                        fact += ", although its configuration does not show it; severity kept at " + severity.label()
                                + " (a credential demand lowers it only where the policy sets spec.probe.trustCredentialAnswers)";
                    }
                    facts.add(fact);
                }
                default -> facts.add("probe: no verdict (" + (r.reason().isEmpty() ? r.verdict().name().toLowerCase(java.util.Locale.ROOT) : r.reason()) + ")");
            }
        }
        e.refusals().forEach(reason -> facts.add("probe refused, nothing sent: " + reason));
        return new Finding(f.rule(), severity, f.resource(), f.datastore(), f.message(), f.path(), facts, f.remediation(), f.through());
    }
}
