package io.exposureguard.core.probe;

import java.time.Instant;

/**
 * A target's result in a batch. {@code probedAt} is the batch time of the probe the result comes from;
 * {@code reused} is true when the endpoint had been probed within the minimum interval and nothing was sent.
 */
public record ProbeOutcome(ProbeTarget target, ProbeResult result, Instant probedAt, boolean reused) {
}
