package io.exposureguard.core.report;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.policy.Decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds one {@code wgpolicyk8s.io/v1alpha2 PolicyReport} per namespace (the shape Kyverno and Trivy write,
 * so Policy Reporter and similar tools show it): a {@code fail} or {@code warn} result per reported finding
 * (deny and fix fail, alert warns) and a {@code pass} result per datastore with none. Pure: the caller
 * supplies the timestamp, and results are sorted so an unchanged cluster gives an identical report.
 */
public final class PolicyReportBuilder {

    public static final String NAME = "exposure-guard";
    public static final String API_VERSION = "wgpolicyk8s.io/v1alpha2";
    static final String POLICY = "exposure-guard";

    /** Namespace -> report body ({@code results}, {@code summary}, {@code scope} omitted: namespace-wide). */
    public Map<String, Map<String, Object>> build(List<Decision> reported, List<Datastore> datastores, long epochSeconds) {
        Map<String, List<Map<String, Object>>> results = new TreeMap<>();
        Set<ObjectRef> withFindings = reported.stream().map(d -> d.finding().datastore()).collect(Collectors.toSet());
        for (Decision d : reported) {
            results.computeIfAbsent(d.finding().resource().namespace(), n -> new ArrayList<>()).add(result(d, epochSeconds));
        }
        for (Datastore ds : datastores) {
            if (!withFindings.contains(ds.ref())) {
                List<Map<String, Object>> list = results.computeIfAbsent(ds.namespace(), n -> new ArrayList<>());
                Map<String, Object> pass = pass(ds, epochSeconds);
                if (!list.contains(pass)) {
                    list.add(pass);
                }
            }
        }
        Map<String, Map<String, Object>> reports = new TreeMap<>();
        results.forEach((ns, list) -> {
            list.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("rule")))
                    .thenComparing(r -> String.valueOf(r.get("resources")))
                    // Same rule and object, another datastore (one Service in front of two): the whole result decides,
                    // so the order of the input never reorders the report.
                    .thenComparing(Object::toString));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("results", list);
            body.put("summary", summary(list));
            reports.put(ns, body);
        });
        return reports;
    }

    private static Map<String, Object> result(Decision d, long epochSeconds) {
        Finding f = d.finding();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("policy", POLICY);
        r.put("rule", f.rule().id());
        r.put("category", "Datastore exposure");
        r.put("result", switch (d.action()) {
            case DENY, FIX -> "fail";
            default -> "warn";
        });
        r.put("severity", f.severity().label());
        r.put("source", "exposure-guard");
        r.put("message", FindingText.withFix(f));
        r.put("resources", List.of(resource(f.resource())));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("path", FindingText.path(f));
        properties.put("action", d.action().label());
        properties.put("decision", d.reason());
        properties.put("team", d.team());
        if (!f.facts().isEmpty()) {
            properties.put("facts", String.join("; ", f.facts()));
        }
        r.put("properties", properties);
        r.put("timestamp", Map.of("seconds", epochSeconds, "nanos", 0));
        return r;
    }

    private static Map<String, Object> pass(Datastore ds, long epochSeconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("policy", POLICY);
        r.put("rule", "datastore-exposure");
        r.put("category", "Datastore exposure");
        r.put("result", "pass");
        r.put("source", "exposure-guard");
        r.put("message", ds.describe() + ": no exposure found");
        r.put("resources", List.of(resource(ds.ref())));
        r.put("timestamp", Map.of("seconds", epochSeconds, "nanos", 0));
        return r;
    }

    /** An object reference as Kubernetes writes one: the object's own apiVersion (when known), kind, namespace, name. */
    private static Map<String, Object> resource(ObjectRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ref.apiVersion() != null) {
            m.put("apiVersion", ref.apiVersion());
        }
        m.put("kind", ref.kind());
        m.put("namespace", ref.namespace());
        m.put("name", ref.name());
        return m;
    }

    private static Map<String, Object> summary(List<Map<String, Object>> results) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String k : List.of("pass", "fail", "warn", "error", "skip")) {
            s.put(k, results.stream().filter(r -> k.equals(r.get("result"))).count());
        }
        return s;
    }
}
