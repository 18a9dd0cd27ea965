package io.exposureguard.app.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the webhook server takes requests in, so that slow or numerous clients cannot starve it
 * ({@link AdmissionGate}). The API server sends a review's body in one go, in milliseconds; these limits only
 * ever bite on clients that are not the API server.
 */
@ConfigMapping(prefix = "exposure-guard.admission")
public interface AdmissionIntakeConfig {

    /**
     * The whole request body must have arrived within this time of the request's start, or the connection is
     * answered 408 and closed. Well under the API server's webhook timeout, so a review it sends always fits.
     */
    @WithDefault("PT2S")
    Duration bodyDeadline();

    /** Request-body bytes held at once by all clients together (reserved from Content-Length before reading). */
    @WithDefault("134217728")
    long bodyBudgetBytes();

    /** Request-body bytes held at once by one client address. */
    @WithDefault("33554432")
    long bodyBudgetPerSourceBytes();

    /**
     * Reviews parsed or judged (or waiting for the judging pool) at once; one more is answered 503 at once, and the API
     * server applies its failurePolicy. Sized for bursts on a cold replica (a few hundred reviews a second while the
     * JIT warms up): what waits past the admission deadline is answered late anyway, and the body budget bounds the
     * memory they hold.
     */
    @WithDefault("512")
    int maxInFlight();
}
