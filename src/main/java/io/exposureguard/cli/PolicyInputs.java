package io.exposureguard.cli;

import io.exposureguard.inventory.InventoryBuilder;
import io.exposureguard.manifest.FieldErrors;
import io.exposureguard.manifest.LoadError;
import io.exposureguard.manifest.LoadedObject;
import io.exposureguard.model.policy.ExposureException;
import io.exposureguard.model.policy.ExposurePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy side of a scan's input: ExposurePolicies, ExposureExceptions (namespace "default" when none
 * is given, as kubectl would apply them) and Namespace labels (namespace selectors, team routing).
 */
record PolicyInputs(List<ExposurePolicy> policies, List<ExposureException> exceptions,
                    Map<String, Map<String, String>> namespaceLabels, List<LoadError> errors) {

    private static final String GROUP = "exposureguard.io/";

    static PolicyInputs from(List<LoadedObject> loaded) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<ExposurePolicy> policies = new ArrayList<>();
        List<ExposureException> exceptions = new ArrayList<>();
        Map<String, Map<String, String>> labels = new HashMap<>();
        List<LoadError> errors = new ArrayList<>();
        for (LoadedObject l : loaded) {
            HasMetadata o = l.object();
            String apiVersion = o.getApiVersion() == null ? "" : o.getApiVersion();
            try {
                if (apiVersion.startsWith(GROUP) && "ExposurePolicy".equals(o.getKind())) {
                    policies.add(serialization.convertValue(o, ExposurePolicy.class));
                } else if (apiVersion.startsWith(GROUP) && "ExposureException".equals(o.getKind())) {
                    ExposureException e = serialization.convertValue(o, ExposureException.class);
                    if (e.getMetadata().getNamespace() == null || e.getMetadata().getNamespace().isEmpty()) {
                        e.getMetadata().setNamespace(InventoryBuilder.DEFAULT_NAMESPACE);
                    }
                    exceptions.add(e);
                } else if (o instanceof Namespace ns && ns.getMetadata() != null && ns.getMetadata().getName() != null) {
                    Map<String, String> nsLabels = new HashMap<>();
                    if (ns.getMetadata().getLabels() != null) {
                        ns.getMetadata().getLabels().forEach((k, v) -> nsLabels.put(k, v == null ? "" : v));
                    }
                    labels.put(ns.getMetadata().getName(), nsLabels);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new LoadError(l.source(), o.getKind() + (o.getMetadata() == null || o.getMetadata().getName() == null
                        ? "" : " " + o.getMetadata().getName()) + ": " + FieldErrors.describe(e, serialization.convertValue(o, Map.class))));
            }
        }
        return new PolicyInputs(policies, exceptions, labels, errors);
    }
}
