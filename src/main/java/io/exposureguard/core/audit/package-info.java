/**
 * The audit's own logic (pure): what changed since the previous audit (FindingsDiff), when to retry a failed
 * audit (AuditBackoff), and which endpoints to probe (ProbePlanner).
 */
package io.exposureguard.core.audit;
