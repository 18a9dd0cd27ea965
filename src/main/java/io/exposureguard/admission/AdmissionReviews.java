package io.exposureguard.admission;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import jakarta.ws.rs.BadRequestException;

/** The AdmissionReview envelope every webhook endpoint reads and writes. */
final class AdmissionReviews {

    private AdmissionReviews() {
    }

    /** The request, or 400 when the body is not an AdmissionReview. */
    static AdmissionRequest request(AdmissionReview review) {
        AdmissionRequest request = review == null ? null : review.getRequest();
        if (request == null) {
            throw new BadRequestException("not an AdmissionReview: the request field is missing");
        }
        return request;
    }

    /** The object under review (null when absent), in the request's namespace when it names none itself. */
    static HasMetadata object(AdmissionRequest request) {
        return inNamespace(request.getObject(), request.getNamespace());
    }

    /** The stored version on UPDATE (null otherwise), in the request's namespace when it names none itself. */
    static HasMetadata oldObject(AdmissionRequest request) {
        return inNamespace(request.getOldObject(), request.getNamespace());
    }

    private static HasMetadata inNamespace(Object candidate, String namespace) {
        if (!(candidate instanceof HasMetadata object)) {
            return null;
        }
        if (object.getMetadata() != null && object.getMetadata().getNamespace() == null) {
            object.getMetadata().setNamespace(namespace);
        }
        return object;
    }

    static AdmissionReview wrap(AdmissionResponse response) {
        return new AdmissionReviewBuilder().withApiVersion("admission.k8s.io/v1").withKind("AdmissionReview")
                .withResponse(response).build();
    }
}
