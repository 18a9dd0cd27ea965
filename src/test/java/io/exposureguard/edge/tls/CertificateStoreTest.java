package io.exposureguard.edge.tls;

import io.exposureguard.edge.tls.CertificatePlan.Change;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared certificate Secret on the API server (mock server, CRUD mode): created once, renewed, raced. */
@EnableKubernetesMockClient(crud = true)
class CertificateStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> NAMES = List.of("exposure-guard-webhook.exposure-guard.svc");

    KubernetesClient client;

    private CertificateStore store() {
        return new CertificateStore(client, "exposure-guard", "webhook-tls", new CertificatePlanner(new CertificateIssuer(new SecureRandom()),
                new CertificateSettings(Duration.ofDays(1825), Duration.ofDays(365), Duration.ofDays(30))));
    }

    private Secret secret() {
        return client.secrets().inNamespace("exposure-guard").withName("webhook-tls").get();
    }

    private static String text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
    }

    @Test
    void theFirstReplicaCreatesATlsSecretWithCaAndServingCertificate() {
        CertificatePlan plan = store().converge(NAMES, NOW);

        Secret secret = secret();
        assertThat(plan.change()).isEqualTo(Change.NEW_AUTHORITY);
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData()).containsOnlyKeys("ca.crt", "ca.key", "tls.crt", "tls.key");
        assertThat(text(secret, "tls.crt")).isEqualTo(plan.bundle().serving().certificatePem());
        assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "exposure-guard");
    }

    @Test
    void aSecondReplicaAdoptsTheStoredCertificateWithoutWriting() {
        store().converge(NAMES, NOW);
        String version = secret().getMetadata().getResourceVersion();

        CertificatePlan plan = store().converge(NAMES, NOW.plus(Duration.ofHours(1)));

        assertThat(plan.change()).isEqualTo(Change.KEEP);
        assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(plan.bundle().serving().certificatePem()).isEqualTo(text(secret(), "tls.crt"));
    }

    @Test
    void aDueServingCertificateIsRenewedInPlace() {
        store().converge(NAMES, NOW);
        String ca = text(secret(), "ca.crt");
        String serving = text(secret(), "tls.crt");

        CertificatePlan plan = store().converge(NAMES, NOW.plus(Duration.ofDays(340)));

        assertThat(plan.change()).isEqualTo(Change.RENEW_SERVING);
        assertThat(text(secret(), "ca.crt")).isEqualTo(ca);
        assertThat(text(secret(), "tls.crt")).isNotEqualTo(serving);
    }

    @Test
    void aSecretSomeoneElseFilledWithGarbageIsOverwrittenKeepingItsType() {
        client.secrets().inNamespace("exposure-guard").resource(new SecretBuilder().withNewMetadata().withName("webhook-tls")
                .endMetadata().withType("Opaque").withData(Map.of("tls.crt", "bm90IHBlbQ==")).build()).create();

        CertificatePlan plan = store().converge(NAMES, NOW);

        assertThat(plan.reason()).startsWith("stored certificate is unusable (ca.crt: ");
        assertThat(secret().getType()).isEqualTo("Opaque");
        assertThat(text(secret(), "tls.crt")).isEqualTo(plan.bundle().serving().certificatePem());
    }

    @Test
    void aReplicaThatLosesTheWriteRaceAdoptsTheWinnersCertificate() {
        store().converge(NAMES, NOW);
        Secret stale = secret();
        CertificatePlan winner = store().converge(NAMES, NOW.plus(Duration.ofDays(340)));
        CertificateStore loser = new CertificateStore(client, "exposure-guard", "webhook-tls", new CertificatePlanner(
                new CertificateIssuer(new SecureRandom()), new CertificateSettings(Duration.ofDays(1825), Duration.ofDays(365), Duration.ofDays(30)))) {
            private boolean first = true;

            @Override
            Secret read() {
                if (first) {
                    first = false;
                    return stale;
                }
                return super.read();
            }
        };

        CertificatePlan plan = loser.converge(NAMES, NOW.plus(Duration.ofDays(340)));

        assertThat(plan.change()).isEqualTo(Change.KEEP);
        assertThat(plan.bundle().serving().certificatePem()).isEqualTo(winner.bundle().serving().certificatePem());
        assertThat(text(secret(), "tls.crt")).isEqualTo(winner.bundle().serving().certificatePem());
    }
}
