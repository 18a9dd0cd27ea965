package io.exposureguard.edge.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * In self-managed mode the HTTPS server needs some certificate to start with before the operator has read
 * or created its Secret: a throwaway self-signed one, valid for a day, written only when the directory has
 * none. The operator replaces it within seconds of starting; until then the API server cannot verify the
 * webhook, so the webhook's failurePolicy applies (Ignore by default) and readiness stays down.
 */
public final class BootstrapCertificate {

    static final String NAME = "exposure-guard-bootstrap";

    private BootstrapCertificate() {
    }

    /** Writes a placeholder pair into {@code dir} unless it already holds one; true when written. */
    public static boolean writeIfMissing(Path dir, Instant now) throws IOException {
        CertificateFiles files = new CertificateFiles(dir);
        if (files.present()) {
            return false;
        }
        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
        IssuedCertificate ca = issuer.authority(NAME, now, Duration.ofDays(1));
        IssuedCertificate serving = issuer.serving(ca, List.of(NAME), now, Duration.ofDays(1));
        return files.write(serving.certificatePem(), serving.keyPem());
    }

    /** True when the certificate is the placeholder, not one from the operator's CA or cert-manager. */
    public static boolean isBootstrap(String certificatePem) {
        try {
            return IssuedCertificate.parseCertificate(certificatePem).getSubjectX500Principal().getName().equals("CN=" + NAME);
        } catch (InvalidCertificateException e) {
            return false;
        }
    }
}
