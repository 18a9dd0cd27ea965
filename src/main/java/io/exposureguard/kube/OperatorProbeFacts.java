package io.exposureguard.kube;

import io.exposureguard.core.report.PolicyReportBuilder;
import io.exposureguard.core.report.ReportApi;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probe results the operator recorded in its reports (OpenReports, or the older PolicyReports), by finding: the facts of each result that begin with
 * "probe", keyed by {@link #key}. What a report says is only added as facts to the finding it names (anyone who may
 * write a PolicyReport could have written it), never used to change a severity.
 */
public final class OperatorProbeFacts {

    private OperatorProbeFacts() {
    }

    /** "EG-EXP-001 Service shop/es-http": the rule and the resource as {@code ObjectRef.display()} words it. */
    public static String key(String rule, String kind, String namespace, String name) {
        return rule + " " + kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    /** Read from every report API the cluster has and lets us read; empty when it has none. */
    public static Map<String, List<String>> read(KubernetesClient client) {
        Map<String, List<String>> facts = new LinkedHashMap<>();
        List<GenericKubernetesResource> reports = new ArrayList<>();
        for (ReportApi api : ReportApi.values()) {
            try {
                reports.addAll(client.genericKubernetesResources(CustomResourceKinds.report(api)).inAnyNamespace().list().getItems());
            } catch (KubernetesClientException e) {
                // This API is not installed or not readable: the other may be.
            }
        }
        for (GenericKubernetesResource report : reports) {
            if (!PolicyReportBuilder.NAME.equals(report.getMetadata().getName())
                    || !(report.getAdditionalProperties().get("results") instanceof List<?> results)) {
                continue;
            }
            for (Object item : results) {
                if (item instanceof Map<?, ?> result && result.get("properties") instanceof Map<?, ?> properties
                        && properties.get("facts") instanceof String all && result.get("resources") instanceof List<?> resources
                        && !resources.isEmpty() && resources.get(0) instanceof Map<?, ?> resource) {
                    List<String> probe = new ArrayList<>();
                    for (String fact : all.split("; ")) {
                        if (fact.startsWith("probe")) {
                            probe.add(fact);
                        }
                    }
                    if (!probe.isEmpty()) {
                        facts.computeIfAbsent(key(String.valueOf(result.get("rule")), String.valueOf(resource.get("kind")),
                                resource.get("namespace") == null ? null : String.valueOf(resource.get("namespace")),
                                String.valueOf(resource.get("name"))), k -> new ArrayList<>()).addAll(probe);
                    }
                }
            }
        }
        // Written in both APIs, the same result is read twice.
        facts.replaceAll((k, v) -> List.copyOf(new java.util.LinkedHashSet<>(v)));
        return facts;
    }
}
