package io.exposureguard.probe;

import io.exposureguard.datastore.DatastoreKind;
import io.exposureguard.probe.FakeEndpoints.Answer;
import io.exposureguard.probe.FakeEndpoints.RecordingHttp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP probes (Elasticsearch/OpenSearch, Kibana/Dashboards) against recording test servers. */
class HttpProbeTest {

    private static final String HEALTH = "{\"cluster_name\":\"support\",\"status\":\"green\",\"number_of_nodes\":1}";
    private static final String TWO_INDICES = "[{\"index\":\"customers\",\"docs.count\":\"5\"},{\"index\":\"cases\",\"docs.count\":\"7\"}]";
    private static final Map<String, Answer> OPEN_ELASTICSEARCH = Map.of(
            ElasticsearchProber.HEALTH, Answer.json(200, HEALTH),
            ElasticsearchProber.INDICES, Answer.json(200, TWO_INDICES));

    private final Probes probes = new Probes(ProbeSettings.defaults());

    private ProbeResult probe(RecordingHttp server, DatastoreKind kind) {
        return probes.probe(new ProbeTarget("127.0.0.1", server.port(), kind, false));
    }

    @Test
    void theProbeSendsOnlyGetRequestsWithoutCredentials() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(OPEN_ELASTICSEARCH)) {
            probe(server, DatastoreKind.ELASTICSEARCH);
            probe(server, DatastoreKind.KIBANA);

            assertThat(server.seen).extracting(FakeEndpoints.Seen::path)
                    .containsExactly(ElasticsearchProber.HEALTH, ElasticsearchProber.INDICES, KibanaProber.STATUS);
            assertThat(server.seen).allSatisfy(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.headers().keySet()).map(String::toLowerCase)
                        .doesNotContain("authorization", "proxy-authorization", "cookie", "upgrade");
            });
        }
    }

    @Test
    void aChallengeIsNotAnsweredWithCredentials() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of(ElasticsearchProber.HEALTH,
                new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"security\" charset=\"UTF-8\""), "")))) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.PROTECTED);
            assertThat(result.evidence()).isEqualTo("GET /_cluster/health returned 401 (WWW-Authenticate: Basic)");
            assertThat(server.seen).hasSize(1);
        }
    }

    @Test
    void elasticsearchAnsweringWithoutCredentialsIsOpenWithCounts() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(OPEN_ELASTICSEARCH)) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).endsWith("GET /_cat/indices returned 200 with 2 indices (12 documents)")
                    .doesNotContain("customers", "cases");
        }
    }

    @Test
    void forbiddenIsProtected() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of(ElasticsearchProber.HEALTH, Answer.json(403, "{}")))) {
            assertThat(probe(server, DatastoreKind.OPENSEARCH).verdict()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        }
    }

    @Test
    void aRedirectIsNotFollowedAndItsSecretsAreNotRepeated() throws Exception {
        try (RecordingHttp login = FakeEndpoints.http(OPEN_ELASTICSEARCH);
             RecordingHttp server = FakeEndpoints.http(Map.of(ElasticsearchProber.HEALTH, new Answer(302,
                     Map.of("Location", "http://user:pw@127.0.0.1:" + login.port() + "/login?token=abc123"), "")))) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.evidence()).isEqualTo("GET /_cluster/health returned 302");
            assertThat(result.reason()).isEqualTo("redirected to http://127.0.0.1:" + login.port() + "/login, not followed");
            assertThat(login.seen).isEmpty();
        }
    }

    @Test
    void aWebPageIsNotTakenForElasticsearch() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of(ElasticsearchProber.HEALTH,
                new Answer(200, Map.of("Content-Type", "text/html"), "<html>welcome</html>")))) {
            ProbeResult result = probe(server, DatastoreKind.OPENSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).isEqualTo("not an OpenSearch response");
            assertThat(server.seen).hasSize(1);
        }
    }

    @Test
    void anErrorStatusIsNoVerdict() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of(ElasticsearchProber.HEALTH, Answer.json(503, "{}")))) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).isEqualTo("unexpected status 503 from GET /_cluster/health");
        }
    }

    @Test
    void openHealthWithForbiddenIndicesIsOpenWithoutACount() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of(ElasticsearchProber.HEALTH, Answer.json(200, HEALTH),
                ElasticsearchProber.INDICES, Answer.json(403, "{}")))) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).endsWith("GET /_cat/indices returned 403, indices not counted");
        }
    }

    @Test
    void anIndexListOverTheSizeCapIsCountedAsFarAsRead() throws Exception {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 60_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"index\":\"logs-").append(i).append("\",\"docs.count\":\"1\"}");
        }
        try (RecordingHttp server = FakeEndpoints.http(Map.of(ElasticsearchProber.HEALTH, Answer.json(200, HEALTH),
                ElasticsearchProber.INDICES, Answer.json(200, many.append("]").toString())))) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).containsPattern("with at least \\d+ indices \\(\\d+ documents\\) in the first 1048576 bytes");
        }
    }

    @Test
    void tlsWithAnUntrustedCertificateForAnotherHostIsProbedAnyway() throws Exception {
        try (RecordingHttp server = FakeEndpoints.https(OPEN_ELASTICSEARCH)) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.ELASTICSEARCH, true));

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).endsWith("with 2 indices (12 documents)");
        }
    }

    @Test
    void anEndpointWithoutTlsProbedOverTlsFailsWithAReason() throws Exception {
        byte[] plainAnswer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (FakeEndpoints.RawServer server = FakeEndpoints.replying(plainAnswer)) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.ELASTICSEARCH, true));

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).isEqualTo("TLS failed (the endpoint does not speak TLS)");
        }
    }

    @Test
    void kibanaStatusWithoutLoginIsOpen() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of(KibanaProber.STATUS,
                Answer.json(200, "{\"name\":\"kb\",\"status\":{\"overall\":{\"level\":\"available\"}}}")))) {
            ProbeResult result = probe(server, DatastoreKind.KIBANA);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).isEqualTo("GET /api/status returned 200 without credentials");
        }
    }

    @Test
    void kibanaAskingForALoginIsProtected() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of(KibanaProber.STATUS, Answer.json(401,
                "{\"statusCode\":401,\"error\":\"Unauthorized\"}")))) {
            ProbeResult result = probe(server, DatastoreKind.OPENSEARCH_DASHBOARDS);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.PROTECTED);
            assertThat(result.evidence()).isEqualTo("GET /api/status returned 401");
        }
    }
}
