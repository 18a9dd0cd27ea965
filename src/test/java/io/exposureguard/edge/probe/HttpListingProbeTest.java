package io.exposureguard.edge.probe;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;
import io.exposureguard.edge.probe.FakeEndpoints.Answer;
import io.exposureguard.edge.probe.FakeEndpoints.RecordingHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP probes of CouchDB, ClickHouse, InfluxDB 1.x, Solr, Qdrant, Weaviate, Chroma and WebHDFS against fake endpoints
 * answering as each product documents (docs/probe.md cites the pages): one GET, never credentials.
 */
class HttpListingProbeTest {

    private final Probes probes = new Probes(ProbeSettings.defaults());

    private ProbeResult probe(RecordingHttp server, DatastoreKind kind) {
        return probes.probe(new ProbeTarget("127.0.0.1", server.port(), kind, false));
    }

    @ParameterizedTest(name = "{0} answering {2}")
    @CsvSource(delimiter = '|', textBlock = """
            COUCHDB    | /_all_dbs                                                                | ["_users","orders","customers"]                                                         | GET /_all_dbs returned 200 with 3 databases without credentials
            CLICKHOUSE | /?query=SELECT%201                                                       | 1                                                                                       | GET /?query=SELECT%201 returned 200 (1) without credentials
            INFLUXDB   | /query?q=SHOW%20DATABASES                                                | {"results":[{"statement_id":0,"series":[{"name":"databases","columns":["name"],"values":[["_internal"],["telemetry"]]}]}]} | GET /query?q=SHOW%20DATABASES returned 200 with 2 databases without credentials
            INFLUXDB   | /query?q=SHOW%20DATABASES                                                | {"results":[{"statement_id":0}]}                                                        | GET /query?q=SHOW%20DATABASES returned 200 with 0 databases without credentials
            SOLR       | /solr/admin/cores?action=STATUS&wt=json                                  | {"responseHeader":{"status":0,"QTime":1},"initFailures":{},"status":{"tickets":{"name":"tickets"}}} | GET /solr/admin/cores?action=STATUS&wt=json returned 200 with 1 cores without credentials
            QDRANT     | /collections                                                             | {"result":{"collections":[{"name":"docs"},{"name":"faces"}]},"status":"ok","time":0.00001} | GET /collections returned 200 with 2 collections without credentials
            WEAVIATE   | /v1/schema                                                               | {"classes":[{"class":"Article","properties":[]}]}                                       | GET /v1/schema returned 200 with 1 classes without credentials
            CHROMA     | /api/v2/tenants/default_tenant/databases/default_database/collections   | [{"id":"1b6c","name":"support-chats"}]                                                  | GET /api/v2/tenants/default_tenant/databases/default_database/collections returned 200 with 1 collections without credentials
            HDFS_NAMENODE | /webhdfs/v1/?op=LISTSTATUS                                           | {"FileStatuses":{"FileStatus":[{"pathSuffix":"tmp","type":"DIRECTORY","owner":"hdfs","permission":"1777"},{"pathSuffix":"user","type":"DIRECTORY","owner":"hdfs","permission":"755"}]}} | GET /webhdfs/v1/?op=LISTSTATUS returned 200 with 2 entries in / without credentials
            HDFS_NAMENODE | /webhdfs/v1/?op=LISTSTATUS                                           | {"FileStatuses":{"FileStatus":[]}}                                                      | GET /webhdfs/v1/?op=LISTSTATUS returned 200 with 0 entries in / without credentials
            """)
    void aListingServedWithoutCredentialsIsOpenWithItsCount(DatastoreKind kind, String path, String body, String evidence) throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(Map.of(path, Answer.json(200, body)))) {
            ProbeResult result = probe(server, kind);

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.OPEN);
            assertThat(result.evidence()).isEqualTo(evidence);
            assertThat(server.seen).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.path()).isEqualTo(path);
                assertThat(request.headers().keySet()).map(String::toLowerCase).doesNotContain("authorization", "cookie");
            });
        }
    }

    /** CouchDB 3 ("You are not a server admin"), InfluxDB with auth-enabled, Solr blockUnknown, Qdrant/Weaviate API keys. */
    @ParameterizedTest
    @EnumSource(names = {"COUCHDB", "CLICKHOUSE", "INFLUXDB", "SOLR", "QDRANT", "WEAVIATE", "CHROMA", "HDFS_NAMENODE"})
    void aCredentialDemandIsProtected(DatastoreKind kind) throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(everyPath(new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"x\""), "{}")))) {
            ProbeResult result = probe(server, kind);

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
            assertThat(result.evidence()).endsWith("returned 401 (WWW-Authenticate: Basic)");
            assertThat(server.seen).hasSize(1);
        }
    }

    /** Kerberos (SPNEGO) on the NameNode's HTTP port; a root directory that unauthenticated users may not list. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SPNEGO       | 401 | Negotiate | GET /webhdfs/v1/?op=LISTSTATUS returned 401 (WWW-Authenticate: Negotiate)
            a denied ACL | 403 | ''        | GET /webhdfs/v1/?op=LISTSTATUS returned 403
            """)
    void webHdfsRefusingAnUnauthenticatedListingIsProtected(String what, int status, String challenge, String evidence) throws Exception {
        Map<String, String> headers = challenge.isEmpty() ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "WWW-Authenticate", challenge);
        String body = "{\"RemoteException\":{\"exception\":\"AccessControlException\",\"message\":\"Permission denied\"}}";
        try (RecordingHttp server = FakeEndpoints.http(Map.of("/webhdfs/v1/", new Answer(status, headers, body)))) {
            ProbeResult result = probe(server, DatastoreKind.HDFS_NAMENODE);

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.PROTECTED);
            assertThat(result.evidence()).isEqualTo(evidence);
        }
    }

    @ParameterizedTest(name = "{0} answering {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            COUCHDB    | 200 | {"couchdb":"Welcome"}      | not a CouchDB response
            COUCHDB    | 200 | <html>login</html>         | not a CouchDB response
            CLICKHOUSE | 200 | Ok.                        | not a ClickHouse response
            CLICKHOUSE | 500 | Code: 516. Authentication failed | unexpected status 500 from GET /?query=SELECT%201
            INFLUXDB   | 200 | {"error":"x"}              | not an InfluxDB response
            SOLR       | 200 | {"status":{}}              | not a Solr response
            QDRANT     | 200 | {"result":[]}              | not a Qdrant response
            WEAVIATE   | 200 | []                         | not a Weaviate response
            CHROMA     | 200 | {"collections":[]}         | not a Chroma response
            QDRANT     | 404 | {}                         | unexpected status 404 from GET /collections
            HDFS_NAMENODE | 200 | {"FileStatus":[]}       | not a HDFS NameNode response
            HDFS_NAMENODE | 404 | {"RemoteException":{"exception":"FileNotFoundException"}} | unexpected status 404 from GET /webhdfs/v1/?op=LISTSTATUS
            """)
    void anotherAnswerIsNoVerdict(DatastoreKind kind, int status, String body, String reason) throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(everyPath(Answer.json(status, body)))) {
            ProbeResult result = probe(server, kind);

            assertThat(result.verdict()).as(result.summary()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).isEqualTo(reason);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"COUCHDB", "CLICKHOUSE", "INFLUXDB", "SOLR", "QDRANT", "WEAVIATE", "CHROMA", "HDFS_NAMENODE"})
    void aRedirectIsNotFollowed(DatastoreKind kind) throws Exception {
        try (RecordingHttp server = FakeEndpoints.http(everyPath(new Answer(302, Map.of("Location", "https://sso.example/login?token=x"), "")))) {
            ProbeResult result = probe(server, kind);

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).isEqualTo("redirected to https://sso.example/login, not followed");
            assertThat(server.seen).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"COUCHDB", "INFLUXDB", "SOLR", "QDRANT", "WEAVIATE", "CHROMA", "HDFS_NAMENODE"})
    void aListingCutAtTheSizeCapIsNoVerdict(DatastoreKind kind) throws Exception {
        Probes small = new Probes(new ProbeSettings(ProbeSettings.DEFAULT_TIMEOUT, ProbeSettings.DEFAULT_TIMEOUT, 1024));
        String big = "[" + "\"db\",".repeat(300) + "\"db\"]";
        try (RecordingHttp server = FakeEndpoints.http(everyPath(Answer.json(200, big)))) {
            ProbeResult result = small.probe(new ProbeTarget("127.0.0.1", server.port(), kind, false));

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
        }
    }

    /** The same answer on every path the listings use (the fake answers by exact path and query). */
    private static Map<String, Answer> everyPath(Answer answer) {
        return Map.of("/_all_dbs", answer, "/", answer, "/query", answer, "/solr/admin/cores", answer, "/collections", answer,
                "/v1/schema", answer, "/api/v2/tenants/default_tenant/databases/default_database/collections", answer,
                "/webhdfs/v1/", answer);
    }
}
