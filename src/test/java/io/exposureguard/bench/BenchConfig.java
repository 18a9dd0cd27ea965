package io.exposureguard.bench;

import io.exposureguard.operator.OperatorConfig;
import io.exposureguard.remediation.RemediationConfig;
import io.exposureguard.remediation.TestRemediationConfig;
import io.exposureguard.tls.WebhookTlsConfig;

import java.time.Duration;

/**
 * Operator settings for the benches: production defaults (full audit every 5 minutes, Secrets not read, no object
 * names in metrics) with the given debounce, no leader election (one replica) and remediation off.
 */
record BenchConfig(Duration debounce) implements OperatorConfig {

    @Override
    public Duration auditInterval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public String operatorNamespace() {
        return "exposure-guard";
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
    public boolean leaderElection() {
        return false;
    }

    @Override
    public Duration leaseDuration() {
        return Duration.ofSeconds(15);
    }

    @Override
    public boolean watch() {
        return true;
    }

    @Override
    public Duration admissionDeadline() {
        return Duration.ofSeconds(3);
    }

    @Override
    public RemediationConfig remediation() {
        return new TestRemediationConfig(false, false, 10, Duration.ofMinutes(10), Duration.ofHours(1));
    }

    @Override
    public io.exposureguard.probe.ProbeConfig probe() {
        return io.exposureguard.probe.TestProbeConfig.off();
    }

    @Override
    public WebhookTlsConfig webhookTls() {
        throw new UnsupportedOperationException("the audit does not serve webhooks");
    }
}
