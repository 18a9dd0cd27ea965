/**
 * Webhook TLS certificates (edge ring): issue a CA and serving certificate, plan renewals, keep them in a Secret
 * and in files the HTTPS server reads, and patch caBundles.
 */
package io.exposureguard.edge.tls;
