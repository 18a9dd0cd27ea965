package io.exposureguard.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One audit's reports, in no API yet: each namespace's body ({@code results} and {@code summary}) and, when any
 * result is about a cluster-scoped object, the cluster's (empty otherwise). {@link #documents} puts them in an API.
 */
public record ReportSet(Map<String, Map<String, Object>> namespaces, Map<String, Object> cluster) {

    public ReportSet {
        namespaces = Map.copyOf(namespaces);
        cluster = Map.copyOf(cluster);
    }

    public static final ReportSet EMPTY = new ReportSet(Map.of(), Map.of());

    /** The namespaces' reports, then the cluster's if it has results, as whole objects of this API. */
    public List<Map<String, Object>> documents(ReportApi api) {
        List<Map<String, Object>> docs = new ArrayList<>();
        new java.util.TreeMap<>(namespaces).forEach((ns, body) -> docs.add(api.document(ns, body)));
        if (!cluster.isEmpty()) {
            docs.add(api.document(null, cluster));
        }
        return docs;
    }
}
