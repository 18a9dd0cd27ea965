package io.exposureguard.edge.probe;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;
import io.exposureguard.edge.probe.FakeEndpoints.Answer;
import io.exposureguard.edge.probe.FakeEndpoints.RecordingHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Milvus probe against a fake RESTful API v2 answering as Milvus documents it (HTTP 200 with a {@code code}, the
 * collections' names in {@code data}; 1800 without authentication), not a real Milvus.
 */
class MilvusProbeTest {

    private final Probes probes = new Probes(ProbeSettings.defaults());

    private ProbeResult probe(Answer answer) throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of("/v2/vectordb/collections/list", answer))) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.MILVUS, false));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Milvus 2.4 and later         | {"code":0,"data":["faces","docs"]}   | POST /v2/vectordb/collections/list returned 200 with code 0 and 2 collections without credentials
            an early 2.3 build (code 200) | {"code":200,"data":[]}               | POST /v2/vectordb/collections/list returned 200 with code 200 and 0 collections without credentials
            """)
    void collectionsListedWithoutCredentialsAreOpenWithTheirCount(String what, String body, String evidence) throws Exception {
        ProbeResult result = probe(Answer.json(200, body));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo(evidence);
        assertThat(result.summary()).doesNotContain("faces");
    }

    @Test
    void theOnlyRequestIsOneListPostWithAnEmptyBodyAndNoCredentials() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of("/v2/vectordb/collections/list", Answer.json(200, "{\"code\":0,\"data\":[]}")))) {
            probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.MILVUS, false));

            assertThat(server.seen).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.body()).isEqualTo("{}");
                assertThat(request.headers().keySet()).map(String::toLowerCase).doesNotContain("authorization", "cookie");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            authorization on, no token | 200 | {"code":1800,"message":"user hasn't authenticated"} | POST /v2/vectordb/collections/list returned 200 with code 1800 (user hasn't authenticated)
            a proxy asking             | 401 | {}                                                   | POST /v2/vectordb/collections/list returned 401
            """)
    void aCredentialDemandIsProtected(String what, int status, String body, String evidence) throws Exception {
        ProbeResult result = probe(Answer.json(status, body));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo(evidence);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another code                      | 200 | {"code":65535,"message":"database not found"} | unexpected code
            code 0 without a list             | 200 | {"code":0,"data":{}}                          | not a Milvus response
            no code                           | 200 | {"data":[]}                                   | not a Milvus response
            not JSON                          | 200 | 404 page not found                            | not a Milvus response
            no v2 API (Milvus before 2.3)     | 404 | {}                                            | unexpected status 404 from POST /v2/vectordb/collections/list
            """)
    void anotherAnswerIsNoVerdict(String what, int status, String body, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(probe(Answer.json(status, body)), reason);
    }
}
