package io.exposureguard.core.datastore;

/**
 * An environment variable's value as the input shows it. {@code source} names the ConfigMap or Secret it
 * came from (null for a literal). Values from Secrets are used to decide but never printed.
 */
public record EnvValue(String value, String source, boolean secret) {

    /**
     * The value of a ConfigMap/Secret key the operator's cache did not keep because it was too large: set, not
     * blank, and equal to no setting a datastore reads, so it counts as a value that is present but unknown.
     */
    public static final String TOO_LARGE = "(value too large to read)";

    public static EnvValue literal(String value) {
        return new EnvValue(value == null ? "" : value, null, false);
    }

    /** "ALLOW_EMPTY_PASSWORD=yes", "REDIS_PASSWORD (from Secret redis-auth)". */
    public String describe(String name) {
        if (secret) {
            return name + " (from " + source + ")";
        }
        return source == null ? name + "=" + value : name + "=" + value + " (from " + source + ")";
    }
}
