package io.exposureguard.edge.probe;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** {@code exposure-guard.probe.*}: the global switch and limits of the active probe (policies opt in with spec.probe). */
public interface ProbeConfig {

    /** Off: nothing is ever probed, whatever the policies say. */
    @WithDefault("true")
    boolean enabled();

    /** Endpoints probed at once. */
    @WithDefault("4")
    int concurrency();

    /** Connect and answer timeout, each. */
    @WithDefault("PT2S")
    Duration timeout();

    /** The same endpoint is probed at most this often. */
    @WithDefault("PT10M")
    Duration interval();
}
