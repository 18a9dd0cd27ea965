package io.exposureguard.edge.tls;

import io.exposureguard.app.tls.WebhookTlsManager;

import io.exposureguard.testing.Management;
import io.exposureguard.edge.tls.CertificatePlan.Change;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import io.quarkus.test.common.http.TestHTTPResource;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Self-managed webhook TLS end to end: the app boots on a bootstrap certificate, the operator creates its CA
 * and serving certificate in a Secret, the HTTPS server reloads it, and a client that trusts only that CA
 * (as the API server does through the caBundle) gets AdmissionReview answers over HTTPS.
 */
@QuarkusTest
@WithKubernetesTestServer
@QuarkusTestResource(value = BootstrapCertificateResource.class, restrictToAnnotatedClass = false)
class WebhookHttpsTest {

    private static final String REVIEW = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"tls-1","operation":"CREATE",
             "namespace":"eg-tls","kind":{"group":"","version":"v1","kind":"ConfigMap"},
             "object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"eg-tls"}}}}""";

    @Inject
    KubernetesClient client;

    @Inject
    WebhookTlsManager manager;

    @TestHTTPResource(value = "/validate", tls = true)
    URI validate;

    private Secret secret() {
        return client.secrets().inNamespace("exposure-guard").withName("exposure-guard-webhook-tls").get();
    }

    private static String text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
    }

    private HttpResponse<String> validateOverHttps(String trustedCaPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(trustedCaPem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(validate)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REVIEW)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientTrustingOnlyTheOperatorsCaGetsAnswersOverHttps() {
        // until the Secret exists and the server serves its certificate; a handshake before that throws
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            HttpResponse<String> response = validateOverHttps(text(secret(), "ca.crt"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"uid\":\"tls-1\"", "\"allowed\":true");
        });
    }

    @Test
    void aClientTrustingAnotherCaIsRefusedTheHandshake() {
        await().atMost(Duration.ofSeconds(30)).until(() -> secret() != null && manager.ready());
        String otherCa = new CertificateIssuer(new java.security.SecureRandom())
                .authority("someone else", Instant.now(), Duration.ofDays(1)).certificatePem();

        assertThatThrownBy(() -> validateOverHttps(otherCa)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void theWebhookConfigurationsGetTheCaBundleAndReadinessReportsTheCertificate() throws Exception {
        try (var in = new FileInputStream("deploy/webhook/webhook-configurations.yaml")) {
            client.load(in).items().forEach(o -> client.resource(o).createOr(r -> r.update()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> secret() != null && manager.ready());

        Change change = manager.check(Instant.now());

        assertThat(change).isEqualTo(Change.KEEP);
        String bundle = client.admissionRegistration().v1().validatingWebhookConfigurations().withName("exposure-guard").get()
                .getWebhooks().get(0).getClientConfig().getCaBundle();
        assertThat(new String(Base64.getDecoder().decode(bundle), StandardCharsets.US_ASCII)).isEqualTo(text(secret(), "ca.crt"));
        assertThat(client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("exposure-guard").get()
                .getWebhooks().get(0).getClientConfig().getCaBundle()).isEqualTo(bundle);
        Management.request().get("/q/health/ready").then().statusCode(200);
        assertThat(Management.request().get("/q/health/ready").jsonPath().getString("checks.find { it.name == 'webhook-tls' }.data.status"))
                .startsWith("serving a certificate valid until ");
    }

    @Test
    void theServedCertificateExpiryIsExportedForAlerting() {
        await().atMost(Duration.ofSeconds(30)).until(manager::ready);
        long notAfter = java.time.Instant.now().plus(Duration.ofDays(300)).getEpochSecond();

        String metrics = Management.request().get("/q/metrics").asString();

        assertThat(metrics.lines().filter(l -> l.startsWith("exposureguard_webhook_certificate_expiry_seconds "))
                .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst())
                .hasValueSatisfying(v -> assertThat(v.longValue()).isGreaterThan(notAfter));
    }
}
