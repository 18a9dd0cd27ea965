package io.exposureguard.cli;

import io.exposureguard.core.model.Documentation;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.policy.Decision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The findings as the page's script reads them. Every string is stored once in {@code strings} and referred to by
 * its index (-1: none), because a cluster's findings repeat the same rules, facts and fixes thousands of times; so
 * a report of 10,000 findings stays a few MB. Layout (report.js reads it in this order):
 * <ul>
 *   <li>{@code rules}: [id, title, why, documentation URL]</li>
 *   <li>{@code findings}: [rule, severity, resource, namespace, team, action, decision, exception, message, fix,
 *       location, suppressed (0/1), facts not on any hop, hops]</li>
 *   <li>a hop: [kind, title, name, detail, auth, facts]</li>
 * </ul>
 */
final class HtmlReportData {

    private final List<String> strings = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    private final List<List<Object>> rules = new ArrayList<>();

    private HtmlReportData() {
    }

    static Map<String, Object> of(ScanReport report) {
        HtmlReportData data = new HtmlReportData();
        Map<ObjectRef, List<ScanReport.DatastoreAuth>> datastores = report.datastores().stream()
                .collect(java.util.stream.Collectors.groupingBy(ScanReport.DatastoreAuth::ref));
        List<List<Object>> findings = new ArrayList<>();
        report.findings().forEach(l -> findings.add(data.finding(l, false, datastores)));
        report.suppressed().forEach(l -> findings.add(data.finding(l, true, datastores)));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        root.put("strings", data.strings);
        root.put("rules", data.rules);
        root.put("findings", findings);
        return root;
    }

    private List<Object> finding(ScanReport.Located l, boolean suppressed, Map<ObjectRef, List<ScanReport.DatastoreAuth>> datastores) {
        Finding f = l.finding();
        Decision d = l.decision();
        List<Object> hops = new ArrayList<>();
        Set<String> onHops = new HashSet<>();
        for (Hop hop : f.path()) {
            HtmlHop v = HtmlHop.of(hop, datastores);
            onHops.addAll(v.facts());
            hops.add(List.of(s(v.kind()), s(v.title()), s(v.name()), s(v.detail()), s(v.auth()), ids(v.facts())));
        }
        List<String> otherFacts = f.facts().stream().filter(fact -> !onHops.contains(fact)).toList();
        List<Object> row = new ArrayList<>();
        row.add(rule(f.rule()));
        row.add(s(f.severity().label()));
        row.add(s(f.resource().display()));
        row.add(s(f.resource().namespace()));
        row.add(s(d.team()));
        row.add(s(d.action().label()));
        row.add(s(d.reason()));
        row.add(s(d.exceptedBy().map(e -> e.display()).orElse(null)));
        row.add(s(f.message()));
        row.add(s(f.remediation()));
        row.add(s(l.source().map(src -> src.display()).orElse(null)));
        row.add(suppressed ? 1 : 0);
        row.add(ids(otherFacts));
        row.add(hops);
        return row;
    }

    private int rule(RuleInfo rule) {
        return ruleIndex.computeIfAbsent(rule.id(), id -> {
            rules.add(List.of(s(id), s(rule.title()), s(rule.rationale()), s(Documentation.rule(id))));
            return rules.size() - 1;
        });
    }

    private List<Integer> ids(List<String> values) {
        return values.stream().map(this::s).toList();
    }

    private int s(String value) {
        if (value == null) {
            return -1;
        }
        return index.computeIfAbsent(value, v -> {
            strings.add(v);
            return strings.size() - 1;
        });
    }
}
