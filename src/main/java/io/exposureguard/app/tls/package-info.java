/**
 * Webhook certificate lifecycle in the running app: issue or load the serving certificate at start-up, reload the
 * HTTPS server when it rotates, and patch the webhook configurations' caBundle. The certificate logic is edge.tls.
 */
package io.exposureguard.app.tls;
