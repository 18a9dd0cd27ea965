package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

/** Probes one endpoint without credentials. Implementations never throw: every failure is an UNKNOWN result. */
@FunctionalInterface
public interface Prober {

    ProbeResult probe(ProbeTarget target);
}
