package io.exposureguard.probe;

/** Probes one endpoint without credentials. Implementations never throw: every failure is an UNKNOWN result. */
@FunctionalInterface
public interface Prober {

    ProbeResult probe(ProbeTarget target);
}
