/**
 * Probe values (pure): what to probe, which targets are never probed, and how a probe's answer may raise a
 * verdict (never silently lower it).
 */
package io.exposureguard.core.probe;
