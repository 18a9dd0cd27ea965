/**
 * The command line: scan manifests, charts' rendered output or directories without a cluster and report in text,
 * JSON or SARIF with the same engine the operator runs. Runs before Quarkus boots (io.exposureguard.Main).
 */
package io.exposureguard.cli;
