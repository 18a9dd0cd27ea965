package io.exposureguard.kube;

import io.exposureguard.core.report.ReportApi;
import io.exposureguard.core.report.ReportDelivery;
import io.exposureguard.core.report.ReportSet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.exposureguard.core.report.PolicyReportBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.jboss.logging.Logger;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the audit's reports in each selected API ({@link ReportApi}) whose CRD the cluster has: a namespace's report
 * only when its results changed (timestamps aside), the cluster's report when a cluster-scoped object has results,
 * and deletes the reports that have nothing left to say. Its own reports are found by label, so a restart cleans up
 * too. Which APIs could be written is returned as a {@link ReportDelivery}; a change is logged once, plainly. A CRD
 * found missing is looked for again at every audit, so installing it later needs no restart.
 */
public final class ReportWriter {

    private static final Logger LOG = Logger.getLogger(ReportWriter.class);
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    /** The key of the cluster's report among the namespaces'. */
    private static final String CLUSTER = "";

    private final KubernetesClient client;
    private final List<ReportApi> apis;
    /** Per API, whether its namespaced and cluster CRDs were found (absent: not looked for yet, or missing). */
    private final Map<ReportApi, Found> found = new EnumMap<>(ReportApi.class);
    /** Per API, what this replica last wrote per namespace (results without timestamps): unchanged reports cost no call. */
    private final Map<ReportApi, Map<String, String>> written = new EnumMap<>(ReportApi.class);
    /** The APIs whose reports this replica has listed since it started (to clean up what an earlier run left). */
    private final Set<ReportApi> listed = EnumSet.noneOf(ReportApi.class);
    /** Per API, why its last write was refused (403), until one succeeds. */
    private final Map<ReportApi, String> refused = new EnumMap<>(ReportApi.class);
    private ReportDelivery last = ReportDelivery.NOT_YET;

    private record Found(boolean namespaced, boolean cluster) {
    }

    public ReportWriter(KubernetesClient client, List<ReportApi> apis) {
        this.client = client;
        this.apis = List.copyOf(apis);
    }

    /**
     * Where reports can be written now: each selected API whose CRD was found. Looks up (with a GET of the CRD) only the
     * APIs not all found before, so a cluster with its CRDs costs no call. Call it before each audit, then {@link #write}.
     */
    public ReportDelivery availability() {
        Map<ReportApi, String> unavailable = new EnumMap<>(ReportApi.class);
        for (ReportApi api : apis) {
            Found f = found.get(api);
            if (f == null || !f.namespaced() || !f.cluster()) {
                try {
                    f = new Found(crdExists(api.crdName()), crdExists(api.clusterCrdName()));
                    found.put(api, f);
                } catch (KubernetesClientException e) {
                    unavailable.put(api, "cannot check its CRD " + api.crdName() + " (" + reason(e) + ")");
                    continue;
                }
            }
            if (!f.namespaced()) {
                unavailable.put(api, notInstalled(api));
            } else if (refused.containsKey(api)) {
                unavailable.put(api, refused.get(api));
            }
        }
        return delivery(unavailable);
    }

    /** The selected APIs not named unavailable are the ones written. */
    private ReportDelivery delivery(Map<ReportApi, String> unavailable) {
        return new ReportDelivery(apis.stream().filter(a -> !unavailable.containsKey(a)).toList(), unavailable);
    }

    private static String notInstalled(ReportApi api) {
        return "the CRD " + api.crdName() + " is not installed: install it (Helm value reports.installCRDs=true) or choose another"
                + " reports.api";
    }

    private boolean crdExists(String name) {
        return client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null;
    }

    /**
     * Writes the reports to every API {@link #availability} found and returns where they went. An API whose writes
     * come back 404 (its CRD was removed) or 403 (the operator may not write it) is named; any other error is thrown.
     */
    public ReportDelivery write(ReportSet reports) {
        Map<ReportApi, String> unavailable = new EnumMap<>(ReportApi.class);
        for (ReportApi api : apis) {
            Found f = found.get(api);
            if (f == null || !f.namespaced()) {
                unavailable.put(api, notInstalled(api));
                continue;
            }
            try {
                write(api, f, reports);
                refused.remove(api);
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    found.remove(api);
                    unavailable.put(api, notInstalled(api));
                } else if (e.getCode() == 403) {
                    // Tried again at every audit (RBAC may be mended), and named until a write succeeds.
                    refused.put(api, "the operator may not write " + api.crdName() + " (" + reason(e) + "): the chart grants"
                            + " it for the reports.api it is installed with, so install the release with the same reports.api");
                    unavailable.put(api, refused.get(api));
                } else {
                    throw e;
                }
            }
        }
        ReportDelivery delivery = delivery(unavailable);
        if (!delivery.equals(last)) {
            if (delivery.complete()) {
                LOG.infof("reports: %s", delivery.describe());
            } else {
                LOG.warnf("reports: %s", delivery.describe());
            }
            last = delivery;
        }
        return delivery;
    }

    private void write(ReportApi api, Found f, ReportSet reports) {
        Map<String, String> mine = written.computeIfAbsent(api, a -> new HashMap<>());
        var namespaced = client.genericKubernetesResources(CustomResourceKinds.report(api));
        var cluster = client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(api.group())
                .withVersion(api.version()).withKind(api.clusterKind()).withPlural(api.clusterPlural()).withNamespaced(false).build());
        if (listed.add(api)) {
            // After a restart: reports this replica did not write yet may be stale.
            for (GenericKubernetesResource old : namespaced.inAnyNamespace().withLabel(ReportApi.MANAGED_BY, ReportApi.MANAGER).list().getItems()) {
                mine.putIfAbsent(old.getMetadata().getNamespace(), "");
            }
            if (f.cluster() && !cluster.withLabel(ReportApi.MANAGED_BY, ReportApi.MANAGER).list().getItems().isEmpty()) {
                mine.putIfAbsent(CLUSTER, "");
            }
        }
        Set<String> current = new HashSet<>();
        for (Map<String, Object> doc : reports.documents(api)) {
            GenericKubernetesResource report = JSON.convertValue(doc, GenericKubernetesResource.class);
            String ns = report.getMetadata().getNamespace();
            if (ns == null && !f.cluster()) {
                continue; // No ClusterReport CRD: the namespaces' reports are still written.
            }
            String key = ns == null ? CLUSTER : ns;
            current.add(key);
            String fingerprint = fingerprint(doc.get("results"), doc.get("summary"));
            if (fingerprint.equals(mine.get(key))) {
                continue;
            }
            Resource<GenericKubernetesResource> target = ns == null ? cluster.resource(report) : namespaced.inNamespace(ns).resource(report);
            GenericKubernetesResource existing = target.get();
            if (existing == null || !fingerprint.equals(fingerprint(existing.getAdditionalProperties().get("results"),
                    existing.getAdditionalProperties().get("summary")))) {
                target.createOr(NonDeletingOperation::update);
            }
            mine.put(key, fingerprint);
        }
        for (String key : List.copyOf(mine.keySet())) {
            if (!current.contains(key)) {
                (key.equals(CLUSTER) ? cluster.withName(PolicyReportBuilder.NAME)
                        : namespaced.inNamespace(key).withName(PolicyReportBuilder.NAME)).delete();
                mine.remove(key);
            }
        }
    }

    private static String reason(KubernetesClientException e) {
        return e.getCode() > 0 ? "HTTP " + e.getCode() : Objects.toString(e.getMessage(), e.getClass().getSimpleName());
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
