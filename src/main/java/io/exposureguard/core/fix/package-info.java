/**
 * Least-change fixes (pure): turn a datastore's own authentication back on, or close the entry that exposes it,
 * as the governing policy prefers; shared by the mutating webhook and remediation so both make the same change.
 */
package io.exposureguard.core.fix;
