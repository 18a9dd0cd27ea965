package io.exposureguard.app.admission;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static io.restassured.RestAssured.given;

/** Test helper: sends one AdmissionReview over HTTP to a webhook path of the running app and returns the answer. */
final class AdmissionRequests {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private AdmissionRequests() {
    }

    static JsonPath send(String path, String uid, String operation, String namespace, HasMetadata object, boolean dryRun) {
        return send(path, uid, operation, namespace, null, object, dryRun);
    }

    /** An UPDATE carries the stored version as oldObject. */
    static JsonPath update(String path, String uid, String namespace, HasMetadata old, HasMetadata object) {
        return send(path, uid, "UPDATE", namespace, old, object, false);
    }

    /** A DELETE carries the removed object as oldObject and no object, as the API server sends it. */
    static JsonPath delete(String path, String uid, String namespace, HasMetadata removed) {
        String body = JSON.asJson(new AdmissionReviewBuilder().withApiVersion("admission.k8s.io/v1").withKind("AdmissionReview")
                .withRequest(new AdmissionRequestBuilder().withUid(uid).withOperation("DELETE")
                        .withNamespace(namespace).withName(removed.getMetadata().getName())
                        .withNewKind("", removed.getKind(), "v1").withOldObject(removed).build())
                .build());
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath send(String path, String uid, String operation, String namespace, HasMetadata old, HasMetadata object,
                                 boolean dryRun) {
        String body = JSON.asJson(new AdmissionReviewBuilder().withApiVersion("admission.k8s.io/v1").withKind("AdmissionReview")
                .withRequest(new AdmissionRequestBuilder().withUid(uid).withOperation(operation)
                        .withNamespace(namespace).withName(object.getMetadata().getName())
                        .withNewKind("", object.getKind(), "v1").withObject(object).withOldObject(old).withDryRun(dryRun).build())
                .build());
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(200).extract().jsonPath();
    }
}
