package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

/**
 * Kibana and OpenSearch Dashboards: {@code GET /api/status}. 2xx with a JSON {@code status} means the UI's API
 * answers without a login; 401/403 means it asks for credentials.
 */
final class KibanaProber implements Prober {

    static final String STATUS = "/api/status";

    private final HttpGet http;
    private final String product;

    KibanaProber(HttpGet http, String product) {
        this.http = http;
        this.product = product;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        HttpProbes.Identified status = HttpProbes.identify(http, target, STATUS, "a " + product, body -> body.path("status").isObject());
        return status.ended() != null ? status.ended() : ProbeResult.open(status.asked() + " without credentials");
    }
}
