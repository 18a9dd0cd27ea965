package io.exposureguard.admission;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.exposureguard.engine.ExposureEngine;
import io.exposureguard.policy.Assessor;
import io.exposureguard.policy.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.ws.rs.BadRequestException;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the AdmissionReview handling the webhooks share: any body either fails to
 * parse (the HTTP layer answers 400) or is answered with a verdict; judging never throws, so the webhook's
 * fail-open safety net is never what keeps the cluster running.
 */
class AdmissionFuzzTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final AdmissionJudge JUDGE = new AdmissionJudge(new Assessor(ExposureEngine.standard()));

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsRefusedAsBadRequestOrJudged(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        AdmissionReview review;
        try {
            review = JSON.unmarshal(body, AdmissionReview.class);
        } catch (RuntimeException parseError) {
            return;
        }
        AdmissionRequest request;
        try {
            request = AdmissionReviews.request(review);
        } catch (BadRequestException missingRequest) {
            return;
        }
        HasMetadata object = AdmissionReviews.object(request);
        AdmissionVerdict verdict = JUDGE.judge(request.getOperation(), object, AdmissionReviews.oldObject(request),
                ClusterState.EMPTY, "exposure-guard", Instant.EPOCH);
        assertThat(verdict.allowed() || !verdict.message().isBlank()).isTrue();
    }
}
