package io.exposureguard.core.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report APIs the audit can write: OpenReports ({@code openreports.io/v1alpha1 Report} and {@code ClusterReport},
 * what Kyverno 1.15+, Kubewarden and Policy Reporter 3.2+ read) and, for older readers, the retired
 * {@code wgpolicyk8s.io/v1alpha2 PolicyReport} and {@code ClusterPolicyReport}. The two carry the same results; an
 * OpenReports report also names its {@code source} at the top.
 */
public enum ReportApi {

    OPENREPORTS("openreports.io", "v1alpha1", "Report", "reports", "ClusterReport", "clusterreports", true),
    WGPOLICY("wgpolicyk8s.io", "v1alpha2", "PolicyReport", "policyreports", "ClusterPolicyReport", "clusterpolicyreports", false);

    /** The label every report exposure-guard writes carries, so a restart finds (and cleans up) its own. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "exposure-guard";

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final String clusterKind;
    private final String clusterPlural;
    private final boolean namesSource;

    ReportApi(String group, String version, String kind, String plural, String clusterKind, String clusterPlural, boolean namesSource) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.clusterKind = clusterKind;
        this.clusterPlural = clusterPlural;
        this.namesSource = namesSource;
    }

    /** The APIs a {@code reports.api} setting selects: {@code openreports}, {@code wgpolicy} or {@code both}. */
    public static List<ReportApi> selected(String setting) {
        return switch (setting == null ? "" : setting.trim()) {
            case "openreports" -> List.of(OPENREPORTS);
            case "wgpolicy" -> List.of(WGPOLICY);
            case "both" -> List.of(OPENREPORTS, WGPOLICY);
            default -> throw new IllegalArgumentException("reports.api: expected openreports, wgpolicy or both, got \"" + setting + "\"");
        };
    }

    public String group() {
        return group;
    }

    public String version() {
        return version;
    }

    public String apiVersion() {
        return group + "/" + version;
    }

    /** The kind of the report of one namespace. */
    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    /** The kind of the one cluster-wide report (results for cluster-scoped objects, such as an ExposurePolicy). */
    public String clusterKind() {
        return clusterKind;
    }

    public String clusterPlural() {
        return clusterPlural;
    }

    public String crdName() {
        return plural + "." + group;
    }

    public String clusterCrdName() {
        return clusterPlural + "." + group;
    }

    /** The setting's word for this API, as {@link #selected} reads it. */
    public String setting() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The whole object of one report: a namespace's (or, with no namespace, the cluster's) body from
     * {@link PolicyReportBuilder}, with this API's apiVersion and kind, the report's name and the managed-by label.
     */
    public Map<String, Object> document(String namespace, Map<String, Object> body) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", PolicyReportBuilder.NAME);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.put("labels", Map.of(MANAGED_BY, MANAGER));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", apiVersion());
        doc.put("kind", namespace == null ? clusterKind : kind);
        doc.put("metadata", metadata);
        if (namesSource) {
            doc.put("source", PolicyReportBuilder.SOURCE);
        }
        doc.putAll(body);
        return doc;
    }
}
