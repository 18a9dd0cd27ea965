package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.admission.AdmissionVerdict;
import io.exposureguard.core.admission.PolicyObjectReview;

import io.exposureguard.app.config.OperatorConfig;
import io.exposureguard.core.policy.ClusterReader;
import io.exposureguard.core.policy.Assessor;
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
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /validate}: AdmissionReview admission.k8s.io/v1 in and out. Thin edge (the cluster is read from the
 * informer cache through {@link ClusterReader}, judged with the application's one {@link Assessor}): the body is read without
 * blocking and judged on the admission pool ({@link AdmissionAnswers}); this class converts, asks the
 * {@link AdmissionJudge}, converts back. Any failure inside answers "allowed" with a warning (the audit still
 * catches the object), so a bug can never block a cluster; dry runs are not counted.
 */
@Path("/validate")
public class ValidatingWebhook implements AdmissionHandler {

    private static final Logger LOG = Logger.getLogger(ValidatingWebhook.class);
    /** Fixed buckets (a few per decade) rather than a percentile histogram: the series stay few and bounded. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final ClusterReader cluster;
    private final String operatorNamespace;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AdmissionJudge judge;
    private final PolicyObjectReview policyReview;
    private final AdmissionAnswers answers;

    public ValidatingWebhook(ClusterReader cluster, OperatorConfig config, Assessor assessor, Clock clock, MeterRegistry registry,
                             AdmissionAnswers answers) {
        this.cluster = cluster;
        this.operatorNamespace = config.operatorNamespace();
        this.clock = clock;
        this.judge = new AdmissionJudge(assessor);
        this.policyReview = new PolicyObjectReview(assessor.validator());
        this.registry = registry;
        this.answers = answers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> validate(byte[] body) {
        return answers.answer(body, this);
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public AdmissionReview judge(AdmissionRequest request, long arrived) {
        AdmissionVerdict verdict;
        try {
            HasMetadata object = AdmissionReviews.object(request);
            if (object == null && !"DELETE".equals(request.getOperation())) {
                LOG.warnf("AdmissionReview %s has no object; allowing it", request.getUid());
                return respond(request, new AdmissionVerdict(true, "no object", List.of(
                        "exposure-guard received no object to evaluate (request " + request.getUid() + "); allowed")), arrived);
            }
            verdict = object != null && PolicyObjectReview.judges(object) ? policyObject(request, object)
                    : judge.judge(request.getOperation(), object, AdmissionReviews.oldObject(request),
                    cluster.around(namespaceOf(request, object)), operatorNamespace, clock.instant());
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not judge request %s (%s %s/%s); allowing it (the audit will evaluate it)", request.getUid(),
                    kind(request), request.getNamespace(), request.getName());
            registry.counter("exposureguard.admission.errors", "webhook", "validate").increment();
            // The user sees no Java class name or message (it may quote a value); the operator log has both.
            verdict = AdmissionVerdict.error(List.of("exposure-guard could not evaluate this object (an internal error,"
                    + " logged for request " + request.getUid() + "); the background audit will"));
        }
        return respond(request, verdict, arrived);
    }

    /** The namespace the request is about (null: a cluster-scoped object, judged with the whole cluster). */
    static String namespaceOf(AdmissionRequest request, HasMetadata object) {
        if (object != null && object.getMetadata() != null && object.getMetadata().getNamespace() != null) {
            return object.getMetadata().getNamespace();
        }
        HasMetadata old = AdmissionReviews.oldObject(request);
        return old != null && old.getMetadata() != null && old.getMetadata().getNamespace() != null
                ? old.getMetadata().getNamespace() : request.getNamespace();
    }

    /** An ExposurePolicy or ExposureException: refused when the operator would ignore it (or part of it) as written. */
    private AdmissionVerdict policyObject(AdmissionRequest request, HasMetadata object) {
        PolicyObjectReview.Result result = policyReview.reviewArrived(object, "CREATE".equals(request.getOperation()),
                cluster.policies(), operatorNamespace, clock.instant());
        return result.verdict(object.getKind() + " " + (object.getMetadata() == null ? "" : (object.getMetadata().getNamespace() == null
                ? "" : object.getMetadata().getNamespace() + "/") + object.getMetadata().getName()));
    }

    @Override
    public AdmissionReview late(AdmissionRequest request, Duration deadline, long arrived) {
        LOG.warnf("request %s (%s %s/%s) not judged within %s; allowing it (the audit will evaluate it)", request.getUid(),
                kind(request), request.getNamespace(), request.getName(), deadline);
        return respond(request, AdmissionVerdict.late(List.of(
                AdmissionDeadline.lateWarning("evaluating this object", deadline, "allowed"))), arrived);
    }

    private AdmissionReview respond(AdmissionRequest request, AdmissionVerdict verdict, long arrived) {
        String decision = decisionTag(verdict);
        String kind = AdmissionTags.kind(request);
        String operation = AdmissionTags.operation(request);
        if (!Boolean.TRUE.equals(request.getDryRun())) {
            registry.counter("exposureguard.admission.decisions", "decision", decision, "kind", kind, "operation", operation).increment();
        }
        Timer.builder("exposureguard.admission.duration").description("Time from a /validate body's arrival to its answer")
                .tags("kind", kind, "operation", operation, "decision", decision)
                .serviceLevelObjectives(BUCKETS).register(registry).record(Duration.ofNanos(System.nanoTime() - arrived));
        AdmissionResponseBuilder response = new AdmissionResponseBuilder().withUid(request.getUid())
                .withAllowed(verdict.allowed()).withWarnings(verdict.warnings().isEmpty() ? null : verdict.warnings());
        if (!verdict.allowed()) {
            response.withStatus(new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(verdict.message()).build());
        }
        return AdmissionReviews.wrap(response.build());
    }

    /** The {@code decision} tag of the admission metrics: error or late when unjudged, else denied, warned or allowed. */
    static String decisionTag(AdmissionVerdict verdict) {
        return switch (verdict.basis()) {
            case ERROR -> "error";
            case LATE -> "late";
            case JUDGED -> !verdict.allowed() ? "denied" : verdict.warnings().isEmpty() ? "allowed" : "warned";
        };
    }

    /** For logs only (never a metric tag): the kind as the request states it. */
    private static String kind(AdmissionRequest request) {
        return request.getKind() == null || request.getKind().getKind() == null ? "unknown" : request.getKind().getKind();
    }
}
