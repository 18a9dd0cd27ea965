/**
 * Active checks: asks a datastore endpoint, without credentials, whether it serves data, the way an outside
 * researcher would. Read-only and bounded: GET requests and read-only commands only, no credentials, no
 * redirects followed, timeouts and read caps on everything, counts instead of contents.
 * <p>
 * Entry points: {@link io.exposureguard.probe.Probes} (one target, by datastore kind) and
 * {@link io.exposureguard.probe.ProbeRunner} (a batch, with a concurrency limit, a deadline and a minimum
 * interval per endpoint). What goes over the wire is listed in {@code docs/probe.md}.
 */
package io.exposureguard.edge.probe;
