package io.exposureguard.core.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.exposureguard.core.api.v1.RemediationSpec;
import io.exposureguard.core.kinds.DatastoreResourceKind;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.kinds.SettingsEdits;

import java.util.List;
import java.util.Optional;

/**
 * Least-change fixes on an object's JSON tree, for the mutating webhook. Two kinds, tried in this order
 * by {@link ObjectFixer}: turn the datastore's own authentication back on (what the object's kind module changes:
 * Elasticsearch security, anonymous access, Kibana's anonymous provider, HTTP TLS), or close the entry as the policy prefers
 * ({@link EntryClosing}). Used by the mutating webhook and by remediation. Pure; returns whether anything changed.
 */
public final class ExposureFixer {

    public static final String ANNOTATION = "exposureguard.io/mutated";

    /**
     * Turns authentication (and TLS) back on in a datastore custom resource, as its kind module says
     * ({@link DatastoreResourceKind#enableAuthentication}); false when the object has nothing to change.
     */
    public boolean enableAuthentication(ObjectNode object) {
        return ResourceKinds.datastore(object).map(k -> k.enableAuthentication(object)).orElse(false);
    }

    static final String NGINX_ALLOWLIST = "nginx.ingress.kubernetes.io/allowlist-source-range";

    /**
     * Closes the entry an object opens, as the policy prefers. A Service (or an ECK resource's generated
     * Service, changed in the resource): SourceRanges restricts a LoadBalancer to the allowed CIDRs,
     * InternalLoadBalancer adds the cloud's internal annotations, otherwise (and for NodePort and
     * externalIPs) the Service becomes ClusterIP. An Ingress: Allowlist sets the ingress-nginx source
     * allowlist to the allowed CIDRs; RemoveRule drops the routes to the datastore's Services (refused
     * when nothing would be left). Returns whether anything changed; the caller re-judges the result.
     */
    public boolean closeEntry(ObjectNode object, EntryClosing closing) {
        String kind = object.path("kind").asText();
        if (kind.equals("Ingress")) {
            return closeIngress(object, closing);
        }
        boolean service = kind.equals("Service");
        Optional<ObjectNode> settings = service ? Optional.of(object)
                : ResourceKinds.datastore(object).flatMap(k -> k.generatedServiceSettings(object));
        if (settings.isEmpty() || !(settings.get().path("spec") instanceof ObjectNode spec)) {
            return false;
        }
        String type = spec.path("type").asText("ClusterIP");
        boolean external = spec.has("externalIPs");
        if (!type.equals("LoadBalancer") && !type.equals("NodePort") && !external) {
            return false;
        }
        if (type.equals("LoadBalancer") && !external) {
            if (closing.service().equals(RemediationSpec.SOURCE_RANGES) && !closing.allowedCidrs().isEmpty()) {
                ArrayNode ranges = spec.putArray("loadBalancerSourceRanges");
                closing.allowedCidrs().forEach(ranges::add);
                return true;
            }
            if (closing.service().equals(RemediationSpec.INTERNAL_LOAD_BALANCER) && !closing.internalAnnotations().isEmpty()) {
                ObjectNode metadata = settings.get().with("metadata");
                ObjectNode annotations = metadata.with("annotations");
                boolean changed = false;
                for (var e : closing.internalAnnotations().entrySet()) {
                    changed |= !e.getValue().equals(annotations.path(e.getKey()).asText(null));
                    annotations.put(e.getKey(), e.getValue());
                }
                return changed;
            }
        }
        spec.put("type", "ClusterIP");
        for (String field : List.of("externalIPs", "externalTrafficPolicy", "healthCheckNodePort", "loadBalancerClass",
                "loadBalancerSourceRanges", "allocateLoadBalancerNodePorts", "loadBalancerIP")) {
            spec.remove(field);
        }
        for (JsonNode port : spec.path("ports")) {
            if (port instanceof ObjectNode p) {
                p.remove("nodePort");
            }
        }
        return true;
    }

    private static boolean closeIngress(ObjectNode ingress, EntryClosing closing) {
        if (closing.ingress().equals(RemediationSpec.ALLOWLIST)) {
            if (closing.allowedCidrs().isEmpty()) {
                return false;
            }
            String value = String.join(",", closing.allowedCidrs());
            ObjectNode annotations = ingress.with("metadata").with("annotations");
            if (value.equals(annotations.path(NGINX_ALLOWLIST).asText(null))) {
                return false;
            }
            annotations.remove("nginx.ingress.kubernetes.io/whitelist-source-range");
            annotations.put(NGINX_ALLOWLIST, value);
            return true;
        }
        if (!(ingress.path("spec") instanceof ObjectNode spec)) {
            return false;
        }
        String namespace = ingress.path("metadata").path("namespace").asText();
        java.util.function.Predicate<JsonNode> toDatastore = backend ->
                closing.datastoreServices().contains(namespace + "/" + backend.path("service").path("name").asText());
        ObjectNode copy = spec.deepCopy();
        boolean changed = false;
        if (spec.has("defaultBackend") && toDatastore.test(spec.path("defaultBackend"))) {
            spec.remove("defaultBackend");
            changed = true;
        }
        if (spec.path("rules") instanceof ArrayNode rules) {
            for (JsonNode rule : rules) {
                if (rule.path("http").path("paths") instanceof ArrayNode paths) {
                    changed |= SettingsEdits.removeIf(paths, p -> toDatastore.test(p.path("backend")));
                }
            }
            changed |= SettingsEdits.removeIf(rules, r -> r.has("http") && r.path("http").path("paths").isEmpty());
            if (rules.isEmpty()) {
                spec.remove("rules");
            }
        }
        if (!spec.has("rules") && !spec.has("defaultBackend")) {
            spec.removeAll();
            spec.setAll(copy);
            return false;
        }
        return changed;
    }

    /** Records on the object which rules were fixed, so the mutation is visible and countable. */
    public void annotate(ObjectNode object, List<String> ruleIds) {
        ObjectNode metadata = object.with("metadata");
        metadata.with("annotations").put(ANNOTATION, String.join(",", ruleIds));
    }
}
