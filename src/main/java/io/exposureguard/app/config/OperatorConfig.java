package io.exposureguard.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import io.exposureguard.edge.probe.ProbeConfig;
import io.exposureguard.kube.remediation.RemediationConfig;
import io.exposureguard.edge.tls.WebhookTlsConfig;

import java.time.Duration;

/** Operator settings ({@code exposure-guard.*} in application.properties, or EXPOSURE_GUARD_* env from Helm). */
@ConfigMapping(prefix = "exposure-guard")
public interface OperatorConfig {

    /** Full re-evaluation of every cached object, even without changes (catches anything missed). */
    @WithDefault("PT5M")
    Duration auditInterval();

    /** How long changes are collected before the snapshot is re-evaluated (detection latency floor). */
    @WithDefault("PT0.5S")
    Duration debounce();

    /** The namespace exposure-guard runs in: always excluded; default home of ExposureExceptions. */
    @WithDefault("exposure-guard")
    String operatorNamespace();

    /**
     * Watch Secrets, so env values from Secrets (ALLOW_EMPTY_PASSWORD=yes kept in a Secret, say) are read.
     * Off by default for least privilege: a password set from a Secret then simply counts as set.
     */
    @WithDefault("false")
    boolean readSecrets();

    /** Add object names as a metric label (unbounded cardinality: opt in only for small clusters). */
    @WithDefault("false")
    boolean metricObjectNames();

    /**
     * Elect one replica (a coordination.k8s.io Lease in the operator namespace) to write events, reports
     * and policy status; every replica watches and evaluates, so a new leader starts with a warm cache.
     */
    @WithName("leader-election.enabled")
    @WithDefault("true")
    boolean leaderElection();

    /** How long a leader's lease lasts without renewal before another replica takes over. */
    @WithName("leader-election.lease-duration")
    @WithDefault("PT15S")
    Duration leaseDuration();

    /** Start watching and auditing at startup (off only for tests that drive the audit by hand). */
    @WithDefault("true")
    boolean watch();

    /**
     * /validate and /mutate answer within this time: judging or fixing that takes longer is answered "allowed
     * (unchanged), with a warning" (what failurePolicy Ignore would do) before the API server's timeoutSeconds (5 s) runs out.
     */
    @WithDefault("PT3S")
    Duration admissionDeadline();

    /** How the admission webhooks get their HTTPS certificate. */
    WebhookTlsConfig webhookTls();

    /** How fix-mode exposures already in the cluster are closed. */
    RemediationConfig remediation();

    /** The active probe's global switch and limits. */
    ProbeConfig probe();

    /** Where findings are reported besides events and metrics. */
    Reports reports();

    /** The report APIs written each audit. */
    interface Reports {
        /**
         * {@code openreports} (openreports.io Report and ClusterReport, what Kyverno 1.15+ and Policy Reporter 3.2+
         * read), {@code wgpolicy} (the retired wgpolicyk8s.io PolicyReport, for older readers) or {@code both}.
         */
        @WithDefault("openreports")
        String api();
    }
}
