package io.exposureguard.edge.tls;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Does for {@code @QuarkusTest} what {@code Main} does in production before Quarkus boots: puts a bootstrap
 * certificate where the test profile's HTTPS server reads it, so the app starts and the operator then
 * replaces it with one from its own CA (see WebhookHttpsTest).
 */
public class BootstrapCertificateResource implements QuarkusTestResourceLifecycleManager {

    /** {@code %test.exposure-guard.webhook-tls.dir}: under this test JVM's own directory (one per surefire fork). */
    static final Path DIR = Path.of(System.getProperty("eg.test.dir", "target"), "webhook-tls");

    @Override
    public Map<String, String> start() {
        try {
            BootstrapCertificate.writeIfMissing(DIR, Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
