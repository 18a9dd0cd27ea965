package io.exposureguard.core.report;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.PolicyProblem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the results of one report per namespace (the shape Kyverno and Trivy write, so Policy Reporter and similar
 * tools show it, in either API of {@link ReportApi}): a {@code fail} or {@code warn} result per reported finding (deny
 * and fix fail, alert warns) and a {@code pass} result per datastore with none. Findings on cluster-scoped objects,
 * and the problems of an ExposurePolicy (which is cluster-scoped) as {@code error} results, go to the cluster's report.
 * Pure: the caller supplies the timestamp, and results are sorted so an unchanged cluster gives an identical report.
 */
public final class PolicyReportBuilder {

    public static final String NAME = "exposure-guard";
    static final String POLICY = "exposure-guard";
    static final String SOURCE = "exposure-guard";

    /** The reports of datastores and findings alone (no policy problems). */
    public ReportSet build(List<Decision> reported, List<Datastore> datastores, long epochSeconds) {
        return build(reported, datastores, Map.of(), epochSeconds);
    }

    /**
     * Each namespace's report body ({@code results}, {@code summary}; {@code scope} omitted: namespace-wide), and the
     * cluster's: findings on cluster-scoped objects and each problem of a cluster-scoped object in {@code problems}.
     */
    public ReportSet build(List<Decision> reported, List<Datastore> datastores, Map<ObjectRef, List<PolicyProblem>> problems,
                           long epochSeconds) {
        Map<String, List<Map<String, Object>>> results = new TreeMap<>();
        List<Map<String, Object>> cluster = new ArrayList<>();
        Set<ObjectRef> withFindings = reported.stream().map(d -> d.finding().datastore()).collect(Collectors.toSet());
        for (Decision d : reported) {
            String ns = d.finding().resource().namespace();
            (ns == null ? cluster : results.computeIfAbsent(ns, n -> new ArrayList<>())).add(result(d, epochSeconds));
        }
        problems.forEach((ref, list) -> {
            if (ref.namespace() == null) {
                list.forEach(p -> cluster.add(problem(ref, p, epochSeconds)));
            }
        });
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
        results.forEach((ns, list) -> reports.put(ns, body(list)));
        return new ReportSet(reports, cluster.isEmpty() ? Map.of() : body(cluster));
    }

    private static Map<String, Object> body(List<Map<String, Object>> list) {
        list.sort(Comparator.comparing((Map<String, Object> r) -> String.valueOf(r.get("rule")))
                .thenComparing(r -> String.valueOf(r.get("resources")))
                // Same rule and object, another datastore (one Service in front of two): the whole result decides,
                // so the order of the input never reorders the report.
                .thenComparing(Object::toString));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("results", list);
        body.put("summary", summary(list));
        return body;
    }

    /** An object exposure-guard could not evaluate as written: an {@code error} result naming the field. */
    private static Map<String, Object> problem(ObjectRef ref, PolicyProblem p, long epochSeconds) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("policy", POLICY);
        r.put("rule", p.fatal() ? "invalid-policy" : "ignored-field");
        r.put("category", "Policy validation");
        r.put("result", "error");
        r.put("source", SOURCE);
        r.put("message", ref.display() + ": " + p.display() + (p.fatal()
                ? " (the policy is ignored; the built-in default applies instead)" : " (the field is ignored)"));
        r.put("resources", List.of(resource(ref)));
        r.put("timestamp", Map.of("seconds", epochSeconds, "nanos", 0));
        return r;
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
        r.put("source", SOURCE);
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
        r.put("source", SOURCE);
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
        if (ref.namespace() != null) {
            m.put("namespace", ref.namespace());
        }
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
