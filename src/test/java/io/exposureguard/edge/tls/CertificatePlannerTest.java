package io.exposureguard.edge.tls;

import io.exposureguard.edge.tls.CertificatePlan.Change;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the self-managed webhook certificate Secret must hold, decided from what it holds and the time. */
class CertificatePlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> NAMES = List.of("exposure-guard-webhook.exposure-guard.svc", "exposure-guard-webhook");
    private static final CertificateSettings SETTINGS =
            new CertificateSettings(Duration.ofDays(1825), Duration.ofDays(365), Duration.ofDays(30));
    private final CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
    private final CertificatePlanner planner = new CertificatePlanner(issuer, SETTINGS);

    private Map<String, String> stored(Instant issuedAt) {
        return planner.plan(Optional.empty(), NAMES, issuedAt).bundle().toData();
    }

    @Test
    void withoutASecretANewCaAndServingCertificateAreIssuedForEveryWebhookName() throws Exception {
        CertificatePlan plan = planner.plan(Optional.empty(), NAMES, NOW);

        assertThat(plan.change()).isEqualTo(Change.NEW_AUTHORITY);
        assertThat(plan.reason()).isEqualTo("no certificate stored yet");
        var serving = plan.bundle().serving().certificate();
        serving.verify(plan.bundle().authority().certificate().getPublicKey());
        assertThat(serving.getSubjectAlternativeNames().stream().map(san -> san.get(1)).toList()).isEqualTo(NAMES);
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertThat(plan.bundle().authority().certificate().getBasicConstraints()).isZero();
        assertThat(plan.bundle().serving().notAfter()).isEqualTo(NOW.plus(Duration.ofDays(365)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void validCertificatesAreKeptAsTheyAre() {
        Map<String, String> data = stored(NOW);

        CertificatePlan plan = planner.plan(Optional.of(data), NAMES, NOW.plus(Duration.ofDays(100)));

        assertThat(plan.change()).isEqualTo(Change.KEEP);
        assertThat(plan.bundle().toData()).isEqualTo(data);
    }

    @Test
    void theServingCertificateIsRenewedThirtyDaysBeforeItExpiresUnderTheSameCa() {
        Map<String, String> data = stored(NOW);

        CertificatePlan plan = planner.plan(Optional.of(data), NAMES, NOW.plus(Duration.ofDays(336)));

        assertThat(plan.change()).isEqualTo(Change.RENEW_SERVING);
        assertThat(plan.reason()).startsWith("serving certificate expires ");
        assertThat(plan.bundle().toData().get("ca.crt")).isEqualTo(data.get("ca.crt"));
        assertThat(plan.bundle().toData().get("tls.crt")).isNotEqualTo(data.get("tls.crt"));
    }

    @Test
    void aNewWebhookNameLeadsToANewServingCertificate() {
        Map<String, String> data = stored(NOW);

        CertificatePlan plan = planner.plan(Optional.of(data), List.of("exposure-guard-webhook", "localhost"), NOW);

        assertThat(plan.change()).isEqualTo(Change.RENEW_SERVING);
        assertThat(plan.reason()).isEqualTo("serving certificate does not name [localhost]");
    }

    @Test
    void aDueCaIsReplacedAndStaysInTheBundleUntilItExpires() {
        Map<String, String> data = stored(NOW);
        Instant late = NOW.plus(Duration.ofDays(1800));

        CertificatePlan plan = planner.plan(Optional.of(data), NAMES, late);

        assertThat(plan.change()).isEqualTo(Change.NEW_AUTHORITY);
        assertThat(plan.reason()).startsWith("CA expires ");
        assertThat(plan.bundle().caBundle(late)).startsWith(plan.bundle().authority().certificatePem()).endsWith(data.get("ca.crt"));
        assertThat(plan.bundle().caBundle(NOW.plus(Duration.ofDays(1826)))).isEqualTo(plan.bundle().authority().certificatePem());
    }

    @Test
    void aServingCertificateNeverOutlivesItsCa() {
        CertificatePlanner shortCa = new CertificatePlanner(issuer,
                new CertificateSettings(Duration.ofDays(400), Duration.ofDays(365), Duration.ofDays(30)));
        Map<String, String> data = shortCa.plan(Optional.empty(), NAMES, NOW).bundle().toData();

        CertificatePlan plan = shortCa.plan(Optional.of(data), NAMES, NOW.plus(Duration.ofDays(340)));

        assertThat(plan.change()).isEqualTo(Change.RENEW_SERVING);
        assertThat(plan.bundle().serving().notAfter()).isEqualTo(plan.bundle().authority().notAfter());
    }

    @Test
    void aServingCertificateFromAnotherCaIsReplaced() {
        Map<String, String> data = new HashMap<>(stored(NOW));
        Map<String, String> other = stored(NOW);
        data.put("tls.crt", other.get("tls.crt"));
        data.put("tls.key", other.get("tls.key"));

        CertificatePlan plan = planner.plan(Optional.of(data), NAMES, NOW);

        assertThat(plan.change()).isEqualTo(Change.RENEW_SERVING);
        assertThat(plan.reason()).isEqualTo("serving certificate is not signed by the stored CA");
    }

    @Test
    void unreadableStoredDataIsReplacedAndTheReasonNamesTheKey() {
        Map<String, String> data = new HashMap<>(stored(NOW));
        data.put("ca.key", "not a key");

        CertificatePlan plan = planner.plan(Optional.of(data), NAMES, NOW);

        assertThat(plan.change()).isEqualTo(Change.NEW_AUTHORITY);
        assertThat(plan.reason()).isEqualTo("stored certificate is unusable (ca.key: private key: no PEM PRIVATE KEY block)");
        assertThat(planner.plan(Optional.of(Map.of()), NAMES, NOW).reason())
                .isEqualTo("stored certificate is unusable (ca.crt: certificate: missing)");
    }

    @Test
    void settingsThatWouldRenewForeverAreRejectedWithTheSettingNamed() {
        assertThatThrownBy(() -> new CertificateSettings(Duration.ofDays(1825), Duration.ofDays(30), Duration.ofDays(30)))
                .hasMessage("webhook-tls.renew-before (PT720H) must be shorter than webhook-tls.serving-validity (PT720H)");
        assertThatThrownBy(() -> new CertificateSettings(Duration.ofDays(10), Duration.ofDays(365), Duration.ofDays(30)))
                .hasMessageStartingWith("webhook-tls.serving-validity (PT8760H) must not exceed webhook-tls.ca-validity");
    }
}
