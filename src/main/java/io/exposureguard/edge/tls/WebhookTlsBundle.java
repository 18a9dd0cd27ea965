package io.exposureguard.edge.tls;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the webhook TLS Secret holds: the CA with its key (to sign renewals), the serving certificate, and,
 * after a CA renewal, the CA it replaced, which stays in the {@code caBundle} until it expires so serving
 * certificates it signed keep validating while replicas catch up.
 */
public record WebhookTlsBundle(IssuedCertificate authority, IssuedCertificate serving, Optional<X509Certificate> previousAuthority) {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String TLS_CERT = "tls.crt";
    public static final String TLS_KEY = "tls.key";
    public static final String PREVIOUS_CA_CERT = "previous-ca.crt";

    /** Secret data, as text (the caller encodes it). */
    public Map<String, String> toData() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(CA_CERT, authority.certificatePem());
        data.put(CA_KEY, authority.keyPem());
        data.put(TLS_CERT, serving.certificatePem());
        data.put(TLS_KEY, serving.keyPem());
        previousAuthority.ifPresent(p -> data.put(PREVIOUS_CA_CERT, new IssuedCertificate(p, null).certificatePem()));
        return data;
    }

    /** Reads Secret data (decoded text); the exception names the key that is missing or unreadable. */
    public static WebhookTlsBundle fromData(Map<String, String> data) throws InvalidCertificateException {
        IssuedCertificate authority = parse(data, CA_CERT, CA_KEY);
        IssuedCertificate serving = parse(data, TLS_CERT, TLS_KEY);
        Optional<X509Certificate> previous = Optional.empty();
        if (data.get(PREVIOUS_CA_CERT) != null) {
            try {
                previous = Optional.of(IssuedCertificate.parseCertificate(data.get(PREVIOUS_CA_CERT)));
            } catch (InvalidCertificateException e) {
                throw new InvalidCertificateException(PREVIOUS_CA_CERT + ": " + e.getMessage());
            }
        }
        return new WebhookTlsBundle(authority, serving, previous);
    }

    /** PEM CAs the API server should trust: the current one, plus the previous one while it is still valid. */
    public String caBundle(Instant now) {
        String bundle = authority.certificatePem();
        if (previousAuthority.isPresent() && previousAuthority.get().getNotAfter().toInstant().isAfter(now)) {
            bundle += new IssuedCertificate(previousAuthority.get(), null).certificatePem();
        }
        return bundle;
    }

    private static IssuedCertificate parse(Map<String, String> data, String certKey, String keyKey) throws InvalidCertificateException {
        X509Certificate certificate;
        try {
            certificate = IssuedCertificate.parseCertificate(data.get(certKey));
        } catch (InvalidCertificateException e) {
            throw new InvalidCertificateException(certKey + ": " + e.getMessage());
        }
        try {
            return new IssuedCertificate(certificate, IssuedCertificate.parseKey(data.get(keyKey)));
        } catch (InvalidCertificateException e) {
            throw new InvalidCertificateException(keyKey + ": " + e.getMessage());
        }
    }
}
