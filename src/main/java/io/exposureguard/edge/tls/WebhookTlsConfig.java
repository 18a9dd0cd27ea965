package io.exposureguard.edge.tls;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code exposure-guard.webhook-tls.*}: where the HTTPS server's certificate comes from. The API server
 * calls webhooks only over HTTPS and checks the certificate against the webhook configurations' caBundle.
 */
public interface WebhookTlsConfig {

    /** Default directory of {@code tls.crt} / {@code tls.key}; Main reads it before the config system runs. */
    String DEFAULT_DIR = "/tmp/exposure-guard/webhook-tls";

    /**
     * {@code none}: plain HTTP only (local runs, a TLS-terminating proxy). {@code cert-manager}: a
     * cert-manager Certificate's Secret is mounted at {@link #dir()} and cainjector fills the caBundle.
     * {@code self-managed}: the operator keeps its own CA and serving certificate in {@link #secret()},
     * writes them to {@link #dir()}, reloads the HTTPS server and patches the caBundle, renewing before expiry.
     */
    @WithDefault("none")
    WebhookTlsMode mode();

    @WithDefault(DEFAULT_DIR)
    String dir();

    /** Secret in the operator namespace holding the self-managed CA and serving certificate. */
    @WithDefault("exposure-guard-webhook-tls")
    String secret();

    /** The webhook Service: the serving certificate names {@code <service>.<namespace>.svc} and its variants. */
    @WithDefault("exposure-guard-webhook")
    String service();

    /** Name of the ValidatingWebhookConfiguration and MutatingWebhookConfiguration whose caBundle is patched. */
    @WithDefault("exposure-guard")
    String configuration();

    /**
     * PEM file of the CA that signs the API server's webhook client certificate. With the {@code webhook-client-auth}
     * profile the HTTPS server requires a client certificate signed by it, so only the API server (not any pod that
     * reaches the port) can send reviews. See docs/security.md for the API server side.
     */
    Optional<String> clientCa();

    /** More DNS names for the serving certificate (tests add localhost). */
    Optional<List<String>> extraDnsNames();

    @WithDefault("P1825D")
    Duration caValidity();

    @WithDefault("P365D")
    Duration servingValidity();

    @WithDefault("P30D")
    Duration renewBefore();

    /**
     * How often the Secret, the files and the caBundle are checked (each replica converges on its own): a
     * caBundle lost to a re-applied webhook configuration is restored within this time. Three GETs per check.
     */
    @WithDefault("PT1M")
    Duration checkInterval();
}
