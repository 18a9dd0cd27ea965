package io.exposureguard.core.inventory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The apiVersions the engine reads for the built-in kinds it models, and the conversion of the old ones
 * ({@code extensions/v1beta1}, {@code apps/v1beta1}, {@code apps/v1beta2} workloads; {@code extensions/v1beta1} and
 * {@code networking.k8s.io/v1beta1} Ingresses) into the current model classes. Manifests written for old clusters
 * still use them, and the API server of such a cluster serves them. The converted object keeps the apiVersion
 * it was written with, so findings name the object as its author wrote it. Pure.
 */
public final class ApiVersions {

    /** Per modelled built-in kind, the apiVersions read: the current one first, then the old ones converted from. */
    static final Map<String, List<String>> READ = Map.ofEntries(
            Map.entry("Deployment", List.of("apps/v1", "apps/v1beta2", "apps/v1beta1", "extensions/v1beta1")),
            Map.entry("StatefulSet", List.of("apps/v1", "apps/v1beta2", "apps/v1beta1")),
            Map.entry("DaemonSet", List.of("apps/v1", "apps/v1beta2", "extensions/v1beta1")),
            Map.entry("ReplicaSet", List.of("apps/v1", "apps/v1beta2", "extensions/v1beta1")),
            Map.entry("Ingress", List.of("networking.k8s.io/v1", "networking.k8s.io/v1beta1", "extensions/v1beta1")),
            Map.entry("Service", List.of("v1")), Map.entry("Pod", List.of("v1")),
            Map.entry("ReplicationController", List.of("v1")), Map.entry("ConfigMap", List.of("v1")),
            Map.entry("Secret", List.of("v1")), Map.entry("Job", List.of("batch/v1")), Map.entry("CronJob", List.of("batch/v1")),
            Map.entry("NetworkPolicy", List.of("networking.k8s.io/v1")),
            Map.entry("EndpointSlice", List.of("discovery.k8s.io/v1")));

    private static final Map<String, Class<? extends HasMetadata>> CURRENT = Map.of(
            "Deployment", Deployment.class, "StatefulSet", StatefulSet.class, "DaemonSet", DaemonSet.class,
            "ReplicaSet", ReplicaSet.class, "Ingress", Ingress.class);

    /** Thread-safe once built (Jackson's mapper); holds no per-call state. */
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ApiVersions() {
    }

    /**
     * The object as the current model class when it is an old version of a modelled kind; otherwise the object
     * itself. A field of the wrong shape is an {@link InvalidFieldException} naming it.
     */
    public static HasMetadata current(HasMetadata o) {
        String kind = o.getKind();
        String apiVersion = o.getApiVersion();
        Class<? extends HasMetadata> target = CURRENT.get(kind);
        List<String> read = READ.get(kind);
        if (target == null || target.isInstance(o) || apiVersion == null || !read.contains(apiVersion) || read.get(0).equals(apiVersion)) {
            return o;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = o instanceof GenericKubernetesResource g ? copy(g) : SERIALIZATION.convertValue(o, Map.class);
        tree.put("apiVersion", read.get(0));
        if (kind.equals("Ingress")) {
            OldIngress.toCurrent(tree);
        }
        HasMetadata converted;
        try {
            converted = SERIALIZATION.convertValue(tree, target);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(apiVersion + " " + kind + " cannot be read as " + read.get(0) + wrongField(e));
        }
        converted.setApiVersion(apiVersion);
        return converted;
    }

    /**
     * Why an object the engine does not read is skipped: "apiVersion not modelled (apps/v1, ...)" for a modelled
     * kind under another version, else "kind not modelled".
     */
    public static String skipReason(String apiVersion, String kind) {
        List<String> read = READ.get(kind);
        if (read != null && !read.contains(apiVersion)) {
            return "apiVersion not modelled (" + String.join(", ", read) + ")";
        }
        return "kind not modelled";
    }

    private static Map<String, Object> copy(GenericKubernetesResource g) {
        Map<String, Object> tree = new LinkedHashMap<>(g.getAdditionalProperties());
        tree.put("kind", g.getKind());
        if (g.getMetadata() != null) {
            tree.put("metadata", SERIALIZATION.convertValue(g.getMetadata(), Map.class));
        }
        return tree;
    }

    /** ": spec.replicas has the wrong type" from Jackson's path, never the value (it may be a secret). */
    private static String wrongField(IllegalArgumentException e) {
        Throwable cause = e.getCause();
        if (cause instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    parts.add(ref.getFieldName());
                } else if (ref.getIndex() >= 0 && !parts.isEmpty()) {
                    parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "[" + ref.getIndex() + "]");
                }
            }
            return ": " + String.join(".", parts) + " has the wrong type";
        }
        return ": a field has the wrong type";
    }
}
