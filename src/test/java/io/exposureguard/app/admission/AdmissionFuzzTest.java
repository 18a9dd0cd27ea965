package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionVerdict;

import io.exposureguard.core.admission.AdmissionJudge;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.policy.ClusterState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the AdmissionReview handling the webhooks share: any body either is refused as
 * not an AdmissionReview (answered 400, for the full parse and for the late answer's summary alike) or is answered
 * with a verdict; judging never throws, so the webhook's
 * fail-open safety net is never what keeps the cluster running.
 */
class AdmissionFuzzTest {

    private static final AdmissionJudge JUDGE = new AdmissionJudge(new Assessor(ExposureEngine.standard()));

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsRefusedAsBadRequestOrJudged(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        try {
            AdmissionReviews.summary(body); // what a late answer reads: a request's identity, or a clear refusal
        } catch (AdmissionReviews.NotAReview refused) {
            // answered 400
        }
        AdmissionRequest request;
        try {
            request = AdmissionReviews.parse(body);
        } catch (AdmissionReviews.NotAReview refused) {
            return; // answered 400
        }
        HasMetadata object = AdmissionReviews.object(request);
        AdmissionVerdict verdict = JUDGE.judge(request.getOperation(), object, AdmissionReviews.oldObject(request),
                ClusterState.EMPTY, "exposure-guard", Instant.EPOCH);
        assertThat(verdict.allowed() || !verdict.message().isBlank()).isTrue();
    }
}
