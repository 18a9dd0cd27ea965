package io.exposureguard.kube.remediation;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code exposure-guard.remediation.*}: how the operator closes fix-mode exposures already in the cluster. */
public interface RemediationConfig {

    /** Off: fix-mode findings are only reported (the webhook still fixes new objects). */
    @WithDefault("true")
    boolean enabled();

    /** Plan and report (events, metrics, logs) without changing anything. */
    @WithDefault("false")
    boolean dryRun();

    /** Writes (patches, quarantines, lifts) per minute at most, so a bad policy cannot rewrite a cluster at once. */
    @WithDefault("10")
    int maxPerMinute();

    /** A fix-mode exposure that returns this soon after our patch means another controller reverted it. */
    @WithDefault("PT10M")
    Duration revertWindow();

    /** How long a reverted object is quarantined instead of patched again. */
    @WithDefault("PT1H")
    Duration revertBackoff();
}
