package io.exposureguard.edge.tls;

import java.util.Locale;

/** Where the webhook HTTPS certificate comes from (see {@link WebhookTlsConfig#mode()}). */
public enum WebhookTlsMode {
    NONE, CERT_MANAGER, SELF_MANAGED;

    /** Parses {@code none}, {@code cert-manager} or {@code self-managed}; the error lists them. */
    public static WebhookTlsMode parse(String text) {
        String normalized = text == null ? "none" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (WebhookTlsMode m : values()) {
            if (m.name().equals(normalized)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown webhook TLS mode '" + text + "' (expected none, cert-manager or self-managed)");
    }
}
