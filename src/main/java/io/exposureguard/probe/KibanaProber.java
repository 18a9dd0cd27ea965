package io.exposureguard.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * Kibana and OpenSearch Dashboards: {@code GET /api/status}. 2xx with a JSON {@code status} means the UI's API
 * answers without a login; 401/403 means it asks for credentials.
 */
final class KibanaProber implements Prober {

    static final String STATUS = "/api/status";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpGet http;
    private final String product;

    KibanaProber(HttpGet http, String product) {
        this.http = http;
        this.product = product;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        HttpGet.Answer status;
        try {
            status = http.get(target, STATUS);
        } catch (Exception e) {
            return ProbeResult.unknown(Failures.reason(e, http.settings().connectTimeout(), http.settings().requestTimeout()));
        }
        String asked = "GET " + STATUS + " returned " + status.status();
        if (status.asksForCredentials()) {
            return ProbeResult.protectedBy(asked + HttpProbes.challenge(status));
        }
        if (status.redirect()) {
            return ProbeResult.unknown(asked, HttpProbes.redirected(status));
        }
        if (!status.success()) {
            return ProbeResult.unknown(asked, "unexpected status " + status.status() + " from GET " + STATUS);
        }
        if (!looksLikeStatus(status)) {
            return ProbeResult.unknown(asked, "not a " + product + " response");
        }
        return ProbeResult.open(asked + " without credentials");
    }

    private static boolean looksLikeStatus(HttpGet.Answer answer) {
        if (answer.truncated()) {
            return false;
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            return body != null && body.isObject() && body.path("status").isObject();
        } catch (IOException e) {
            return false;
        }
    }
}
