package io.exposureguard.app.admission;

import io.exposureguard.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/**
 * Even where the plain-HTTP port is open (webhook TLS off), it serves no admission: a pod that can reach it must not be
 * able to query the judge (a forged review would tell it about other objects), and health and metrics are not there
 * either, only on the management port.
 */
@QuarkusTest
@WithKubernetesTestServer
@TestProfile(PlainHttpAdmissionTest.PlainPortOpen.class)
class PlainHttpAdmissionTest {

    private static final String REVIEW = """
            {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"plain-1","operation":"CREATE",
             "namespace":"eg-plain","kind":{"group":"","version":"v1","kind":"ConfigMap"},
             "object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"eg-plain"}}}}""";

    public static class PlainPortOpen implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.insecure-requests", "enabled");
        }
    }

    @Test
    void theWebhooksAreNotServedOverPlainHttp() {
        for (String path : new String[] {"/validate", "/mutate", "/allow"}) {
            given().contentType(ContentType.JSON).body(REVIEW).post(path).then().statusCode(404)
                    .body(containsString("served over HTTPS only"));
        }
    }

    @Test
    void healthAndMetricsAreOnlyOnTheManagementPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/live").then().statusCode(404);
        Management.request().get("/q/health/live").then().statusCode(200);
    }
}
