package io.exposureguard.core.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, null-safe reading of a generic object tree (custom resources arrive as maps). A missing field
 * reads as empty; a field of the wrong type throws {@link InvalidFieldException} naming its full path,
 * e.g. {@code spec.nodeSets: expected a list, found a string}.
 */
public final class Tree {

    private final String path;
    private final Map<String, Object> node;

    private Tree(String path, Map<String, Object> node) {
        this.path = path;
        this.node = node;
    }

    public static Tree of(Map<String, Object> root) {
        return new Tree("", root == null ? Map.of() : root);
    }

    public static Tree empty(String path) {
        return new Tree(path, Map.of());
    }

    public Tree map(String key) {
        Object v = node.get(key);
        if (v == null) {
            return new Tree(at(key), Map.of());
        }
        return new Tree(at(key), asMap(at(key), v));
    }

    /** Follows several keys: {@code tree.path("spec", "http", "service")}. */
    public Tree path(String... keys) {
        Tree t = this;
        for (String k : keys) {
            t = t.map(k);
        }
        return t;
    }

    public Optional<String> string(String key) {
        Object v = node.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            throw wrong(at(key), "a string", v);
        }
        return Optional.of(String.valueOf(v));
    }

    public Optional<Boolean> bool(String key) {
        return string(key).map(s -> {
            if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
                return Boolean.valueOf(s);
            }
            throw wrong(at(key), "true or false", node.get(key));
        });
    }

    public Optional<Integer> integer(String key) {
        return string(key).map(s -> {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                throw wrong(at(key), "an integer", node.get(key));
            }
        });
    }

    public List<Tree> maps(String key) {
        List<Tree> out = new ArrayList<>();
        List<?> list = rawList(key);
        for (int i = 0; i < list.size(); i++) {
            String p = at(key) + "[" + i + "]";
            out.add(new Tree(p, asMap(p, list.get(i))));
        }
        return out;
    }

    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        List<?> list = rawList(key);
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            if (v instanceof Map || v instanceof List) {
                throw wrong(at(key) + "[" + i + "]", "a string", v);
            }
            out.add(String.valueOf(v));
        }
        return out;
    }

    /** A map of string values (labels, annotations, selectors). */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        map(key).node.forEach((k, v) -> {
            if (v instanceof Map || v instanceof List) {
                throw wrong(at(key) + "." + k, "a string", v);
            }
            out.put(k, v == null ? "" : String.valueOf(v));
        });
        return out;
    }

    public Map<String, Object> raw() {
        return node;
    }

    public Object rawValue(String key) {
        return node.get(key);
    }

    public boolean has(String key) {
        return node.get(key) != null;
    }

    public String pathText() {
        return path;
    }

    private List<?> rawList(String key) {
        Object v = node.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw wrong(at(key), "a list", v);
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(String path, Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw wrong(path, "an object", v);
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Names the field and both types, never the value: a mistyped field may hold a password. */
    private static InvalidFieldException wrong(String path, String expected, Object found) {
        String type = found instanceof List ? "a list" : found instanceof Map ? "an object"
                : found instanceof String ? "a string" : found instanceof Integer || found instanceof Long ? "an integer"
                : found instanceof Number ? "a number" : found instanceof Boolean ? "a boolean"
                : found instanceof java.util.Date ? "a timestamp" : "a value of another type";
        return new InvalidFieldException(path + ": expected " + expected + ", found " + type);
    }
}
