package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.catalog.CustomDatastoreType;
import io.exposureguard.core.datastore.DatastoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which kinds have a probe, and what the others get. */
class ProbesTest {

    private final Probes probes = Probes.withDefaults();

    @ParameterizedTest
    @EnumSource(names = {"RABBITMQ", "MINIO", "NEO4J", "RETHINKDB"})
    void kindsWithoutAProbeAreUnsupportedWithoutTraffic(DatastoreKind kind) {
        // Port 9 (discard) on a documentation address: nothing would answer, and nothing is sent.
        ProbeResult result = probes.probe(new ProbeTarget("192.0.2.1", 9, kind, false));

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNSUPPORTED);
        assertThat(result.reason()).isEqualTo("no probe for " + kind.displayName());
        assertThat(probes.supports(kind)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(names = {"ELASTICSEARCH", "OPENSEARCH", "KIBANA", "OPENSEARCH_DASHBOARDS", "REDIS", "KEYDB", "DRAGONFLY", "MONGODB", "POSTGRESQL", "MYSQL", "MEMCACHED",
            "COUCHDB", "CLICKHOUSE", "INFLUXDB", "SOLR", "QDRANT", "WEAVIATE", "CHROMA", "ZOOKEEPER", "HDFS_NAMENODE", "ETCD", "CASSANDRA", "KAFKA", "MILVUS"})
    void theProbedKinds(DatastoreKind kind) {
        assertThat(probes.supports(kind)).isTrue();
    }

    /** KeyDB and Dragonfly name the Redis protocol in their modules, so they get the PING probe without an edge change. */
    @ParameterizedTest(name = "{0} answering {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            KEYDB     | +PONG                          | OPEN
            KEYDB     | -NOAUTH Authentication required. | PROTECTED
            DRAGONFLY | +PONG                          | OPEN
            DRAGONFLY | -NOAUTH Authentication required. | PROTECTED
            """)
    void redisCompatibleServersAreProbedWithPing(DatastoreKind kind, String reply, ProbeResult.Verdict expected) throws Exception {
        try (FakeEndpoints.RawServer server = FakeEndpoints.replying((reply + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            ProbeResult result = probes.probe(new ProbeTarget("127.0.0.1", server.port(), kind, false));

            assertThat(result.verdict()).as(result.summary()).isEqualTo(expected);
        }
    }

    @Test
    void aPolicyDefinedDatastoreIsUnsupported() {
        CustomDatastoreType acme = new CustomDatastoreType("acme-kv", List.of("acme-kv"), List.of(7000), List.of(), List.of(),
                List.of(), List.of(), AuthState.UNKNOWN);

        ProbeResult result = probes.probe(new ProbeTarget("192.0.2.1", 7000, acme, false));

        assertThat(result.verdict()).isEqualTo(ProbeResult.Verdict.UNSUPPORTED);
        assertThat(result.reason()).isEqualTo("no probe for acme-kv");
    }

    @Test
    void aTargetNeedsAHostAndAValidPort() {
        assertThatThrownBy(() -> new ProbeTarget(" ", 9200, DatastoreKind.ELASTICSEARCH, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProbeTarget("es", 0, DatastoreKind.ELASTICSEARCH, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ipv6EndpointsAreBracketed() {
        assertThat(new ProbeTarget("::1", 6379, DatastoreKind.REDIS, false).endpoint()).isEqualTo("[::1]:6379");
    }
}
