package io.exposureguard.probe;

import io.exposureguard.model.Finding;
import io.exposureguard.model.ObjectRef;
import io.exposureguard.model.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Probe results as facts in findings. A datastore that answered a data request without credentials makes
 * its findings on paths from outside critical, with the evidence ("GET /_cat/indices returned 200 with 37
 * indices"); a datastore that demanded credentials turns a finding based on configuration alone into a low
 * one and says so; no verdict is noted without changing anything. Pure.
 */
public final class ProbeEvidence {

    /** Findings about reachability from outside the cluster, which a confirmed-open probe makes critical. */
    static final Set<String> EXTERNAL_RULES = Set.of("EG-EXP-001", "EG-EXP-002", "EG-EXP-005");
    /** Findings that rest on the configuration saying authentication is off or cannot be verified. */
    static final Set<String> CONFIG_ONLY_RULES = Set.of("EG-EXP-001", "EG-EXP-003", "EG-EXP-005");

    private ProbeEvidence() {
    }

    public static List<Finding> apply(List<Finding> findings, Map<ObjectRef, ProbeResult> results) {
        if (results.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            ProbeResult r = results.get(f.datastore());
            out.add(r == null ? f : with(f, r));
        }
        return out;
    }

    private static Finding with(Finding f, ProbeResult r) {
        String rule = f.rule().id();
        Severity severity = f.severity();
        String fact;
        switch (r.verdict()) {
            case OPEN -> {
                fact = "probe confirmed: " + r.evidence();
                if (EXTERNAL_RULES.contains(rule)) {
                    severity = Severity.CRITICAL;
                }
            }
            case PROTECTED -> {
                fact = "probe: " + r.evidence() + ": the datastore asks for credentials";
                if (CONFIG_ONLY_RULES.contains(rule)) {
                    severity = Severity.LOW;
                    fact += ", although its configuration does not show it; severity lowered to low";
                }
            }
            default -> fact = "probe: no verdict (" + (r.reason().isEmpty() ? r.verdict().name().toLowerCase() : r.reason()) + ")";
        }
        List<String> facts = new ArrayList<>(f.facts());
        facts.add(fact);
        return new Finding(f.rule(), severity, f.resource(), f.datastore(), f.message(), f.path(), facts, f.remediation(), f.through());
    }
}
