package io.exposureguard.edge.probe;


import io.exposureguard.core.probe.ProbeTargetPolicy;

/**
 * The one test seam of the probe's address checks: tests that probe servers they start on 127.0.0.1 build their
 * planner (or operator) with this policy, production's refusals without loopback. Production code always uses
 * {@link ProbeTargetPolicy#production()}, which refuses loopback (ProbeTargetPolicyTest proves it).
 */
public final class TestProbeTargets {

    private TestProbeTargets() {
    }

    public static ProbeTargetPolicy loopbackAllowed() {
        return new ProbeTargetPolicy(ProbeTargetPolicy.ALWAYS_REFUSED.stream().filter(r -> !r.why().contains("loopback")).toList());
    }
}
