package io.exposureguard;

import io.exposureguard.cli.Commands;
import io.exposureguard.edge.tls.BootstrapCertificate;
import io.exposureguard.edge.tls.CertificateFiles;
import io.exposureguard.edge.tls.WebhookTlsConfig;
import io.exposureguard.edge.tls.WebhookTlsMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One jar, one command tree ({@link Commands}). {@code scan}, {@code report}, {@code version} and {@code help} run and
 * exit without booting Quarkus: scan needs no cluster, kubeconfig or network, and none of them starts the operator.
 * {@code operator}, or no arguments (as the image runs it), starts the operator,
 * after making sure the HTTPS server will find a certificate (see {@link BootstrapCertificate}).
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        Optional<Integer> exit = Commands.run(args, System.in, System.out, System.err);
        if (exit.isPresent()) {
            System.exit(exit.get());
        }
        prepareWebhookCertificate();
        Quarkus.run();
    }

    /**
     * Runs before the config system, so reads the two settings the way it would (system property, then
     * EXPOSURE_GUARD_WEBHOOK_TLS_* environment variable). Self-managed: a placeholder until the operator
     * has its Secret. cert-manager: the mounted Secret must be there; say so plainly instead of a stack trace.
     */
    private static void prepareWebhookCertificate() {
        WebhookTlsMode mode = WebhookTlsMode.parse(setting("exposure-guard.webhook-tls.mode", "none"));
        Path dir = Path.of(setting("exposure-guard.webhook-tls.dir", WebhookTlsConfig.DEFAULT_DIR));
        try {
            if (mode == WebhookTlsMode.SELF_MANAGED && BootstrapCertificate.writeIfMissing(dir, Instant.now())) {
                System.err.println("exposure-guard: wrote a bootstrap webhook certificate to " + dir
                        + "; the operator replaces it with one from its CA once it has read its Secret");
            }
        } catch (IOException e) {
            System.err.println("exposure-guard: cannot write the bootstrap webhook certificate to " + dir + ": " + e.getMessage()
                    + " (webhook-tls.dir must be a writable directory, e.g. an emptyDir volume)");
            System.exit(1);
        }
        if (mode == WebhookTlsMode.CERT_MANAGER && !new CertificateFiles(dir).present()) {
            System.err.println("exposure-guard: webhook TLS mode cert-manager, but " + dir + " holds no tls.crt and tls.key:"
                    + " mount the Secret of the cert-manager Certificate there (is the Certificate Ready?)");
            System.exit(1);
        }
    }

    private static String setting(String property, String fallback) {
        String env = property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        return System.getProperty(property, System.getenv().getOrDefault(env, fallback));
    }
}
