package io.exposureguard.probe;

import java.time.Duration;

/** ProbeConfig for operator instances started by hand in tests. */
public record TestProbeConfig(boolean enabled, int concurrency, Duration timeout, Duration interval) implements ProbeConfig {

    public static TestProbeConfig defaults() {
        return new TestProbeConfig(true, 4, Duration.ofSeconds(2), Duration.ofMinutes(10));
    }

    public static TestProbeConfig off() {
        return new TestProbeConfig(false, 4, Duration.ofSeconds(2), Duration.ofMinutes(10));
    }
}
