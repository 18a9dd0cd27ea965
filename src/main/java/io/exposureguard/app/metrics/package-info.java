/**
 * The operator's Prometheus meters (exposureguard_*), with bounded tags only: namespace, team, rule, severity,
 * action. Who changed what goes into events and reports, never into labels.
 */
package io.exposureguard.app.metrics;
