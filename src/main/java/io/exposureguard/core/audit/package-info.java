/**
 * The audit cycle (pure): one audit as a function of (what the cluster holds, the previous audit's state, now,
 * settings) that returns plain values: the decisions, remediation steps, probe requests, the diff to the previous
 * audit, PolicyReport and policy status contents, metric values and the next state, including when to retry after a
 * failure. app.audit.AuditService only schedules it and executes what it returns.
 */
package io.exposureguard.core.audit;
