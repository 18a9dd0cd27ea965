/**
 * Report building (pure): PolicyReport (wgpolicyk8s.io) contents from the audit's decisions.
 */
package io.exposureguard.core.report;
