package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import java.nio.charset.StandardCharsets;

/**
 * ClickHouse's HTTP interface: {@code GET /?query=SELECT%201} without a user (so as the {@code default} user, without
 * a password). GET queries are read-only in ClickHouse. The answer {@code 1} means queries run without credentials;
 * 401/403 means the default user needs a password (or may not connect from here); anything else is no verdict.
 */
final class ClickHouseProber implements Prober {

    static final String QUERY = "/?query=SELECT%201";

    private final HttpGet http;

    ClickHouseProber(HttpGet http) {
        this.http = http;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        HttpProbes.Identified answer = HttpProbes.identifyAnswer(http, target, QUERY, "a ClickHouse",
                a -> !a.truncated() && new String(a.body(), StandardCharsets.US_ASCII).strip().equals("1"));
        return answer.ended() != null ? answer.ended() : ProbeResult.open(answer.asked() + " (1) without credentials");
    }
}
