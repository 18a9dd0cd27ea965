package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionJudge;
import io.exposureguard.core.admission.DenialMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.fix.ObjectFixer;
import io.exposureguard.app.config.OperatorConfig;
import io.exposureguard.core.policy.ClusterReader;
import io.exposureguard.core.policy.Assessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.zjsonpatch.JsonDiff;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /mutate}: read and judged like /validate ({@link AdmissionAnswers}), within the same deadline, closes {@code fix} findings on the incoming object
 * with the least change ({@link ObjectFixer}, shared with remediation) and returns a JSONPatch computed by diffing the mutated
 * copy (zjsonpatch). A fix that does not close the exposure is refused instead of admitted half-fixed.
 * Reinvocation on a fixed object finds nothing to fix, so gives no patch (idempotent).
 */
@Path("/mutate")
public class MutatingWebhook implements AdmissionHandler {

    private static final Logger LOG = Logger.getLogger(MutatingWebhook.class);

    private final ClusterReader cluster;
    private final String operatorNamespace;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ObjectFixer fixer;
    private final AdmissionAnswers answers;

    public MutatingWebhook(ClusterReader cluster, OperatorConfig config, Assessor assessor, Clock clock, MeterRegistry registry,
                           AdmissionAnswers answers) {
        this.cluster = cluster;
        this.operatorNamespace = config.operatorNamespace();
        this.clock = clock;
        this.fixer = new ObjectFixer(new AdmissionJudge(assessor));
        this.registry = registry;
        this.answers = answers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> mutate(byte[] body) {
        return answers.answer(body, this);
    }

    @Override
    public String name() {
        return "mutate";
    }

    @Override
    public AdmissionReview judge(AdmissionRequest request, long arrived) {
        AdmissionResponseBuilder response = new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(true);
        try {
            HasMetadata object = AdmissionReviews.object(request);
            if (!"DELETE".equals(request.getOperation()) && object != null) {
                mutate(object, request, response);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not fix request %s; allowing it unchanged (the audit will evaluate it)", request.getUid());
            registry.counter("exposureguard.admission.errors", "webhook", "mutate").increment();
            response.withAllowed(true).withWarnings(List.of("exposure-guard could not evaluate this object for fixes (an"
                    + " internal error, logged for request " + request.getUid() + "); it was allowed unchanged"));
        }
        return AdmissionReviews.wrap(response.build());
    }

    @Override
    public AdmissionReview late(AdmissionRequest request, Duration deadline, long arrived) {
        LOG.warnf("request %s (%s/%s) not evaluated for fixes within %s; allowing it unchanged (the audit will evaluate it)",
                request.getUid(), request.getNamespace(), request.getName(), deadline);
        registry.counter("exposureguard.admission.errors", "webhook", "mutate").increment();
        return AdmissionReviews.wrap(new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(true)
                .withWarnings(List.of(AdmissionDeadline.lateWarning("evaluating this object for fixes", deadline, "allowed unchanged")))
                .build());
    }

    private void mutate(HasMetadata object, AdmissionRequest request, AdmissionResponseBuilder response) {
        ObjectFixer.Outcome outcome = fixer.fix(object, cluster.around(ValidatingWebhook.namespaceOf(request, object)), operatorNamespace, clock.instant());
        if (outcome.fixes().isEmpty()) {
            return;
        }
        if (!outcome.complete()) {
            response.withAllowed(false).withStatus(new StatusBuilder().withCode(403).withReason("Forbidden")
                    .withMessage(DenialMessage.of("exposure-guard has no automatic fix for " + object.getKind() + " "
                            + object.getMetadata().getName() + " and policy says fix", outcome.remaining(),
                            object.getMetadata().getNamespace(), clock.instant()))
                    .build());
            return;
        }
        ObjectNode fixed = outcome.fixed();
        fixer.annotate(fixed, outcome.fixes());
        JsonNode patch = JsonDiff.asJson(outcome.original(), fixed);
        response.withPatchType("JSONPatch")
                .withPatch(Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        if (!Boolean.TRUE.equals(request.getDryRun())) {
            outcome.fixes().forEach(d -> registry.counter("exposureguard.admission.mutations", "rule", d.finding().rule().id()).increment());
        }
    }
}
