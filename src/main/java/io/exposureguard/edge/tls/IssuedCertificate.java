package io.exposureguard.edge.tls;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** A certificate with its private key, and their PEM forms (PKCS#8 key), as Secrets and the HTTPS server hold them. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key) {

    public String certificatePem() {
        return pem(certificate);
    }

    public String keyPem() {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** Parses PEM text; the exception names which part is unreadable. */
    public static IssuedCertificate parse(String certificatePem, String keyPem) throws InvalidCertificateException {
        return new IssuedCertificate(parseCertificate(certificatePem), parseKey(keyPem));
    }

    public static X509Certificate parseCertificate(String pem) throws InvalidCertificateException {
        Object read = read(pem, "certificate");
        if (!(read instanceof X509CertificateHolder holder)) {
            throw new InvalidCertificateException("certificate: no PEM CERTIFICATE block");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new InvalidCertificateException("certificate: " + e.getMessage());
        }
    }

    static PrivateKey parseKey(String pem) throws InvalidCertificateException {
        Object read = read(pem, "private key");
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (read instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
        } catch (IOException e) {
            throw new InvalidCertificateException("private key: " + e.getMessage());
        }
        throw new InvalidCertificateException("private key: no PEM PRIVATE KEY block");
    }

    private static Object read(String pem, String what) throws InvalidCertificateException {
        if (pem == null || pem.isBlank()) {
            throw new InvalidCertificateException(what + ": missing");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidCertificateException(what + ": not PEM (" + e.getMessage() + ")");
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
