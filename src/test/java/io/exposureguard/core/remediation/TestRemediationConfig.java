package io.exposureguard.core.remediation;

import io.exposureguard.kube.remediation.RemediationConfig;

import java.time.Duration;

/** RemediationConfig for tests that build the operator's parts by hand. */
public record TestRemediationConfig(boolean enabled, boolean dryRun, int maxPerMinute, Duration revertWindow, Duration revertBackoff)
        implements RemediationConfig {

    public static TestRemediationConfig defaults() {
        return new TestRemediationConfig(true, false, 10, Duration.ofMinutes(10), Duration.ofHours(1));
    }

    public TestRemediationConfig enabled(boolean on) {
        return new TestRemediationConfig(on, dryRun, maxPerMinute, revertWindow, revertBackoff);
    }

    public TestRemediationConfig dryRun(boolean on) {
        return new TestRemediationConfig(enabled, on, maxPerMinute, revertWindow, revertBackoff);
    }

    public TestRemediationConfig limit(int perMinute) {
        return new TestRemediationConfig(enabled, dryRun, perMinute, revertWindow, revertBackoff);
    }
}
