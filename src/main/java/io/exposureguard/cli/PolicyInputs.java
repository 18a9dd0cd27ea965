package io.exposureguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.inventory.FieldErrors;
import io.exposureguard.cli.manifest.LoadError;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.Source;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy side of some loaded objects: ExposurePolicies, ExposureExceptions (namespace "default" when
 * none is given, as kubectl would apply them) with the document each came from, Namespace labels
 * (namespace selectors, team routing), and the objects that are none of these.
 */
record PolicyInputs(List<ExposurePolicy> policies, List<ExposureException> exceptions, Map<ObjectRef, Source> sources,
                    Map<String, Map<String, String>> namespaceLabels, List<LoadedObject> others, List<LoadError> errors) {

    private static final String GROUP = "exposureguard.io/";

    static PolicyInputs from(List<LoadedObject> loaded) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<ExposurePolicy> policies = new ArrayList<>();
        List<ExposureException> exceptions = new ArrayList<>();
        Map<String, Map<String, String>> labels = new HashMap<>();
        Map<ObjectRef, Source> sources = new HashMap<>();
        List<LoadedObject> others = new ArrayList<>();
        List<LoadError> errors = new ArrayList<>();
        for (LoadedObject l : loaded) {
            HasMetadata o = l.object();
            String apiVersion = o.getApiVersion() == null ? "" : o.getApiVersion();
            boolean policyKind = apiVersion.startsWith(GROUP) && ("ExposurePolicy".equals(o.getKind()) || "ExposureException".equals(o.getKind()));
            if (policyKind && (o.getMetadata() == null || o.getMetadata().getName() == null || o.getMetadata().getName().isBlank())) {
                errors.add(new LoadError(l.source(), o.getKind() + ": metadata.name is missing"));
                continue;
            }
            try {
                if (apiVersion.startsWith(GROUP) && "ExposurePolicy".equals(o.getKind())) {
                    ExposurePolicy p = serialization.convertValue(o, ExposurePolicy.class);
                    policies.add(p);
                    sources.put(InputPolicyFindings.ref(p), l.source());
                } else if (apiVersion.startsWith(GROUP) && "ExposureException".equals(o.getKind())) {
                    ExposureException e = serialization.convertValue(o, ExposureException.class);
                    if (e.getMetadata().getNamespace() == null || e.getMetadata().getNamespace().isEmpty()) {
                        e.getMetadata().setNamespace(InventoryBuilder.DEFAULT_NAMESPACE);
                    }
                    exceptions.add(e);
                    sources.put(InputPolicyFindings.ref(e), l.source());
                } else if (o instanceof Namespace ns && ns.getMetadata() != null && ns.getMetadata().getName() != null) {
                    Map<String, String> nsLabels = new HashMap<>();
                    if (ns.getMetadata().getLabels() != null) {
                        ns.getMetadata().getLabels().forEach((k, v) -> nsLabels.put(k, v == null ? "" : v));
                    }
                    labels.put(ns.getMetadata().getName(), nsLabels);
                } else {
                    others.add(l);
                }
            } catch (IllegalArgumentException e) {
                errors.add(new LoadError(l.source(), o.getKind() + (o.getMetadata() == null || o.getMetadata().getName() == null
                        ? "" : " " + o.getMetadata().getName()) + ": " + FieldErrors.describe(e, serialization.convertValue(o, Map.class))));
            }
        }
        return new PolicyInputs(policies, exceptions, sources, labels, others, errors);
    }

    /** These inputs without the policies and exceptions {@code trusted} holds as they are (same name, same spec). */
    PolicyInputs without(PolicyInputs trusted) {
        ObjectMapper json = new ObjectMapper();
        Map<ObjectRef, JsonNode> known = new HashMap<>();
        trusted.policies().forEach(p -> known.put(InputPolicyFindings.ref(p), json.valueToTree(p.getSpec())));
        trusted.exceptions().forEach(e -> known.put(InputPolicyFindings.ref(e), json.valueToTree(e.getSpec())));
        return new PolicyInputs(
                policies.stream().filter(p -> !json.valueToTree(p.getSpec()).equals(known.get(InputPolicyFindings.ref(p)))).toList(),
                exceptions.stream().filter(e -> !json.valueToTree(e.getSpec()).equals(known.get(InputPolicyFindings.ref(e)))).toList(),
                sources, namespaceLabels, others, errors);
    }
}
