package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.DatastoreKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Every probe turns refused, silent and garbage-speaking endpoints into UNKNOWN with a reason, within its timeouts. */
class UnreachableEndpointsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /**
     * Proves "gives up, never hangs", not speed: the MongoDB driver needs a few timeouts (server selection covers
     * connect and handshake) and its classes load cold in whichever test runs first on a busy machine.
     */
    private static final Duration AT_MOST = Duration.ofSeconds(10);

    private final Probes probes = new Probes(ProbeSettings.defaults().withTimeouts(TIMEOUT, TIMEOUT));

    private ProbeResult probe(DatastoreKind kind, int port) {
        long start = System.nanoTime();
        ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", port, kind, false));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to give up on %s", kind).isLessThan(AT_MOST);
        return result;
    }

    @ParameterizedTest
    @EnumSource(names = {"ELASTICSEARCH", "KIBANA", "REDIS", "MONGODB", "POSTGRESQL", "MYSQL", "MEMCACHED", "COUCHDB", "CLICKHOUSE", "ZOOKEEPER", "ETCD", "CASSANDRA", "KAFKA"})
    void aClosedPortIsConnectionRefused(DatastoreKind kind) throws Exception {
        ProbeResult result = probe(kind, FakeEndpoints.closedPort());

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
        assertThat(result.reason()).isEqualTo("connection refused");
    }

    @ParameterizedTest
    @EnumSource(names = {"ELASTICSEARCH", "KIBANA", "REDIS", "MONGODB", "POSTGRESQL", "MYSQL", "MEMCACHED", "COUCHDB", "CLICKHOUSE", "ZOOKEEPER", "ETCD", "CASSANDRA", "KAFKA"})
    void anEndpointThatNeverAnswersTimesOut(DatastoreKind kind) throws Exception {
        try (FakeEndpoints.RawServer silent = FakeEndpoints.silent()) {
            ProbeResult result = probe(kind, silent.port());

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).startsWith("timed out after 300ms");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "ELASTICSEARCH, not an HTTP response",
            "KIBANA,        not an HTTP response",
            "REDIS,         not a Redis reply",
            "KEYDB,         not a Redis reply",
            "DRAGONFLY,     not a Redis reply",
            "MONGODB,       not a MongoDB reply",
            "POSTGRESQL,    not a PostgreSQL reply",
            "MEMCACHED,     not a memcached reply",
            "COUCHDB,       not an HTTP response",
            "CLICKHOUSE,    not an HTTP response",
            "ZOOKEEPER,     not a ZooKeeper reply",
            "ETCD,          not an HTTP response",
            "CASSANDRA,     not a Cassandra reply",
            "KAFKA,         not a Kafka reply"})
    void anEndpointSpeakingGarbageIsNoVerdict(DatastoreKind kind, String reason) throws Exception {
        try (FakeEndpoints.RawServer garbage = FakeEndpoints.replying(FakeEndpoints.garbage())) {
            ProbeResult result = probe(kind, garbage.port());

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).isEqualTo(reason);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"ELASTICSEARCH", "KIBANA", "REDIS", "KEYDB", "DRAGONFLY", "POSTGRESQL", "MEMCACHED", "COUCHDB", "CLICKHOUSE", "ZOOKEEPER", "ETCD", "CASSANDRA", "KAFKA"})
    void anEndpointThatHangsUpIsNoVerdict(DatastoreKind kind) throws Exception {
        try (FakeEndpoints.RawServer hangUp = FakeEndpoints.replying(new byte[0])) {
            ProbeResult result = probe(kind, hangUp.port());

            assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNKNOWN);
            assertThat(result.reason()).startsWith("connection closed");
        }
    }
}
