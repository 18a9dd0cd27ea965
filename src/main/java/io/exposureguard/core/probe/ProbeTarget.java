package io.exposureguard.core.probe;

import io.exposureguard.core.datastore.DatastoreType;

import java.util.Locale;
import java.util.Objects;

/**
 * One endpoint to probe: where it listens, which datastore is expected there (this picks the protocol),
 * and whether it speaks TLS.
 */
public record ProbeTarget(String host, int port, DatastoreType type, boolean tls) {

    public ProbeTarget {
        Objects.requireNonNull(type, "type");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a probe target needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        host = host.trim();
    }

    /** "host:port" ("[::1]:9200" for IPv6): the unit the runner's minimum interval applies to. */
    public String endpoint() {
        return hostForUri() + ":" + port;
    }

    /** The host as it goes into a URI: IPv6 literals in brackets. */
    public String hostForUri() {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    public String endpointKey() {
        return endpoint().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return type.displayName() + " at " + endpoint() + (tls ? " (TLS)" : "");
    }
}
