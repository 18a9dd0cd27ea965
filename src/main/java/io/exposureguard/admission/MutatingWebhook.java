package io.exposureguard.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.engine.ExposureEngine;
import io.exposureguard.model.policy.Action;
import io.exposureguard.operator.AuditService;
import io.exposureguard.policy.Assessor;
import io.exposureguard.policy.ClusterState;
import io.exposureguard.policy.Decision;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonDiff;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /mutate}: closes {@code fix} findings on the incoming object with the least change and
 * returns a JSONPatch computed by diffing the mutated copy (zjsonpatch). First the datastore's own
 * authentication is turned back on; if the object is still exposed, its entry is closed. The result is
 * judged again: a fix that does not close the exposure is refused instead of admitted half-fixed.
 * Reinvocation on a fixed object finds nothing to fix, so gives no patch (idempotent).
 */
@Path("/mutate")
public class MutatingWebhook {

    private static final Logger LOG = Logger.getLogger(MutatingWebhook.class);

    private final AuditService audit;
    private final MeterRegistry registry;
    private final AdmissionJudge judge = new AdmissionJudge(new Assessor(ExposureEngine.standard()));
    private final ExposureFixer fixer = new ExposureFixer();
    private final KubernetesSerialization json = new KubernetesSerialization();

    public MutatingWebhook(AuditService audit, MeterRegistry registry) {
        this.audit = audit;
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AdmissionReview mutate(AdmissionReview review) {
        AdmissionRequest request = AdmissionReviews.request(review);
        AdmissionResponseBuilder response = new AdmissionResponseBuilder().withUid(request.getUid()).withAllowed(true);
        try {
            HasMetadata object = AdmissionReviews.object(request);
            if (!"DELETE".equals(request.getOperation()) && object != null) {
                mutate(object, request, response);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not fix request %s; allowing it unchanged (the audit will evaluate it)", request.getUid());
            registry.counter("exposureguard.admission.errors", "webhook", "mutate").increment();
            response.withAllowed(true).withWarnings(List.of("exposure-guard could not evaluate this object for fixes: "
                    + e.getClass().getSimpleName()));
        }
        return AdmissionReviews.wrap(response.build());
    }

    private void mutate(HasMetadata object, AdmissionRequest request, AdmissionResponseBuilder response) {
        ClusterState cluster = audit.clusterState();
        String operatorNs = audit.operatorNamespace();
        Instant now = Instant.now();
        List<Decision> fixes = fixable(judge.concerning(object, cluster, operatorNs, now));
        if (fixes.isEmpty()) {
            return;
        }
        ObjectNode original = json.convertValue(object, ObjectNode.class);
        ObjectNode mutated = original.deepCopy();
        List<String> internal = judge.internalCidrs(cluster);
        List<Decision> remaining = fixes;
        if (fixer.enableAuthentication(mutated)) {
            remaining = fixable(judge.concerning(toObject(mutated), cluster, operatorNs, now));
        }
        if (!remaining.isEmpty() && fixer.closeEntry(mutated, internal)) {
            remaining = fixable(judge.concerning(toObject(mutated), cluster, operatorNs, now));
        }
        if (!remaining.isEmpty()) {
            response.withAllowed(false).withStatus(new StatusBuilder().withCode(403).withReason("Forbidden")
                    .withMessage("exposure-guard has no automatic fix for " + object.getKind() + " "
                            + object.getMetadata().getName() + " and policy says fix: "
                            + remaining.stream().map(d -> AdmissionJudge.detail(d.finding())).collect(Collectors.joining(" | ")))
                    .build());
            return;
        }
        fixer.annotate(mutated, fixes.stream().map(d -> d.finding().rule().id()).distinct().sorted().toList());
        JsonNode patch = JsonDiff.asJson(original, mutated);
        response.withPatchType("JSONPatch")
                .withPatch(Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        if (!Boolean.TRUE.equals(request.getDryRun())) {
            fixes.forEach(d -> registry.counter("exposureguard.admission.mutations", "rule", d.finding().rule().id()).increment());
        }
    }

    private static List<Decision> fixable(List<Decision> decisions) {
        return decisions.stream().filter(d -> d.action() == Action.FIX).toList();
    }

    private HasMetadata toObject(ObjectNode tree) {
        return (HasMetadata) json.convertValue(tree, KubernetesResource.class);
    }
}
