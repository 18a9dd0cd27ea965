package io.exposureguard.operator;

import io.exposureguard.alerting.PolicyReportBuilder;
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
final class PolicyReportWriter {

    private static final Logger LOG = Logger.getLogger(PolicyReportWriter.class);
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    private final KubernetesClient client;
    private boolean warned;

    PolicyReportWriter(KubernetesClient client) {
        this.client = client;
    }

    void write(Map<String, Map<String, Object>> reports) {
        try {
            var api = client.genericKubernetesResources(CustomResourceKinds.POLICY_REPORT);
            for (Map.Entry<String, Map<String, Object>> e : reports.entrySet()) {
                GenericKubernetesResource existing = api.inNamespace(e.getKey()).withName(PolicyReportBuilder.NAME).get();
                if (existing != null && sameResults(existing, e.getValue())) {
                    continue;
                }
                GenericKubernetesResource report = new GenericKubernetesResourceBuilder()
                        .withApiVersion(PolicyReportBuilder.API_VERSION).withKind("PolicyReport")
                        .withNewMetadata().withName(PolicyReportBuilder.NAME).withNamespace(e.getKey())
                        .addToLabels(MANAGED_BY, "exposure-guard").endMetadata().build();
                report.setAdditionalProperties(new LinkedHashMap<>(e.getValue()));
                api.inNamespace(e.getKey()).resource(report).createOr(NonDeletingOperation::update);
            }
            for (GenericKubernetesResource old : api.inAnyNamespace().withLabel(MANAGED_BY, "exposure-guard").list().getItems()) {
                if (!reports.containsKey(old.getMetadata().getNamespace())) {
                    api.inNamespace(old.getMetadata().getNamespace()).withName(old.getMetadata().getName()).delete();
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

    @SuppressWarnings("unchecked")
    private static boolean sameResults(GenericKubernetesResource existing, Map<String, Object> wanted) {
        Object results = existing.getAdditionalProperties().get("results");
        return withoutTimestamps(results).equals(withoutTimestamps(wanted.get("results")))
                && String.valueOf(existing.getAdditionalProperties().get("summary")).equals(String.valueOf(wanted.get("summary")));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> withoutTimestamps(Object results) {
        if (!(results instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(r -> {
            if (r instanceof Map<?, ?> m) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
                copy.remove("timestamp");
                return (Object) copy.toString();
            }
            return String.valueOf(r);
        }).toList();
    }
}
