package io.exposureguard.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.specification.RequestSpecification;

import java.net.URI;

import static io.restassured.RestAssured.given;

/** Requests to the running test app's management server, where health (/q/health/*) and metrics (/q/metrics) live. */
public final class Management {

    private Management() {
    }

    /** The management server's base URI, e.g. http://localhost:41234. */
    public static String uri() {
        return TestHTTPResourceManager.getManagementUri();
    }

    public static RequestSpecification request() {
        URI management = URI.create(uri());
        return given().baseUri(management.getScheme() + "://" + management.getHost()).port(management.getPort()).basePath("");
    }

    /** The text of /q/metrics. */
    public static String metrics() {
        return request().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
