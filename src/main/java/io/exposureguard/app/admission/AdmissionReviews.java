package io.exposureguard.app.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The AdmissionReview envelope every webhook endpoint reads and writes. */
final class AdmissionReviews {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final JsonFactory STREAMING = new JsonFactory();

    private AdmissionReviews() {
    }

    /** A body that is not an AdmissionReview: answered 400 with {@link #getMessage()}, never a stack trace. */
    static final class NotAReview extends RuntimeException {
        NotAReview(String message) {
            super(message);
        }
    }

    /** The request of a review body, or {@link NotAReview} saying what is wrong with it. */
    static AdmissionRequest parse(byte[] body) {
        AdmissionReview review;
        try {
            review = JSON.unmarshal(new String(body, StandardCharsets.UTF_8), AdmissionReview.class);
        } catch (RuntimeException e) {
            throw new NotAReview("not an AdmissionReview: the body is not valid JSON of that shape");
        }
        return request(review);
    }

    /** The request, or {@link NotAReview} when the review has none. */
    static AdmissionRequest request(AdmissionReview review) {
        AdmissionRequest request = review == null ? null : review.getRequest();
        if (request == null) {
            throw new NotAReview("not an AdmissionReview: the request field is missing");
        }
        return request;
    }

    /**
     * The request's identity (uid, kind, namespace, name, operation, dryRun) without its objects, read by a streaming
     * pass that skips everything else: what a late answer needs when the full parse has not finished in time.
     */
    static AdmissionRequest summary(byte[] body) {
        AdmissionRequest summary = new AdmissionRequest();
        try (JsonParser p = STREAMING.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new NotAReview("not an AdmissionReview: the body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("request".equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
                    readSummary(p, summary);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new NotAReview("not an AdmissionReview: the body is not valid JSON");
        }
        if (summary.getUid() == null) {
            throw new NotAReview("not an AdmissionReview: the request field is missing");
        }
        return summary;
    }

    private static void readSummary(JsonParser p, AdmissionRequest summary) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            String text = value.isScalarValue() ? p.getValueAsString() : null;
            switch (field) {
                case "uid" -> summary.setUid(text);
                case "namespace" -> summary.setNamespace(text);
                case "name" -> summary.setName(text);
                case "operation" -> summary.setOperation(text);
                case "dryRun" -> summary.setDryRun(value == JsonToken.VALUE_TRUE);
                case "kind" -> {
                    if (value == JsonToken.START_OBJECT) {
                        summary.setKind(readKind(p));
                    }
                }
                default -> { }
            }
            p.skipChildren(); // a value not read above (after readKind, the token is its END_OBJECT: nothing to skip)
        }
    }

    private static GroupVersionKind readKind(JsonParser p) throws IOException {
        GroupVersionKind gvk = new GroupVersionKind();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            String text = value.isScalarValue() ? p.getValueAsString() : null;
            p.skipChildren();
            switch (field) {
                case "group" -> gvk.setGroup(text);
                case "version" -> gvk.setVersion(text);
                case "kind" -> gvk.setKind(text);
                default -> { }
            }
        }
        return gvk;
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

    static byte[] json(AdmissionReview review) {
        return JSON.asJson(review).getBytes(StandardCharsets.UTF_8);
    }
}
