package io.exposureguard.app.admission;

import io.exposureguard.app.config.OperatorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs a webhook on a review body without holding the event loop or any worker thread: the body (already read in
 * full, without blocking, by the REST layer after {@link AdmissionGate}) is parsed and judged on the bounded judging
 * pool, within the admission deadline. Answers:
 * <ul>
 *   <li>200 with the AdmissionReview: the judged answer, or the handler's late answer past the deadline;</li>
 *   <li>400 when the body is not an AdmissionReview (one line, no stack trace);</li>
 *   <li>503 at once when the pool already holds {@code max-in-flight} reviews: the API server applies its
 *       failurePolicy, and the audit evaluates the object anyway.</li>
 * </ul>
 */
@Singleton
public class AdmissionAnswers {

    private final AdmissionDeadline deadlines;
    private final MeterRegistry registry;
    private final OperatorConfig config;

    public AdmissionAnswers(AdmissionDeadline deadlines, MeterRegistry registry, OperatorConfig config) {
        this.deadlines = deadlines;
        this.registry = registry;
        this.config = config;
    }

    CompletionStage<Response> answer(byte[] body, AdmissionHandler handler) {
        Duration deadline = config.admissionDeadline();
        long arrived = System.nanoTime();
        Optional<CompletableFuture<Response>> answer = deadlines.submit(deadline,
                () -> review(() -> handler.judge(AdmissionReviews.parse(body), arrived)),
                () -> review(() -> handler.late(AdmissionReviews.summary(body), deadline, arrived)));
        if (answer.isEmpty()) {
            registry.counter("exposureguard.admission.refused", "reason", "in-flight").increment();
            return CompletableFuture.completedFuture(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "1").type(MediaType.TEXT_PLAIN)
                    .entity("exposure-guard is judging as many reviews as it may at once; try again").build());
        }
        return answer.get();
    }

    private static Response review(Supplier<AdmissionReview> answer) {
        try {
            return Response.ok(AdmissionReviews.json(answer.get()), MediaType.APPLICATION_JSON).build();
        } catch (AdmissionReviews.NotAReview e) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
        }
    }
}
