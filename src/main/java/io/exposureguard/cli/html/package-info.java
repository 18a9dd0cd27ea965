/**
 * The HTML report (ring: cli): one self-contained page per scan or cluster, with every exposure path drawn as a graph
 * of its hops, filters that work offline, and no network access at all (a Content-Security-Policy that allows only
 * the page's own script and style). {@code scan --format html} and {@code report} both render through
 * {@link io.exposureguard.cli.html.HtmlReportWriter}.
 */
package io.exposureguard.cli.html;
