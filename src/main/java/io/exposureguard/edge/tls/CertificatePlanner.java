package io.exposureguard.edge.tls;

import io.exposureguard.edge.tls.CertificatePlan.Change;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what the webhook TLS Secret must hold: keeps valid certificates, renews the serving certificate
 * before it expires or when the webhook's DNS names change, and starts a new CA when the stored one is
 * missing, unreadable or due for renewal. A serving certificate never outlives the CA that signed it.
 */
public final class CertificatePlanner {

    static final String AUTHORITY_NAME = "exposure-guard webhook CA";
    private final CertificateIssuer issuer;
    private final CertificateSettings settings;

    public CertificatePlanner(CertificateIssuer issuer, CertificateSettings settings) {
        this.issuer = issuer;
        this.settings = settings;
    }

    /** @param stored the Secret's data as text, empty when there is no Secret yet */
    public CertificatePlan plan(Optional<Map<String, String>> stored, List<String> dnsNames, Instant now) {
        if (stored.isEmpty()) {
            return fresh(Optional.empty(), "no certificate stored yet", dnsNames, now);
        }
        WebhookTlsBundle current;
        try {
            current = WebhookTlsBundle.fromData(stored.get());
        } catch (InvalidCertificateException e) {
            return fresh(Optional.empty(), "stored certificate is unusable (" + e.getMessage() + ")", dnsNames, now);
        }
        if (dueBy(current.authority().certificate(), now)) {
            return fresh(Optional.of(current.authority().certificate()), "CA expires " + current.authority().notAfter(), dnsNames, now);
        }
        Optional<String> servingProblem = servingProblem(current, dnsNames, now);
        if (servingProblem.isPresent()) {
            return new CertificatePlan(Change.RENEW_SERVING, new WebhookTlsBundle(current.authority(),
                    serving(current.authority(), dnsNames, now), current.previousAuthority()), servingProblem.get());
        }
        return new CertificatePlan(Change.KEEP, current, "valid until " + current.serving().notAfter());
    }

    private CertificatePlan fresh(Optional<X509Certificate> previous, String reason, List<String> dnsNames, Instant now) {
        IssuedCertificate authority = issuer.authority(AUTHORITY_NAME, now, settings.authorityValidity());
        Optional<X509Certificate> stillValid = previous.filter(p -> p.getNotAfter().toInstant().isAfter(now));
        return new CertificatePlan(Change.NEW_AUTHORITY,
                new WebhookTlsBundle(authority, serving(authority, dnsNames, now), stillValid), reason);
    }

    private IssuedCertificate serving(IssuedCertificate authority, List<String> dnsNames, Instant now) {
        Duration caLeft = Duration.between(now, authority.notAfter());
        Duration validity = caLeft.compareTo(settings.servingValidity()) < 0 ? caLeft : settings.servingValidity();
        return issuer.serving(authority, dnsNames, now, validity);
    }

    private Optional<String> servingProblem(WebhookTlsBundle bundle, List<String> dnsNames, Instant now) {
        X509Certificate serving = bundle.serving().certificate();
        try {
            serving.verify(bundle.authority().certificate().getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of("serving certificate is not signed by the stored CA");
        }
        if (dueBy(serving, now)) {
            return Optional.of("serving certificate expires " + serving.getNotAfter().toInstant());
        }
        Set<String> missing = new HashSet<>(dnsNames);
        missing.removeAll(dnsNames(serving));
        if (!missing.isEmpty()) {
            return Optional.of("serving certificate does not name " + missing.stream().sorted().toList());
        }
        return Optional.empty();
    }

    private boolean dueBy(X509Certificate certificate, Instant now) {
        return !certificate.getNotAfter().toInstant().minus(settings.renewBefore()).isAfter(now);
    }

    private static Set<String> dnsNames(X509Certificate certificate) {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                sans.stream().filter(s -> Integer.valueOf(2).equals(s.get(0))).forEach(s -> names.add(String.valueOf(s.get(1))));
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        return names;
    }
}
