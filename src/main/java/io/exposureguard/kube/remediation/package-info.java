/**
 * The remediation executor (kube ring): applies the planned patches and quarantine NetworkPolicies, keeps the
 * quarantine key Secret, and reports what it did as events.
 */
package io.exposureguard.kube.remediation;
