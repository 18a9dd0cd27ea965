package io.exposureguard.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import java.util.function.BiPredicate;

/**
 * Least-change fixes on an object's JSON tree, for the mutating webhook. Two kinds, tried in this order
 * by the caller: turn the datastore's own authentication back on (Elasticsearch security, anonymous
 * access, Kibana's anonymous provider, HTTP TLS), or close the entry (restrict a LoadBalancer to the
 * policy's internal CIDRs, else make the Service ClusterIP). Pure; returns whether anything changed.
 */
final class ExposureFixer {

    static final String ANNOTATION = "exposureguard.io/mutated";

    /** Turns authentication (and TLS) back on in an ECK resource; false when the object has nothing to change. */
    boolean enableAuthentication(ObjectNode object) {
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

    /**
     * Closes the entry a Service (or an ECK resource's generated Service) opens: with internal CIDRs, a
     * LoadBalancer keeps its type but only admits them; otherwise the Service becomes ClusterIP.
     */
    boolean closeEntry(ObjectNode object, List<String> internalCidrs) {
        String kind = object.path("kind").asText();
        JsonNode serviceSpec = kind.equals("Service") ? object.path("spec")
                : object.path("spec").path("http").path("service").path("spec");
        if (!(serviceSpec instanceof ObjectNode spec)) {
            return false;
        }
        String type = spec.path("type").asText("ClusterIP");
        boolean external = spec.has("externalIPs");
        if (!type.equals("LoadBalancer") && !type.equals("NodePort") && !external) {
            return false;
        }
        if (type.equals("LoadBalancer") && !internalCidrs.isEmpty() && !external) {
            ArrayNode ranges = spec.putArray("loadBalancerSourceRanges");
            internalCidrs.forEach(ranges::add);
            return true;
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

    /** Records on the object which rules were fixed, so the mutation is visible and countable. */
    void annotate(ObjectNode object, List<String> ruleIds) {
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
