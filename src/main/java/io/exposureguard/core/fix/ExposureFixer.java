package io.exposureguard.core.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.exposureguard.core.api.v1.RemediationSpec;

import java.util.function.BiPredicate;

/**
 * Least-change fixes on an object's JSON tree, for the mutating webhook. Two kinds, tried in this order
 * by {@link ObjectFixer}: turn the datastore's own authentication back on (Elasticsearch security, anonymous
 * access, Kibana's anonymous provider, HTTP TLS), or close the entry as the policy prefers
 * ({@link EntryClosing}). Used by the mutating webhook and by remediation. Pure; returns whether anything changed.
 */
public final class ExposureFixer {

    public static final String ANNOTATION = "exposureguard.io/mutated";

    /** Turns authentication (and TLS) back on in an ECK resource; false when the object has nothing to change. */
    public boolean enableAuthentication(ObjectNode object) {
        String kind = object.path("kind").asText();
        JsonNode spec = object.path("spec");
        if (!(spec instanceof ObjectNode s)) {
            return false;
        }
        boolean changed = removeTlsDisable(s);
        if (kind.equals("Elasticsearch")) {
            for (JsonNode nodeSet : s.path("nodeSets")) {
                if (nodeSet.path("config") instanceof ObjectNode config) {
                    changed |= removeSettings(config, "", (key, value) ->
                            (key.equals("xpack.security.enabled") && value.asText().equalsIgnoreCase("false"))
                                    || key.startsWith("xpack.security.authc.anonymous"));
                }
                for (JsonNode container : nodeSet.path("podTemplate").path("spec").path("containers")) {
                    if (container.path("env") instanceof ArrayNode env) {
                        changed |= removeIf(env, e -> List.of("xpack.security.enabled", "ES_SETTING_XPACK_SECURITY_ENABLED")
                                .contains(e.path("name").asText()) && e.path("value").asText().equalsIgnoreCase("false"));
                    }
                }
            }
        } else if (kind.equals("Kibana") && s.path("config") instanceof ObjectNode config) {
            changed |= removeSettings(config, "", (key, value) -> key.startsWith("xpack.security.authc.providers.anonymous"));
        }
        return changed;
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
        JsonNode serviceSpec = service ? object.path("spec") : object.path("spec").path("http").path("service").path("spec");
        if (!(serviceSpec instanceof ObjectNode spec)) {
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
                ObjectNode metadata = service ? object.with("metadata")
                        : ((ObjectNode) object.path("spec").path("http").path("service")).with("metadata");
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
                    changed |= removeIf(paths, p -> toDatastore.test(p.path("backend")));
                }
            }
            changed |= removeIf(rules, r -> r.has("http") && r.path("http").path("paths").isEmpty());
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

    private static boolean removeTlsDisable(ObjectNode spec) {
        JsonNode self = spec.path("http").path("tls").path("selfSignedCertificate");
        if (self instanceof ObjectNode s && s.path("disabled").asBoolean(false)) {
            s.remove("disabled");
            return true;
        }
        return false;
    }

    /** Removes settings by their dotted key, whether written nested or dotted; drops objects left empty. */
    private static boolean removeSettings(ObjectNode node, String prefix, BiPredicate<String, JsonNode> matches) {
        boolean changed = false;
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode value = node.get(name);
            if (value instanceof ObjectNode child) {
                if (matches.test(key, child) && key.startsWith("xpack.security.authc")) {
                    node.remove(name);
                    changed = true;
                    continue;
                }
                changed |= removeSettings(child, key, matches);
                if (child.isEmpty()) {
                    node.remove(name);
                }
            } else if (matches.test(key, value)) {
                node.remove(name);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean removeIf(ArrayNode array, java.util.function.Predicate<JsonNode> test) {
        boolean changed = false;
        for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
            if (test.test(it.next())) {
                it.remove();
                changed = true;
            }
        }
        return changed;
    }

}
