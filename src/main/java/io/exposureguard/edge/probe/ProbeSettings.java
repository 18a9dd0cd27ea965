package io.exposureguard.edge.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one probe.
 *
 * @param connectTimeout   to open a TCP connection (and, for TLS, to finish the handshake's first read)
 * @param requestTimeout   to wait for each answer once connected
 * @param maxResponseBytes the most bytes read of an HTTP response body; more is cut off and not parsed as a whole
 */
public record ProbeSettings(Duration connectTimeout, Duration requestTimeout, int maxResponseBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;

    public ProbeSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("probe timeouts must be positive");
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
        }
    }

    /** 2 s to connect, 2 s per answer, 1 MiB per response body. */
    public static ProbeSettings defaults() {
        return new ProbeSettings(DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    public ProbeSettings withTimeouts(Duration connect, Duration request) {
        return new ProbeSettings(connect, request, maxResponseBytes);
    }
}
