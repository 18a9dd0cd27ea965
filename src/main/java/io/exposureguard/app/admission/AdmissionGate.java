package io.exposureguard.app.admission;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * The door of the webhook paths, on the event loop, before any body is read (a Vert.x filter, so no worker
 * thread ever waits on a client):
 * <ul>
 *   <li>admission is served over HTTPS only: a plain-HTTP request is answered 404 (the API server calls webhooks only
 *       over TLS; a plain port would let any pod query the judge);</li>
 *   <li>a review must say its {@code Content-Length} (the API server always does), and reserves it from the
 *       {@link IntakeBudget} before its body is read: over budget, it is answered 503 at once;</li>
 *   <li>its whole body must arrive within {@code body-deadline}, or it is answered 408 and its connection closed, so a
 *       client trickling a body byte by byte holds nothing for long.</li>
 * </ul>
 * Every refusal is counted in {@code exposureguard_admission_refused_total{reason}}. The webhook then reads the
 * body without blocking and judges on its own bounded pool ({@link AdmissionDeadline}).
 */
@ApplicationScoped
public class AdmissionGate {

    private static final Logger LOG = Logger.getLogger(AdmissionGate.class);
    static final Set<String> PATHS = Set.of("/validate", "/mutate", "/allow");
    /** Before Quarkus' own handlers (body limits, REST), after nothing that reads the body. */
    private static final int PRIORITY = 1000;

    private final Vertx vertx;
    private final MeterRegistry registry;
    private final AdmissionIntakeConfig config;
    private final long maxBody;
    private final IntakeBudget budget;

    public AdmissionGate(Vertx vertx, MeterRegistry registry, AdmissionIntakeConfig config,
                         @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.vertx = vertx;
        this.registry = registry;
        this.config = config;
        this.maxBody = maxBody.asLongValue();
        this.budget = new IntakeBudget(config.bodyBudgetBytes(), config.bodyBudgetPerSourceBytes());
    }

    void register(@Observes Filters filters) {
        filters.register(this::admit, PRIORITY);
    }

    void admit(RoutingContext rc) {
        if (!PATHS.contains(rc.normalizedPath())) {
            rc.next();
            return;
        }
        if (!rc.request().isSSL()) {
            refuse(rc, 404, "plain-http", "admission webhooks are served over HTTPS only");
            return;
        }
        if (rc.request().method() != HttpMethod.POST) {
            rc.next();
            return;
        }
        long length = contentLength(rc);
        if (length < 0) {
            refuse(rc, 411, "no-length", "an AdmissionReview must be sent with a Content-Length");
            return;
        }
        if (length > maxBody) {
            rc.next(); // the HTTP server answers 413 without reading it
            return;
        }
        String source = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host();
        if (!budget.tryReserve(source, length)) {
            rc.response().putHeader("Retry-After", "1");
            refuse(rc, 503, "body-budget", "too many request bodies in flight; try again");
            return;
        }
        long timer = vertx.setTimer(config.bodyDeadline().toMillis(), id -> bodyTooSlow(rc, source));
        rc.addEndHandler(done -> {
            vertx.cancelTimer(timer);
            budget.release(source, length);
        });
        rc.next();
    }

    private void bodyTooSlow(RoutingContext rc, String source) {
        if (rc.request().isEnded() || rc.response().ended() || rc.response().closed()) {
            return;
        }
        LOG.debugf("closing a webhook request from %s: its body did not arrive within %s", source, config.bodyDeadline());
        registry.counter("exposureguard.admission.refused", "reason", "body-deadline").increment();
        rc.response().setStatusCode(408).putHeader(HttpHeaders.CONNECTION, "close")
                .end("the request body did not arrive within " + config.bodyDeadline().toMillis() + " ms");
        if (rc.request().version() == HttpVersion.HTTP_2) {
            rc.response().reset();
        } else {
            rc.request().connection().close();
        }
    }

    private static long contentLength(RoutingContext rc) {
        String header = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuse(RoutingContext rc, int status, String reason, String message) {
        registry.counter("exposureguard.admission.refused", "reason", reason).increment();
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end(message);
    }
}
