package io.exposureguard.edge.tls;

import io.exposureguard.testing.Management;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With client authentication on (Helm webhook.clientAuth, the webhook-client-auth profile), only a client holding a
 * certificate from the configured CA, as the API server does, can send a review; a pod that reaches the port with
 * no certificate, or one from another CA, is refused at the handshake. Health and metrics are unaffected.
 */
@QuarkusTest
@WithKubernetesTestServer
@TestProfile(ClientCertificateAuthTest.ClientAuthRequired.class)
class ClientCertificateAuthTest {

    static final Path DIR = Path.of("target/webhook-client-auth");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String REVIEW = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"mtls-1","operation":"CREATE",
             "namespace":"eg-mtls","kind":{"group":"","version":"v1","kind":"ConfigMap"},
             "object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"eg-mtls"}}}}""";

    /** Writes the client CA before the app boots, as the chart mounts it from a ConfigMap. */
    public static class ClientCa implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                Files.createDirectories(DIR);
                IssuedCertificate ca = new CertificateIssuer(RANDOM).authority("api-server-client-ca", Instant.now(), Duration.ofDays(1));
                Files.writeString(DIR.resolve("ca.crt"), ca.certificatePem());
                Files.writeString(DIR.resolve("ca.key"), ca.keyPem());
                BootstrapCertificate.writeIfMissing(BootstrapCertificateResource.DIR, Instant.now());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    public static class ClientAuthRequired implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.ssl.client-auth", "required",
                    "quarkus.tls.webhook.trust-store.pem.certs", DIR.resolve("ca.crt").toString());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ClientCa.class));
        }
    }

    /** A client certificate (extended key usage clientAuth) signed by {@code ca}, as kubeconfig users carry. */
    private static KeyStore clientIdentity(IssuedCertificate ca) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256, RANDOM);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)),
                new X500Name("CN=kube-apiserver"), keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", keys.getPrivate(), new char[0], new Certificate[] {cert, ca.certificate()});
        return store;
    }

    private static HttpResponse<String> validate(KeyStore identity) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, new char[0]);
        tls.init(identity == null ? null : keys.getKeyManagers(), io.exposureguard.testing.TestHttps.trustingAnyServer(), RANDOM);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + RestAssured.port + "/validate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REVIEW)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static IssuedCertificate configuredCa() throws Exception {
        return IssuedCertificate.parse(Files.readString(DIR.resolve("ca.crt")), Files.readString(DIR.resolve("ca.key")));
    }

    @Test
    void aClientWithACertificateFromTheConfiguredCaGetsAnswers() throws Exception {
        HttpResponse<String> response = validate(clientIdentity(configuredCa()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"uid\":\"mtls-1\"", "\"allowed\":true");
    }

    @Test
    void aClientWithoutACertificateIsRefusedTheHandshake() {
        assertThatThrownBy(() -> validate(null)).isInstanceOf(IOException.class);
    }

    @Test
    void aClientWithACertificateFromAnotherCaIsRefusedTheHandshake() {
        IssuedCertificate other = new CertificateIssuer(RANDOM).authority("someone else", Instant.now(), Duration.ofDays(1));

        assertThatThrownBy(() -> validate(clientIdentity(other))).isInstanceOf(IOException.class);
    }

    @Test
    void healthAndMetricsNeedNoClientCertificate() {
        Management.request().get("/q/health/live").then().statusCode(200);
    }
}
