package io.exposureguard.app.tls;

import io.exposureguard.edge.tls.BootstrapCertificate;
import io.exposureguard.edge.tls.CaBundlePatcher;
import io.exposureguard.edge.tls.CertificateFiles;
import io.exposureguard.edge.tls.CertificateIssuer;
import io.exposureguard.edge.tls.CertificatePlan;
import io.exposureguard.edge.tls.CertificatePlanner;
import io.exposureguard.edge.tls.CertificateSettings;
import io.exposureguard.edge.tls.CertificateStore;
import io.exposureguard.edge.tls.InvalidCertificateException;
import io.exposureguard.edge.tls.IssuedCertificate;
import io.exposureguard.edge.tls.WebhookTlsBundle;
import io.exposureguard.edge.tls.WebhookTlsConfig;
import io.exposureguard.edge.tls.WebhookTlsMode;

import io.exposureguard.app.config.OperatorConfig;
import io.exposureguard.edge.tls.CertificatePlan.Change;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.quarkus.vertx.http.HttpsServerStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the webhook's HTTPS certificate current on every replica. Self-managed: converges the TLS Secret
 * ({@link CertificateStore}), writes the serving pair to the directory the HTTPS
 * server reads, reloads the server, and patches the webhook configurations' caBundle. cert-manager:
 * reloads the server when the mounted Secret changes. Failures are retried with backoff; the webhook's
 * failurePolicy covers the gap and the audit keeps running.
 */
@ApplicationScoped
public class WebhookTlsManager {

    private static final Logger LOG = Logger.getLogger(WebhookTlsManager.class);

