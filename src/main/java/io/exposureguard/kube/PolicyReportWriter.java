package io.exposureguard.kube;

import io.exposureguard.core.report.PolicyReportBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the namespace PolicyReports the builder computed: only when their results changed (timestamps
 * aside), and deletes the reports of namespaces that have nothing left to report. Reports are found by
 * label, so this also cleans up after a restart. A cluster without the PolicyReport CRD gets a warning.
 */
public final class PolicyReportWriter {

    private static final Logger LOG = Logger.getLogger(PolicyReportWriter.class);
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private final KubernetesClient client;
    private boolean warned;
    /** What this replica last wrote per namespace (results without timestamps): unchanged reports cost no API call. */
    private final Map<String, String> written = new java.util.HashMap<>();
    private boolean cleanedUp;

    public PolicyReportWriter(KubernetesClient client) {
        this.client = client;
    }

    public void write(Map<String, Map<String, Object>> reports) {
        try {
            var api = client.genericKubernetesResources(CustomResourceKinds.POLICY_REPORT);
            for (Map.Entry<String, Map<String, Object>> e : reports.entrySet()) {
                String fingerprint = fingerprint(e.getValue().get("results"), e.getValue().get("summary"));
                if (fingerprint.equals(written.get(e.getKey()))) {
                    continue;
                }
                GenericKubernetesResource existing = api.inNamespace(e.getKey()).withName(PolicyReportBuilder.NAME).get();
                if (existing != null && fingerprint.equals(fingerprint(existing.getAdditionalProperties().get("results"),
                        existing.getAdditionalProperties().get("summary")))) {
                    written.put(e.getKey(), fingerprint);
                    continue;
                }
                GenericKubernetesResource report = new GenericKubernetesResourceBuilder()
                        .withApiVersion(PolicyReportBuilder.API_VERSION).withKind("PolicyReport")
                        .withNewMetadata().withName(PolicyReportBuilder.NAME).withNamespace(e.getKey())
                        .addToLabels(MANAGED_BY, "exposure-guard").endMetadata().build();
                report.setAdditionalProperties(new LinkedHashMap<>(e.getValue()));
                api.inNamespace(e.getKey()).resource(report).createOr(NonDeletingOperation::update);
                written.put(e.getKey(), fingerprint);
            }
            if (!cleanedUp) {
                // After a restart: reports this replica did not write yet may be stale.
                for (GenericKubernetesResource old : api.inAnyNamespace().withLabel(MANAGED_BY, "exposure-guard").list().getItems()) {
                    written.putIfAbsent(old.getMetadata().getNamespace(), "");
                }
                cleanedUp = true;
            }
            for (String ns : List.copyOf(written.keySet())) {
                if (!reports.containsKey(ns)) {
                    api.inNamespace(ns).withName(PolicyReportBuilder.NAME).delete();
                    written.remove(ns);
                }
            }
            warned = false;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 && !warned) {
                LOG.warn("PolicyReport API (wgpolicyk8s.io/v1alpha2) not found: install the PolicyReport CRD to get reports");
                warned = true;
            } else if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** Results without timestamps, plus the summary, as comparable text (numbers print alike whatever their type). */
    @SuppressWarnings("unchecked")
    static String fingerprint(Object results, Object summary) {
        List<String> rows = !(results instanceof List<?> list) ? List.of() : list.stream().map(r -> {
            if (r instanceof Map<?, ?> m) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
                copy.remove("timestamp");
                return copy.toString();
            }
            return String.valueOf(r);
        }).toList();
        return rows + "|" + summary;
    }
}
