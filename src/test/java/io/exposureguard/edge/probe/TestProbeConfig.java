package io.exposureguard.edge.probe;

import java.time.Duration;

/** ProbeConfig for operator instances started by hand in tests. */
public record TestProbeConfig(boolean enabled, int concurrency, Duration timeout, Duration interval) implements ProbeConfig {

    /** Generous timeouts: a result is kept for the whole interval, so a probe timed out on a busy machine would stick. */
    public static TestProbeConfig defaults() {
        return new TestProbeConfig(true, 4, Duration.ofSeconds(10), Duration.ofMinutes(10));
    }

    public static TestProbeConfig off() {
        return new TestProbeConfig(false, 4, Duration.ofSeconds(2), Duration.ofMinutes(10));
    }
}
