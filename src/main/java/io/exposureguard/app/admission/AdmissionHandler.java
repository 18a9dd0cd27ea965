package io.exposureguard.app.admission;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;

import java.time.Duration;

/** What one webhook does with a parsed request: its judged answer, and its answer when judging is late. */
interface AdmissionHandler {

    /** The webhook's name in metrics and logs: validate, mutate. */
    String name();

    /**
     * The judged answer; never throws for a bad object (it answers "allowed, with a warning" instead).
     * {@code arrived} is the {@link System#nanoTime()} at which the review's body had arrived.
     */
    AdmissionReview judge(AdmissionRequest request, long arrived);

    /** The answer when judging did not finish within {@code deadline}; {@code request} may hold only its identity. */
    AdmissionReview late(AdmissionRequest request, Duration deadline, long arrived);
}
