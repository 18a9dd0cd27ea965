/**
 * Remediation planning (pure): for each fix decision, patch the owner or quarantine the datastore with a signed
 * NetworkPolicy, within rate limits and the ledger of what was already done; and when to lift a quarantine.
 * kube.remediation executes the plan.
 */
package io.exposureguard.core.remediation;
