package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Optional;

/**
 * What the proxy modules (HAProxy, nginx stream, Envoy, socat) share: the verdict of a proxy that passes clients
 * through, and the bound on the configuration text they read, so that a huge or hostile file is a clear input problem
 * rather than an unbounded parse. Pure.
 */
final class ProxyConfigs {

    /** Mounted configuration beyond this many characters is not read for upstreams. */
    static final int MAX_CHARS = 1024 * 1024;

    private ProxyConfigs() {
    }

    /** A proxy asks for no credentials of its own: the backend's authentication counts. */
    static AuthVerdict passThrough(ContainerView c) {
        return AuthVerdict.unknown(c.imageLabel() + ": a proxy asks for no credentials of its own; the backend's authentication counts",
                "turn authentication on in the datastore behind the proxy");
    }

    /** The problem of a configuration too large to read, naming it; empty when it fits. */
    static Optional<String> tooLarge(String what, String text) {
        return text.length() <= MAX_CHARS ? Optional.empty() : Optional.of(what + " is " + text.length()
                + " characters long; exposure-guard reads proxy configuration up to " + MAX_CHARS + ", so where this proxy forwards is not known");
    }

    /** The configuration text to read: empty when too large (its problem is {@link #tooLarge}). */
    static String readable(String text) {
        return text.length() <= MAX_CHARS ? text : "";
    }

    static List<String> problems(String what, String text) {
        return tooLarge(what, text).map(List::of).orElse(List.of());
    }
}
