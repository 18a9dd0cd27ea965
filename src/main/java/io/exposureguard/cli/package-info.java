/**
 * The command line: scan manifests, charts' rendered output or directories without a cluster ({@code scan}), or a
 * live cluster through the kubeconfig ({@code report}), and report in text, JSON, SARIF or as one self-contained HTML
 * page with each exposure path drawn ({@code HtmlReportWriter}), with the same engine the operator runs. Runs before
 * Quarkus boots (io.exposureguard.Main).
 */
package io.exposureguard.cli;
