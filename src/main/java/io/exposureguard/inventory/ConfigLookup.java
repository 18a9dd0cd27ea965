package io.exposureguard.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ConfigMaps and Secrets in the input, by namespace and name, with Secret data already decoded.
 * Used to resolve env, envFrom and mounted config files; Secret values never leave the engine.
 */
public final class ConfigLookup {

    /** One ConfigMap or Secret: its entries and whether they are secret. */
    public record Source(String kind, String name, Map<String, String> data, boolean secret) {
        public String label() {
            return kind + " " + name;
        }
    }

    private final Map<String, Source> sources = new HashMap<>();

    public void add(String namespace, Source source) {
        sources.put(key(namespace, source.kind(), source.name()), source);
    }

    public Optional<Source> configMap(String namespace, String name) {
        return Optional.ofNullable(sources.get(key(namespace, "ConfigMap", name)));
    }

    public Optional<Source> secret(String namespace, String name) {
        return Optional.ofNullable(sources.get(key(namespace, "Secret", name)));
    }

    private static String key(String namespace, String kind, String name) {
        return namespace + "/" + kind + "/" + name;
    }
}
