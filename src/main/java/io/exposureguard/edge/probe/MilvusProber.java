package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Milvus's RESTful API v2: one {@code POST /v2/vectordb/collections/list} with {@code {}} (the default database). Milvus
 * answers HTTP 200 with a {@code code}: 0 (200 in early 2.3 builds) with the collections' names in {@code data} means
 * collections are listed without credentials (only their number is kept); 1800 ("user hasn't authenticated") means
 * authorization is on; another code is no verdict.
 */
final class MilvusProber implements Prober {

    static final String LIST = "/v2/vectordb/collections/list";
    static final int NOT_AUTHENTICATED = 1800;
    private static final String ASKED = "POST " + LIST;
    private static final String PRODUCT = "a Milvus";

    private final HttpGet http;

    MilvusProber(HttpGet http) {
        this.http = http;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        HttpGet.Answer answer;
        try {
            answer = http.postJson(target, LIST, "{}");
        } catch (Exception e) {
            return ProbeResult.unknown(HttpProbes.reason(http, e));
        }
        HttpProbes.Identified judged = HttpProbes.judge(ASKED, answer, PRODUCT,
                a -> HttpProbes.isObject(a, body -> body.path("code").isInt()));
        if (judged.ended() != null) {
            return judged.ended();
        }
        JsonNode body = HttpProbes.json(answer).orElseThrow();
        int code = body.path("code").asInt();
        if (code == NOT_AUTHENTICATED) {
            return ProbeResult.protectedBy(judged.asked() + " with code 1800 (user hasn't authenticated)");
        }
        if ((code == 0 || code == 200) && body.path("data").isArray()) {
            return ProbeResult.open(judged.asked() + " with code " + code + " and " + body.path("data").size() + " collections without credentials");
        }
        return ProbeResult.unknown(judged.asked() + " with code " + code, code == 0 || code == 200 ? "not " + PRODUCT + " response" : "unexpected code");
    }
}