    private final OperatorConfig operator;
    private final Clock clock;
    private final WebhookTlsConfig config;
    /** The TLS configuration the HTTPS server uses (quarkus.tls.webhook.*, application.properties). */
    static final String TLS_CONFIGURATION = "webhook";
    private final TlsConfigurationRegistry tlsRegistry;
    private final Event<CertificateUpdatedEvent> certificateUpdated;
    private final MeterRegistry meters;
    private final CertificateStore store;
    private final CertificateFiles files;
    private final CaBundlePatcher caBundles;
    private final AtomicLong servedNotAfter = new AtomicLong();
    private final Gauge expiryGauge;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "webhook-tls");
        t.setDaemon(true);
        return t;
    });
    private volatile String status = "not checked yet";
    private volatile boolean ready;
    private volatile boolean httpsStarted;
    private int failures;

    public WebhookTlsManager(KubernetesClient client, OperatorConfig operator, TlsConfigurationRegistry tlsRegistry,
                             Event<CertificateUpdatedEvent> certificateUpdated, MeterRegistry meters, Clock clock) {
        this.operator = operator;
        this.clock = clock;
        this.config = operator.webhookTls();
        this.tlsRegistry = tlsRegistry;
        this.certificateUpdated = certificateUpdated;
        this.meters = meters;
        this.store = new CertificateStore(client, operator.operatorNamespace(), config.secret(),
                new CertificatePlanner(new CertificateIssuer(new SecureRandom()),
                        new CertificateSettings(config.caValidity(), config.servingValidity(), config.renewBefore())));
        this.files = new CertificateFiles(Path.of(config.dir()));
        this.caBundles = new CaBundlePatcher(client);
        this.expiryGauge = Gauge.builder("exposureguard.webhook.certificate.expiry.seconds", servedNotAfter, AtomicLong::get)
                .description("Unix time when the certificate the webhook serves expires (0 before one is loaded)")
                .register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.mode() == WebhookTlsMode.NONE) {
            ready = true;
            status = "webhook TLS off (mode none)";
            return;
        }
        executor.execute(this::scheduledCheck);
    }

    /**
     * The HTTPS server may start listening after our first check reloaded the certificate: that reload reaches
     * no server and is lost (Quarkus registers the server for reload events only when it listens, then fires
     * HttpsServerStart asynchronously). So reload once more when it is up: it always serves the current files.
     */
    void onHttpsStart(@ObservesAsync HttpsServerStart event) {
        if (config.mode() != WebhookTlsMode.NONE) {
            executor.execute(() -> {
                httpsStarted = true;
                try {
                    if (files.present()) {
                        reload();
                        refreshStatus();
                    }
                } catch (RuntimeException | IOException e) {
                    LOG.errorf("webhook TLS: reload after the HTTPS server started failed: %s", e.getMessage());
                }
            });
        }
    }

    /** Stops the checks and unregisters the gauge: the registry may outlive this bean and would read a dead value. */
    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        meters.remove(expiryGauge);
    }

    /** True once the HTTPS server serves a real certificate (always true in mode none). */
    public boolean ready() {
        return ready;
    }

    public String status() {
        return status;
    }

    private void scheduledCheck() {
        Duration next = config.checkInterval();
        try {
            check(clock.instant());
            failures = 0;
        } catch (RuntimeException | IOException e) {
            failures++;
            Duration backoff = Duration.ofSeconds(Math.min(300, 5L << Math.min(failures, 6)));
            next = backoff.compareTo(next) < 0 ? backoff : next;
            status = "certificate check failed: " + e.getMessage();
            LOG.errorf("webhook TLS: %s (attempt %d); retrying in %s", status, failures, next);
        }
        if (!executor.isShutdown()) {
            executor.schedule(this::scheduledCheck, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** One convergence pass; returns what changed in the Secret (KEEP in cert-manager mode). */
    public synchronized Change check(Instant now) throws IOException {
        if (tlsRegistry.get(TLS_CONFIGURATION).isEmpty()) {
            ready = false;
            status = "webhook TLS mode " + config.mode() + " but the HTTPS server has no certificate configured:"
                    + " start with the webhook-tls profile (QUARKUS_PROFILE=prod,webhook-tls)";
            LOG.error(status);
            return Change.KEEP;
        }
        Change change = Change.KEEP;
        if (config.mode() == WebhookTlsMode.SELF_MANAGED) {
            CertificatePlan plan = store.converge(dnsNames(), now);
            change = plan.change();
            if (change != Change.KEEP) {
                meters.counter("exposureguard.webhook.certificate.renewals", "change", change.name().toLowerCase(Locale.ROOT)).increment();
            }
            WebhookTlsBundle bundle = plan.bundle();
            if (files.write(bundle.serving().certificatePem(), bundle.serving().keyPem())) {
                reload();
            }
            caBundles.patch(config.configuration(), bundle.caBundle(now));
        } else {
            reloadIfChanged();
        }
        refreshStatus();
        return change;
    }

    /** Readiness and the expiry gauge from the files the server last loaded. */
    private void refreshStatus() throws IOException {
        String served = files.readCertificate();
        servedNotAfter.set(notAfter(served));
        ready = httpsStarted && !BootstrapCertificate.isBootstrap(served);
        status = ready ? "serving a certificate valid until " + Instant.ofEpochSecond(servedNotAfter.get())
                : !httpsStarted ? "HTTPS server not started yet" : "still serving the bootstrap certificate";
    }

    /** DNS names the API server uses for the webhook Service, plus any configured extras. */
    List<String> dnsNames() {
        String service = config.service();
        String ns = operator.operatorNamespace();
        List<String> names = new ArrayList<>(List.of(service + "." + ns + ".svc", service + "." + ns + ".svc.cluster.local",
                service + "." + ns, service));
        config.extraDnsNames().ifPresent(names::addAll);
        return names;
    }

    private String lastLoaded;

    private void reloadIfChanged() throws IOException {
        String served = files.readCertificate();
        if (lastLoaded != null && !served.equals(lastLoaded)) {
            reload();
        }
        lastLoaded = served;
    }

    private void reload() {
        TlsConfiguration tls = tlsRegistry.get(TLS_CONFIGURATION).orElseThrow();
        if (tls.reload()) {
            certificateUpdated.fire(new CertificateUpdatedEvent(TLS_CONFIGURATION, tls));
            LOG.info("webhook TLS: HTTPS server reloaded its certificate");
        } else {
            throw new IllegalStateException("the HTTPS server could not reload " + files.certificate());
        }
    }

    private static long notAfter(String pem) {
        try {
            return IssuedCertificate.parseCertificate(pem).getNotAfter().toInstant().getEpochSecond();
        } catch (InvalidCertificateException e) {
            return 0;
        }
    }
}
