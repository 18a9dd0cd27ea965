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
 * The etcd probe against a fake gRPC gateway answering as etcd's gateway does (the KV Range request and response of
 * etcd's rpc.proto in proto3 JSON; errors as {"error", "code", "message"}), not a real etcd.
 */
class EtcdProbeTest {

    private static final String HEADER = "\"header\":{\"cluster_id\":\"14841639068965178418\",\"member_id\":\"10276657743932975437\",\"revision\":\"9\",\"raft_term\":\"2\"}";

    private final Probes probes = new Probes(ProbeSettings.defaults());

    private ProbeResult probe(Answer answer) throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of("/v3/kv/range", answer))) {
            return probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.ETCD, false));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            keys counted                   | ,"count":"42" | POST /v3/kv/range returned 200 with 42 keys without credentials
            no keys (proto3 leaves 0 out)  | ''            | POST /v3/kv/range returned 200 with 0 keys without credentials
            """)
    void aKeyCountWithoutCredentialsIsOpen(String what, String count, String evidence) throws Exception {
        ProbeResult result = probe(Answer.json(200, "{" + HEADER + count + "}"));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
        assertThat(result.evidence()).isEqualTo(evidence);
    }

    @Test
    void theOnlyRequestIsOneRangePostThatCountsKeysWithoutReadingThemOrSendingCredentials() throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of("/v3/kv/range", Answer.json(200, "{" + HEADER + "}")))) {
            probes.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.ETCD, false));

            assertThat(server.seen).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("POST");
                assertThat(request.path()).isEqualTo("/v3/kv/range");
                assertThat(request.body()).isEqualTo("{\"key\":\"AA==\",\"range_end\":\"AA==\",\"count_only\":true}");
                assertThat(request.headers().keySet()).map(String::toLowerCase).doesNotContain("authorization", "cookie");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            auth on, no token (gateway InvalidArgument) | 400 | {"error":"etcdserver: user name is empty","code":3,"message":"etcdserver: user name is empty"} | POST /v3/kv/range returned 400 (etcdserver: user name is empty: authentication is on)
            etcd 3.2's error body                       | 400 | {"error":"etcdserver: user name is empty","code":3}                                              | POST /v3/kv/range returned 400 (etcdserver: user name is empty: authentication is on)
            a token refused (Unauthenticated)           | 401 | {"error":"etcdserver: invalid auth token","code":16,"message":"etcdserver: invalid auth token"} | POST /v3/kv/range returned 401
            """)
    void anAuthenticationErrorIsProtected(String what, int status, String body, String evidence) throws Exception {
        ProbeResult result = probe(Answer.json(status, body));

        assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
        assertThat(result.evidence()).isEqualTo(evidence);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            another 400 error                     | 400 | {"error":"etcdserver: key is not provided","code":3}     | unexpected status 400 from POST /v3/kv/range
            a 400 that is not the gateway's JSON  | 400 | user name is empty                                        | unexpected status 400 from POST /v3/kv/range
            no v3 gateway (etcd before 3.4)       | 404 | {}                                                        | unexpected status 404 from POST /v3/kv/range
            a 200 without a response header       | 200 | {"count":"3"}                                             | not an etcd response
            a count that is not a number          | 200 | {"header":{},"count":"many"}                              | not an etcd response
            a 200 that is not JSON                | 200 | <html>etcd</html>                                         | not an etcd response
            """)
    void anotherAnswerIsNoVerdict(String what, int status, String body, String reason) throws Exception {
        FakeEndpoints.assertNoVerdict(probe(Answer.json(status, body)), reason);
    }

    @Test
    void aKeyCountCutAtTheSizeCapIsNoVerdict() throws Exception {
        Probes small = new Probes(new ProbeSettings(ProbeSettings.DEFAULT_TIMEOUT, ProbeSettings.DEFAULT_TIMEOUT, 1024));
        String padded = "{" + HEADER + ",\"padding\":\"" + "x".repeat(2000) + "\",\"count\":\"1\"}";
        try (RecordingHttp server = FakeEndpoints.http(Map.of("/v3/kv/range", Answer.json(200, padded)))) {
            ProbeResult result = small.probe(new ProbeTarget("127.0.0.1", server.port(), DatastoreKind.ETCD, false));

            FakeEndpoints.assertNoVerdict(result, "not an etcd response");
        }
    }
}
