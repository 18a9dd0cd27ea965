package io.exposureguard.core.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ConfigMaps and Secrets in the input, by namespace and name, with Secret data already decoded.
 * Used to resolve env, envFrom and mounted config files; Secret values never leave the engine.
 */
public final class ConfigLookup {

    /**
     * One ConfigMap or Secret: its entries, whether they are secret, and what the operator's cache left out
     * of it ({@link LeanObjects}): a key in {@code omissions.tooLarge()} is set but its value unknown, a key in
     * {@code omissions.withoutComments()} holds the value without comment and blank lines (fine for config
     * files, unknown as an env value), and with {@code keysDropped} any key not in {@code data} may exist.
     */
    public record Source(String kind, String name, Map<String, String> data, boolean secret, LeanObjects.Omissions omissions) {
        public Source(String kind, String name, Map<String, String> data, boolean secret) {
            this(kind, name, data, secret, LeanObjects.Omissions.NONE);
        }

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
