package io.exposureguard.kube;

import io.exposureguard.app.config.OperatorConfig;

import io.exposureguard.edge.probe.ProbeConfig;
import io.exposureguard.edge.probe.TestProbeConfig;
import io.exposureguard.kube.remediation.RemediationConfig;
import io.exposureguard.core.remediation.TestRemediationConfig;
import io.exposureguard.edge.tls.WebhookTlsConfig;

import java.time.Duration;

/**
 * Settings of an operator instance started by hand in a test or a bench. The two-argument form gives fast
 * audits (2 s full audit, 200 ms debounce), a short lease, remediation and probing on; {@link #production}
 * gives production defaults for benches; the {@code with...} methods change one thing.
 */
public record TestOperatorConfig(boolean leaderElection, String operatorNamespace, RemediationConfig remediation,
                                 ProbeConfig probe, Duration auditInterval, Duration debounce, boolean readSecrets,
                                 boolean metricObjectNames, String reportsApi) implements OperatorConfig {

    public TestOperatorConfig(boolean leaderElection, String operatorNamespace) {
        this(leaderElection, operatorNamespace, TestRemediationConfig.defaults());
    }

    public TestOperatorConfig(boolean leaderElection, String operatorNamespace, RemediationConfig remediation) {
        this(leaderElection, operatorNamespace, remediation, TestProbeConfig.defaults(), Duration.ofSeconds(2),
                Duration.ofMillis(200), false, false, "openreports");
    }

    /**
     * Production defaults (full audit every 5 minutes, Secrets not read, no object names in metrics) with the given
     * debounce, no leader election (one replica), and neither remediation nor probing.
     */
    public static TestOperatorConfig production(Duration debounce) {
        return new TestOperatorConfig(false, "exposure-guard", TestRemediationConfig.defaults().enabled(false),
                TestProbeConfig.off(), Duration.ofMinutes(5), debounce, false, false, "openreports");
    }

    /** The widest view the operator can have: Secrets watched and object names in metrics. */
    public TestOperatorConfig withSecretsReadAndObjectNames() {
        return new TestOperatorConfig(leaderElection, operatorNamespace, remediation, probe, auditInterval, debounce, true, true, reportsApi);
    }

    /** The same, writing reports in these APIs ({@code openreports}, {@code wgpolicy} or {@code both}). */
    public TestOperatorConfig withReports(String api) {
        return new TestOperatorConfig(leaderElection, operatorNamespace, remediation, probe, auditInterval, debounce, readSecrets,
                metricObjectNames, api);
    }

    @Override
    public boolean watch() {
        return true;
    }

    @Override
    public Reports reports() {
        return () -> reportsApi;
    }

    @Override
    public Duration admissionDeadline() {
        return Duration.ofSeconds(3);
    }

    @Override
    public WebhookTlsConfig webhookTls() {
        throw new UnsupportedOperationException("the audit does not serve webhooks");
    }

    @Override
    public Duration leaseDuration() {
        return Duration.ofSeconds(3);
    }
}
