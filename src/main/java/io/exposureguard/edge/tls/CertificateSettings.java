package io.exposureguard.edge.tls;

import java.time.Duration;

/** How long the self-managed CA and serving certificates live, and how early they are renewed. */
public record CertificateSettings(Duration authorityValidity, Duration servingValidity, Duration renewBefore) {

    public CertificateSettings {
        if (renewBefore.isNegative() || renewBefore.compareTo(servingValidity) >= 0) {
            throw new IllegalArgumentException("webhook-tls.renew-before (" + renewBefore
                    + ") must be shorter than webhook-tls.serving-validity (" + servingValidity + ")");
        }
        if (servingValidity.compareTo(authorityValidity) > 0) {
            throw new IllegalArgumentException("webhook-tls.serving-validity (" + servingValidity
                    + ") must not exceed webhook-tls.ca-validity (" + authorityValidity + ")");
        }
    }
}
