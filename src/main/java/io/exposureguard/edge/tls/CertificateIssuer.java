package io.exposureguard.edge.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Issues the webhook's own CA and serving certificates (ECDSA P-256, SHA-256), the kind the API server
 * accepts for a webhook's {@code caBundle}. Pure apart from randomness: the caller passes the time.
 * Certificates start five minutes in the past so a node whose clock lags a little still accepts them.
 */
public final class CertificateIssuer {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private final SecureRandom random;

    public CertificateIssuer(SecureRandom random) {
        this.random = random;
    }

    /** A CA that may sign serving certificates only (path length 0). */
    public IssuedCertificate authority(String commonName, Instant now, Duration validity) {
        try {
            KeyPair keys = keyPair();
            X500Name name = new X500Name("CN=" + commonName);
            X509v3CertificateBuilder builder = builder(name, name, keys, now, validity);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return sign(builder, keys, new IssuedCertificate(null, keys.getPrivate()));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not issue a CA certificate: " + e.getMessage(), e);
        }
    }

    /** A TLS server certificate for {@code dnsNames} (the first is also the common name), signed by {@code ca}. */
    public IssuedCertificate serving(IssuedCertificate ca, List<String> dnsNames, Instant now, Duration validity) {
        if (dnsNames.isEmpty()) {
            throw new IllegalArgumentException("a serving certificate needs at least one DNS name");
        }
        try {
            KeyPair keys = keyPair();
            X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = builder(issuer, new X500Name("CN=" + dnsNames.get(0)), keys, now, validity);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dnsNames.stream()
                            .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            return new IssuedCertificate(sign(builder, keys, ca).certificate(), keys.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not issue a serving certificate: " + e.getMessage(), e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant now, Duration validity) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random).add(BigInteger.ONE),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject, keys.getPublic());
    }

    /** Signs with the issuer's key; the result carries the new certificate and the subject's own key. */
    private static IssuedCertificate sign(X509v3CertificateBuilder builder, KeyPair subject, IssuedCertificate issuer)
            throws GeneralSecurityException {
        try {
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.key());
            return new IssuedCertificate(new JcaX509CertificateConverter().getCertificate(builder.build(signer)),
                    subject.getPrivate());
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }
}
