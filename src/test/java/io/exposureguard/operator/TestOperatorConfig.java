package io.exposureguard.operator;

import io.exposureguard.remediation.RemediationConfig;
import io.exposureguard.remediation.TestRemediationConfig;
import io.exposureguard.tls.WebhookTlsConfig;

import java.time.Duration;

/** Settings of an operator instance started by hand in a test (fast audits, short lease). */
public record TestOperatorConfig(boolean leaderElection, String operatorNamespace, RemediationConfig remediation)
        implements OperatorConfig {

    public TestOperatorConfig(boolean leaderElection, String operatorNamespace) {
        this(leaderElection, operatorNamespace, TestRemediationConfig.defaults());
    }

    @Override
    public Duration auditInterval() {
        return Duration.ofSeconds(2);
    }

    @Override
    public Duration debounce() {
        return Duration.ofMillis(200);
    }

    @Override
    public boolean readSecrets() {
        return false;
    }

    @Override
    public boolean metricObjectNames() {
        return false;
    }

    @Override
    public boolean watch() {
        return true;
    }

    @Override
    public io.exposureguard.probe.ProbeConfig probe() {
        return io.exposureguard.probe.TestProbeConfig.defaults();
    }

    @Override
    public WebhookTlsConfig webhookTls() {
        throw new UnsupportedOperationException("the audit does not serve webhooks");
    }

    @Override
    public Duration admissionDeadline() {
        return Duration.ofSeconds(3);
    }

    @Override
    public Duration leaseDuration() {
        return Duration.ofSeconds(3);
    }
}
