package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.function.Predicate;

/** The identifying first request and the wording the HTTP probers share. */
final class HttpProbes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpProbes() {
    }

    /**
     * What the identifying GET of {@code path} said: {@code asked} ("GET /api/status returned 200"), and either
     * {@code ended}, the result that ends the probe (failed, asks for credentials, redirected, not 2xx, not the
     * product's JSON), or null when the product answered without credentials and the prober may go on.
     */
    record Identified(String asked, ProbeResult ended) {
    }

    /** GETs {@code path} and checks the answer is a whole JSON object {@code shape} accepts ({@code product} names it in "not {product} response"). */
    static Identified identify(HttpGet http, ProbeTarget target, String path, String product, Predicate<JsonNode> shape) {
        HttpGet.Answer answer;
        try {
            answer = http.get(target, path);
        } catch (Exception e) {
            return new Identified(null, ProbeResult.unknown(reason(http, e)));
        }
        String asked = "GET " + path + " returned " + answer.status();
        if (answer.asksForCredentials()) {
            return new Identified(asked, ProbeResult.protectedBy(asked + challenge(answer)));
        }
        if (answer.redirect()) {
            return new Identified(asked, ProbeResult.unknown(asked, redirected(answer)));
        }
        if (!answer.success()) {
            return new Identified(asked, ProbeResult.unknown(asked, "unexpected status " + answer.status() + " from GET " + path));
        }
        if (!isObject(answer, shape)) {
            return new Identified(asked, ProbeResult.unknown(asked, "not " + product + " response"));
        }
        return new Identified(asked, null);
    }

    static String reason(HttpGet http, Exception e) {
        return Failures.reason(e, http.settings().connectTimeout(), http.settings().requestTimeout());
    }

    /** A body cut at the size cap is never taken for the product's answer. */
    static boolean isObject(HttpGet.Answer answer, Predicate<JsonNode> shape) {
        if (answer.truncated()) {
            return false;
        }
        try {
            JsonNode body = JSON.readTree(answer.body());
            return body != null && body.isObject() && shape.test(body);
        } catch (IOException e) {
            return false;
        }
    }

    /** " (WWW-Authenticate: Basic)" when the answer named a scheme. */
    static String challenge(HttpGet.Answer answer) {
        return answer.authenticate().map(s -> " (WWW-Authenticate: " + s + ")").orElse("");
    }

    private static String redirected(HttpGet.Answer answer) {
        return "redirected to " + answer.location().orElse("no location") + ", not followed";
    }
}
