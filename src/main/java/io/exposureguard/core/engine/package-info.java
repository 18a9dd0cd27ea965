/**
 * The exposure engine (pure): objects in, findings out, every rule over every exposure path, each finding with
 * its rule id, severity, path, facts and fix. The same engine serves the CLI, admission and the audit.
 */
package io.exposureguard.core.engine;
