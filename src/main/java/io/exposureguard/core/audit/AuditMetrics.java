package io.exposureguard.core.audit;

import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.ExceptionIssue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metric values one audit produces, as plain label maps (bounded labels: namespace, team, rule, severity, kind,
 * action; the object's name only when {@code objectNames} is on): the current exposures counted per label set, one
 * label set per finding raised or cleared, and the exceptions that do not apply per namespace and state.
 */
public record AuditMetrics(Map<Map<String, String>, Integer> exposures, List<Map<String, String>> raised,
                           List<Map<String, String>> cleared, Map<Map<String, String>, Integer> exceptionIssues) {

    public AuditMetrics {
        exposures = Map.copyOf(exposures);
        raised = List.copyOf(raised);
        cleared = List.copyOf(cleared);
        exceptionIssues = Map.copyOf(exceptionIssues);
    }

    public static AuditMetrics of(FindingsDiff diff, List<ExceptionIssue> issues, boolean objectNames) {
        return new AuditMetrics(exposures(diff, objectNames), labels(diff.raised(), objectNames), labels(diff.cleared(), objectNames),
                exceptionIssues(issues));
    }

    /** The exposure gauge's rows: how many current findings share each label set. */
    public static Map<Map<String, String>, Integer> exposures(FindingsDiff diff, boolean objectNames) {
        Map<Map<String, String>, Integer> rows = new LinkedHashMap<>();
        for (Decision d : diff.current()) {
            rows.merge(labels(d, objectNames), 1, Integer::sum);
        }
        return rows;
    }

    /** Exceptions that do not apply, by namespace and state (expired, invalid, out_of_scope). */
    public static Map<Map<String, String>, Integer> exceptionIssues(List<ExceptionIssue> issues) {
        Map<Map<String, String>, Integer> rows = new LinkedHashMap<>();
        for (ExceptionIssue i : issues) {
            rows.merge(Map.of("namespace", nz(i.exception().namespace()), "state", i.kind().name().toLowerCase(Locale.ROOT)),
                    1, Integer::sum);
        }
        return rows;
    }

    public static Map<String, String> labels(Decision d, boolean objectNames) {
        Map<String, String> t = new TreeMap<>();
        t.put("namespace", nz(d.finding().resource().namespace()));
        t.put("team", d.team());
        t.put("rule", d.finding().rule().id());
        t.put("severity", d.finding().severity().label());
        t.put("kind", d.finding().resource().kind());
        t.put("action", d.action().label());
        if (objectNames) {
            t.put("name", d.finding().resource().name());
        }
        return t;
    }

    private static List<Map<String, String>> labels(List<Decision> decisions, boolean objectNames) {
        List<Map<String, String>> out = new ArrayList<>();
        decisions.forEach(d -> out.add(labels(d, objectNames)));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
