package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * etcd v3 through its gRPC gateway: one {@code POST /v3/kv/range} counting every key ({@code key} and
 * {@code range_end} both {@code "\0"}, {@code count_only}), so neither keys nor values come back. A response header
 * means keys are read without credentials (the count is reported); 400 "etcdserver: user name is empty" (the
 * gateway's InvalidArgument) or 401 (an auth token refused) means authentication is on; anything else is no verdict.
 */
final class EtcdProber implements Prober {

    static final String RANGE = "/v3/kv/range";
    /** Base64 of the key "\0" as key and range end: every key; only their number is returned. */
    static final String COUNT_ALL_KEYS = "{\"key\":\"AA==\",\"range_end\":\"AA==\",\"count_only\":true}";
    private static final String ASKED = "POST " + RANGE;
    private static final String PRODUCT = "an etcd";

    private final HttpGet http;

    EtcdProber(HttpGet http) {
        this.http = http;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        HttpGet.Answer answer;
        try {
            answer = http.postJson(target, RANGE, COUNT_ALL_KEYS);
        } catch (Exception e) {
            return ProbeResult.unknown(HttpProbes.reason(http, e));
        }
        if (answer.status() == 400 && error(answer).contains("user name is empty")) {
            return ProbeResult.protectedBy(ASKED + " returned 400 (etcdserver: user name is empty: authentication is on)");
        }
        HttpProbes.Identified judged = HttpProbes.judge(ASKED, answer, PRODUCT,
                a -> HttpProbes.isObject(a, body -> body.path("header").isObject()));
        if (judged.ended() != null) {
            return judged.ended();
        }
        JsonNode count = HttpProbes.json(answer).map(body -> body.path("count")).orElseThrow();
        // int64 fields are JSON strings in the gateway's answers; a count of 0 is left out.
        if (!count.isMissingNode() && !count.asText().matches("\\d{1,19}")) {
            return ProbeResult.unknown(judged.asked(), "not " + PRODUCT + " response");
        }
        return ProbeResult.open(judged.asked() + " with " + (count.isMissingNode() ? "0" : count.asText()) + " keys without credentials");
    }

    /** The gateway's error message ({@code error} or {@code message}), lower case; empty when the body is not one. */
    private static String error(HttpGet.Answer answer) {
        return HttpProbes.json(answer).filter(JsonNode::isObject)
                .map(body -> body.path("error").asText("") + " " + body.path("message").asText(""))
                .orElse("").toLowerCase(Locale.ROOT);
    }
}
