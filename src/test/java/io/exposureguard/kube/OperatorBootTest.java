package io.exposureguard.kube;

import io.exposureguard.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

/** Operator mode boots against a (mock) API server and serves Prometheus metrics, as `make run` does against a cluster. */
@QuarkusTest
@WithKubernetesTestServer
class OperatorBootTest {

    @Test
    void operatorModeServesPrometheusMetrics() {
        Management.request().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }
}
