package io.exposureguard.core.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites an {@code extensions/v1beta1} or {@code networking.k8s.io/v1beta1} Ingress tree into the
 * {@code networking.k8s.io/v1} shape: {@code spec.backend} becomes {@code spec.defaultBackend}, and each backend's
 * {@code serviceName}/{@code servicePort} (a number, or a port name) becomes {@code service.name}/{@code service.port}.
 * A servicePort that is neither is an {@link InvalidFieldException} naming the field.
 */
final class OldIngress {

    private OldIngress() {
    }

    static void toCurrent(Map<String, Object> ingress) {
        if (!(ingress.get("spec") instanceof Map<?, ?> specValue)) {
            return;
        }
        Map<String, Object> spec = mutable(specValue);
        ingress.put("spec", spec);
        Object backend = spec.remove("backend");
        if (backend != null) {
            spec.put("defaultBackend", backend(backend, "spec.backend"));
        }
        if (!(spec.get("rules") instanceof List<?> rules)) {
            return;
        }
        List<Object> newRules = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            if (!(rules.get(r) instanceof Map<?, ?> rule) || !(rule.get("http") instanceof Map<?, ?> http)
                    || !(http.get("paths") instanceof List<?> paths)) {
                newRules.add(rules.get(r));
                continue;
            }
            List<Object> newPaths = new ArrayList<>();
            for (int p = 0; p < paths.size(); p++) {
                if (paths.get(p) instanceof Map<?, ?> pathValue && pathValue.get("backend") != null) {
                    Map<String, Object> path = mutable(pathValue);
                    path.put("backend", backend(path.get("backend"), "spec.rules[" + r + "].http.paths[" + p + "].backend"));
                    newPaths.add(path);
                } else {
                    newPaths.add(paths.get(p));
                }
            }
            Map<String, Object> newHttp = mutable(http);
            newHttp.put("paths", newPaths);
            Map<String, Object> newRule = mutable(rule);
            newRule.put("http", newHttp);
            newRules.add(newRule);
        }
        spec.put("rules", newRules);
    }

    /** One backend in the v1 shape; a backend without serviceName (a resource backend) keeps its other fields. */
    private static Object backend(Object value, String field) {
        if (!(value instanceof Map<?, ?> old)) {
            throw new InvalidFieldException(field + ": expected a mapping");
        }
        Map<String, Object> out = mutable(old);
        Object name = out.remove("serviceName");
        Object port = out.remove("servicePort");
        if (name == null) {
            return out;
        }
        if (!(name instanceof String)) {
            throw new InvalidFieldException(field + ".serviceName: expected a Service name");
        }
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", name);
        if (port != null) {
            service.put("port", port(port, field + ".servicePort"));
        }
        out.put("service", service);
        return out;
    }

    /** A number, or a digits-only string read as the number (the safer reading), else a port name. */
    private static Map<String, Object> port(Object port, String field) {
        if (port instanceof Integer || port instanceof Long) {
            return Map.of("number", ((Number) port).intValue());
        }
        if (port instanceof String s && !s.isBlank()) {
            return s.chars().allMatch(Character::isDigit) && s.length() <= 5
                    ? Map.of("number", Integer.parseInt(s)) : Map.of("name", s);
        }
        throw new InvalidFieldException(field + ": expected a port number or a port name");
    }

    private static Map<String, Object> mutable(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
