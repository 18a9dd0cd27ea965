package io.exposureguard.testing;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Test apps serve admission over HTTPS only (as in production), on a certificate from their own short-lived CA;
 * RestAssured, which Quarkus points at the HTTPS port, accepts it. Trust itself is proven where it matters:
 * {@code WebhookHttpsTest} calls the webhook trusting only the operator's CA, and another CA is refused.
 */
public class TrustTestCertificates implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        RestAssured.useRelaxedHTTPSValidation();
    }
}
