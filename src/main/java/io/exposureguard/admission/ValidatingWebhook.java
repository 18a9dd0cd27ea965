package io.exposureguard.admission;

import io.exposureguard.engine.ExposureEngine;
import io.exposureguard.operator.AuditService;
import io.exposureguard.operator.OperatorConfig;
import io.exposureguard.policy.Assessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /validate}: AdmissionReview admission.k8s.io/v1 in and out. Thin edge: converts, asks the
 * {@link AdmissionJudge}, converts back. Any failure inside answers "allowed" with a warning (the audit
 * still catches the object), so a bug can never block a cluster; dry runs are not counted.
 */
@Path("/validate")
public class ValidatingWebhook {

    private static final Logger LOG = Logger.getLogger(ValidatingWebhook.class);

    private final AuditService audit;
    private final MeterRegistry registry;
    private final AdmissionJudge judge = new AdmissionJudge(new Assessor(ExposureEngine.standard()));
    private final AdmissionDeadline deadlines;
    private final OperatorConfig config;

    public ValidatingWebhook(AuditService audit, MeterRegistry registry, OperatorConfig config, AdmissionDeadline deadlines) {
        this.audit = audit;
        this.registry = registry;
        this.config = config;
        this.deadlines = deadlines;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AdmissionReview validate(AdmissionReview review) {
        long start = System.nanoTime();
        AdmissionRequest request = AdmissionReviews.request(review);
        AdmissionVerdict verdict;
        try {
            HasMetadata object = AdmissionReviews.object(request);
            if (object == null && !"DELETE".equals(request.getOperation())) {
                LOG.warnf("AdmissionReview %s has no object; allowing it", request.getUid());
                return respond(request, new AdmissionVerdict(true, "no object", java.util.List.of(
                        "exposure-guard received no object to evaluate (request " + request.getUid() + "); allowed")), start);
            }
            Duration deadline = config.admissionDeadline();
            verdict = deadlines.within(deadline, () -> judge.judge(request.getOperation(), object, AdmissionReviews.oldObject(request),
                    audit.clusterState(), audit.operatorNamespace(), Instant.now()), () -> late(request, deadline));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not judge request %s (%s %s/%s); allowing it (the audit will evaluate it)", request.getUid(),
                    kind(request), request.getNamespace(), request.getName());
            registry.counter("exposureguard.admission.errors", "webhook", "validate").increment();
            verdict = new AdmissionVerdict(true, "error", java.util.List.of("exposure-guard could not evaluate this object: "
                    + e.getClass().getSimpleName() + "; the background audit will"));
        }
        return respond(request, verdict, start);
    }

    private static AdmissionVerdict late(AdmissionRequest request, Duration deadline) {
        LOG.warnf("request %s (%s %s/%s) not judged within %s; allowing it (the audit will evaluate it)", request.getUid(),
                kind(request), request.getNamespace(), request.getName(), deadline);
        return new AdmissionVerdict(true, "late", java.util.List.of(
                AdmissionDeadline.lateWarning("evaluating this object", deadline, "allowed")));
    }

    private AdmissionReview respond(AdmissionRequest request, AdmissionVerdict verdict, long start) {
        String decision = "error".equals(verdict.message()) || "late".equals(verdict.message()) ? verdict.message()
                : !verdict.allowed() ? "denied" : verdict.warnings().isEmpty() ? "allowed" : "warned";
        if (!Boolean.TRUE.equals(request.getDryRun())) {
            registry.counter("exposureguard.admission.decisions", "decision", decision,
                    "kind", kind(request), "operation", String.valueOf(request.getOperation())).increment();
        }
        Timer.builder("exposureguard.admission.duration").description("Time to answer /validate")
                .tags("kind", kind(request), "operation", String.valueOf(request.getOperation()), "decision", decision)
                .publishPercentileHistogram().register(registry).record(java.time.Duration.ofNanos(System.nanoTime() - start));
        AdmissionResponseBuilder response = new AdmissionResponseBuilder().withUid(request.getUid())
                .withAllowed(verdict.allowed()).withWarnings(verdict.warnings().isEmpty() ? null : verdict.warnings());
        if (!verdict.allowed()) {
            response.withStatus(new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(verdict.message()).build());
        }
        return AdmissionReviews.wrap(response.build());
    }

    private static String kind(AdmissionRequest request) {
        return request.getKind() == null || request.getKind().getKind() == null ? "unknown" : request.getKind().getKind();
    }
}
