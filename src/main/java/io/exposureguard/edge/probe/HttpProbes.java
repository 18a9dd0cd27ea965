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
     * product's JSON), or null when the product answered without credentials and the prober may go on; and the
     * {@code answer} itself (null when the request failed).
     */
    record Identified(String asked, ProbeResult ended, HttpGet.Answer answer) {
    }

    /** GETs {@code path} and checks the answer is a whole JSON object {@code shape} accepts ({@code product} names it in "not {product} response"). */
    static Identified identify(HttpGet http, ProbeTarget target, String path, String product, Predicate<JsonNode> shape) {
        return identifyAnswer(http, target, path, product, answer -> isObject(answer, shape));
    }

    /** As {@link #identify}, for answers that are not a JSON object: {@code accepts} judges the whole 2xx answer. */
    static Identified identifyAnswer(HttpGet http, ProbeTarget target, String path, String product, Predicate<HttpGet.Answer> accepts) {
        HttpGet.Answer answer;
        try {
            answer = http.get(target, path);
        } catch (Exception e) {
            return new Identified(null, ProbeResult.unknown(reason(http, e)), null);
        }
        return judge("GET " + path, answer, product, accepts);
    }

    /**
     * What an answer to {@code request} ("GET /x", "POST /y") says: a credential demand, a redirect, another status,
     * an answer {@code accepts} refuses (each ends the probe), or the product answering without credentials.
     */
    static Identified judge(String request, HttpGet.Answer answer, String product, Predicate<HttpGet.Answer> accepts) {
        String asked = request + " returned " + answer.status();
        if (answer.asksForCredentials()) {
            return new Identified(asked, ProbeResult.protectedBy(asked + challenge(answer)), answer);
        }
        if (answer.redirect()) {
            return new Identified(asked, ProbeResult.unknown(asked, redirected(answer)), answer);
        }
        if (!answer.success()) {
            return new Identified(asked, ProbeResult.unknown(asked, "unexpected status " + answer.status() + " from " + request), answer);
        }
        if (!accepts.test(answer)) {
            return new Identified(asked, ProbeResult.unknown(asked, "not " + product + " response"), answer);
        }
        return new Identified(asked, null, answer);
    }

    /** "an InfluxDB", "a CouchDB": the product with its article, for "not {article} response". */
    static String withArticle(String product) {
        return ("AEIOU".indexOf(product.isEmpty() ? 'x' : Character.toUpperCase(product.charAt(0))) >= 0 ? "an " : "a ") + product;
    }

    static String reason(HttpGet http, Exception e) {
        return Failures.reason(e, http.settings().connectTimeout(), http.settings().requestTimeout());
    }

    /** The whole body as JSON; empty when it was cut at the size cap or is not JSON. */
    static java.util.Optional<JsonNode> json(HttpGet.Answer answer) {
        if (answer.truncated()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.ofNullable(JSON.readTree(answer.body()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** A body cut at the size cap is never taken for the product's answer. */
    static boolean isObject(HttpGet.Answer answer, Predicate<JsonNode> shape) {
        return json(answer).filter(body -> body.isObject() && shape.test(body)).isPresent();
    }

    /** " (WWW-Authenticate: Basic)" when the answer named a scheme. */
    static String challenge(HttpGet.Answer answer) {
        return answer.authenticate().map(s -> " (WWW-Authenticate: " + s + ")").orElse("");
    }

    private static String redirected(HttpGet.Answer answer) {
        return "redirected to " + answer.location().orElse("no location") + ", not followed";
    }
}
