package io.exposureguard.core.datastore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Flattens datastore configuration written as nested YAML ({@code xpack.security.authc: {anonymous: ...}})
 * or dotted keys ({@code xpack.security.enabled: false}) into one dotted-key map; lists of scalars become
 * comma-separated values. Also maps container env to Elasticsearch-style settings.
 */
public final class Settings {

    private Settings() {
    }

    public static Map<String, String> flatten(Object tree) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", tree, out);
        return out;
    }

    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                flatten(prefix.isEmpty() ? key : prefix + "." + key, e.getValue(), out);
            }
        } else if (node instanceof List<?> list) {
            if (list.stream().allMatch(v -> !(v instanceof Map) && !(v instanceof List))) {
                out.put(prefix, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "." + i, list.get(i), out);
                }
            }
        } else if (node != null && !prefix.isEmpty()) {
            out.put(prefix, String.valueOf(node));
        }
    }

    /**
     * Settings that the Elasticsearch/OpenSearch images read from env: names containing a dot are passed
     * as settings as they are; {@code ES_SETTING_XPACK_SECURITY_ENABLED} means {@code xpack.security.enabled}
     * (one underscore is a dot, two are an underscore).
     */
    public static Map<String, String> fromEnv(Map<String, EnvValue> env) {
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach((name, value) -> {
            if (name.contains(".")) {
                out.put(name, value.value());
            } else if (name.startsWith("ES_SETTING_")) {
                String key = name.substring("ES_SETTING_".length()).toLowerCase(Locale.ROOT)
                        .replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
                out.put(key, value.value());
            }
        });
        return out;
    }

    public static boolean isFalse(String value) {
        return value != null && value.trim().equalsIgnoreCase("false");
    }

    public static boolean isTrue(String value) {
        return value != null && value.trim().equalsIgnoreCase("true");
    }
}
