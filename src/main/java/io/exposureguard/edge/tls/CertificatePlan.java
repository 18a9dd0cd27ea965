package io.exposureguard.edge.tls;

/** What the webhook TLS Secret should hold now, whether that differs from what it holds, and why. */
public record CertificatePlan(Change change, WebhookTlsBundle bundle, String reason) {

    public enum Change {
        /** The stored certificates are valid, cover every name and are not due for renewal. */
        KEEP,
        /** A new serving certificate from the same CA: the caBundle does not change. */
        RENEW_SERVING,
        /** A new CA and serving certificate: the caBundle changes (the old CA stays in it while valid). */
        NEW_AUTHORITY
    }
}
