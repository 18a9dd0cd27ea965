package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.edge.probe.FakeEndpoints.Answer;
import io.exposureguard.edge.probe.FakeEndpoints.RecordingHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

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

    /** Every path asks for credentials, as Elasticsearch with security on (or a proxy in front of all of it) does. */
    private static Map<String, Answer> everyPath(Answer answer) {
        return Map.of(ElasticsearchProber.HEALTH, answer, ElasticsearchProber.INDICES, answer, ElasticsearchProber.ROOT, answer);
    }

    @Test
    void aChallengeIsNotAnsweredWithCredentials() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(everyPath(
                new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"security\" charset=\"UTF-8\""), "")))) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.PROTECTED);
            assertThat(result.evidence()).isEqualTo("GET /_cluster/health returned 401 (WWW-Authenticate: Basic); "
                    + "GET /_cat/indices returned 401 (WWW-Authenticate: Basic); GET / returned 401 (WWW-Authenticate: Basic)");
            assertThat(server.seen).extracting(FakeEndpoints.Seen::path)
                    .containsExactly(ElasticsearchProber.HEALTH, ElasticsearchProber.INDICES, ElasticsearchProber.ROOT);
            assertThat(server.seen).allSatisfy(request -> assertThat(request.headers().keySet()).map(String::toLowerCase)
                    .doesNotContain("authorization", "proxy-authorization", "cookie"));
        }
    }

    static final String ROOT = "{\"name\":\"node-1\",\"cluster_name\":\"support\",\"version\":{\"number\":\"8.19.0\"},"
            + "\"tagline\":\"You Know, for Search\"}";

    static Stream<Arguments> credentialDemandsOnSomePathsWhileOthersServeData() {
        Answer unauthorized = Answer.json(401, "{}");
        return Stream.of(
                Arguments.of("401 on cluster health only", Map.of(ElasticsearchProber.HEALTH, unauthorized,
                                ElasticsearchProber.INDICES, Answer.json(200, TWO_INDICES), ElasticsearchProber.ROOT, Answer.json(200, ROOT)),
                        "GET /_cat/indices returned 200 with 2 indices (12 documents) without credentials, although "
                                + "GET /_cluster/health returned 401"),
                Arguments.of("403 on cluster health only", Map.of(ElasticsearchProber.HEALTH, Answer.json(403, "{}"),
                                ElasticsearchProber.INDICES, Answer.json(200, TWO_INDICES)),
                        "GET /_cat/indices returned 200 with 2 indices (12 documents) without credentials, although "
                                + "GET /_cluster/health returned 403"),
                Arguments.of("401 on cluster health and indices, the root served", Map.of(ElasticsearchProber.HEALTH, unauthorized,
                                ElasticsearchProber.INDICES, unauthorized, ElasticsearchProber.ROOT, Answer.json(200, ROOT)),
                        "GET / returned 200 without credentials (cluster name and version), although "
                                + "GET /_cluster/health returned 401; GET /_cat/indices returned 401"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialDemandsOnSomePathsWhileOthersServeData")
    void aCredentialDemandOnSomePathsWhileAnotherServesDataIsOpen(String name, Map<String, Answer> answers, String evidence) throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(answers)) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).isEqualTo(evidence).doesNotContain("customers", "cases", "node-1");
        }
    }

    static Stream<Arguments> credentialDemandsThatDisagree() {
        Answer unauthorized = Answer.json(401, "{}");
        return Stream.of(
                Arguments.of("indices not found", Map.of(ElasticsearchProber.HEALTH, unauthorized),
                        "GET /_cluster/health asked for credentials but GET /_cat/indices returned 404: the answers disagree"),
                Arguments.of("indices answered without credentials, not as a list", Map.of(ElasticsearchProber.HEALTH, unauthorized,
                                ElasticsearchProber.INDICES, Answer.json(200, "{}")),
                        "GET /_cluster/health asked for credentials but GET /_cat/indices returned 200 without credentials: the answers disagree"),
                Arguments.of("a web page at the root", Map.of(ElasticsearchProber.HEALTH, unauthorized, ElasticsearchProber.INDICES, unauthorized,
                                ElasticsearchProber.ROOT, new Answer(200, Map.of("Content-Type", "text/html"), "<html>welcome</html>")),
                        "GET /_cluster/health asked for credentials but GET / returned 200 without credentials: the answers disagree"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialDemandsThatDisagree")
    void credentialDemandsThatOtherPathsContradictAreNoVerdict(String name, Map<String, Answer> answers, String reason) throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(answers)) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).isEqualTo(reason);
        }
    }

    @Test
    void aRootThatAnswers405DoesNotStandInTheWayOfAgreement() throws Exception {
        Answer unauthorized = Answer.json(401, "{}");
        try (RecordingHttp server = FakeEndpoints.http(Map.of(ElasticsearchProber.HEALTH, unauthorized, ElasticsearchProber.INDICES, unauthorized,
                ElasticsearchProber.ROOT, Answer.json(405, "{}")))) {
            ProbeResult result = probe(server, DatastoreKind.ELASTICSEARCH);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.PROTECTED);
            assertThat(result.evidence()).isEqualTo("GET /_cluster/health returned 401; GET /_cat/indices returned 401; GET / returned 405");
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
        try (RecordingHttp server = FakeEndpoints.http(everyPath(Answer.json(403, "{}")))) {
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
