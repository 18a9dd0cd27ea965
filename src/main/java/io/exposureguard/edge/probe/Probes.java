package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.DatastoreType;
import io.exposureguard.core.datastore.ProbeProtocol;

import com.fasterxml.jackson.databind.node.JsonNodeType;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The probers by datastore kind, and the entry point for probing one target: {@link #probe(ProbeTarget)} picks
 * the protocol the kind's module names ({@link DatastoreKind#probe()}), never throws, and stamps how long the
 * probe took. Kinds without a probe (and policy-defined datastores) are UNSUPPORTED without any traffic.
 */
public final class Probes implements Prober {

    private final Map<DatastoreKind, Prober> probers = new EnumMap<>(DatastoreKind.class);

    /** A prober for every kind whose module names a protocol, with the given limits. */
    public Probes(ProbeSettings settings) {
        HttpGet http = new HttpGet(settings);
        for (DatastoreKind kind : DatastoreKind.values()) {
            prober(kind.probe(), kind.displayName(), http, settings).ifPresent(p -> probers.put(kind, p));
        }
    }

    /** The network side of each protocol (HTTP probers name the product in their answers). */
    private static Optional<Prober> prober(ProbeProtocol protocol, String product, HttpGet http, ProbeSettings settings) {
        return switch (protocol) {
            case ELASTICSEARCH_HTTP -> Optional.of(new ElasticsearchProber(http, product));
            case DASHBOARDS_HTTP -> Optional.of(new KibanaProber(http, product));
            case REDIS -> Optional.of(new RedisProber(settings));
            case MONGODB -> Optional.of(new MongoProber(settings));
            case POSTGRESQL -> Optional.of(new PostgresProber(settings));
            case MYSQL -> Optional.of(new MysqlProber(settings));
            case MEMCACHED -> Optional.of(new MemcachedProber(settings));
            case CASSANDRA_CQL -> Optional.of(new CassandraProber(settings));
            case KAFKA -> Optional.of(new KafkaProber(settings));
            case MILVUS_HTTP -> Optional.of(new MilvusProber(http));
            case ETCD_HTTP -> Optional.of(new EtcdProber(http));
            case ZOOKEEPER -> Optional.of(new ZooKeeperProber(settings));
            case CLICKHOUSE_HTTP -> Optional.of(new ClickHouseProber(http));
            case COUCHDB_HTTP, INFLUXDB_HTTP, SOLR_HTTP, QDRANT_HTTP, WEAVIATE_HTTP, CHROMA_HTTP, WEBHDFS_HTTP ->
                    Optional.of(new HttpListingProber(http, product, listing(protocol)));
            case NONE -> Optional.empty();
        };
    }

    /** Where each REST API lists what it holds (documented in docs/probe.md, with the products' references). */
    static HttpListingProber.Listing listing(ProbeProtocol protocol) {
        return switch (protocol) {
            case COUCHDB_HTTP -> HttpListingProber.Listing.of("/_all_dbs", "", "databases");
            case INFLUXDB_HTTP -> new HttpListingProber.Listing("/query?q=SHOW%20DATABASES", "/results", JsonNodeType.ARRAY,
                    "/results/0/series/0/values", "databases");
            case SOLR_HTTP -> new HttpListingProber.Listing("/solr/admin/cores?action=STATUS&wt=json", "/responseHeader", JsonNodeType.OBJECT,
                    "/status", "cores");
            case QDRANT_HTTP -> HttpListingProber.Listing.of("/collections", "/result/collections", "collections");
            case WEAVIATE_HTTP -> HttpListingProber.Listing.of("/v1/schema", "/classes", "classes");
            case CHROMA_HTTP -> HttpListingProber.Listing.of("/api/v2/tenants/default_tenant/databases/default_database/collections", "", "collections");
            case WEBHDFS_HTTP -> HttpListingProber.Listing.of("/webhdfs/v1/?op=LISTSTATUS", "/FileStatuses/FileStatus", "entries in /");
            default -> throw new IllegalArgumentException("no listing for " + protocol);
        };
    }

    public static Probes withDefaults() {
        return new Probes(ProbeSettings.defaults());
    }

    /** True when {@link #probe} would send anything for this kind. */
    public boolean supports(DatastoreType type) {
        return type instanceof DatastoreKind kind && probers.containsKey(kind);
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        Prober prober = target.type() instanceof DatastoreKind kind ? probers.get(kind) : null;
        if (prober == null) {
            return ProbeResult.unsupported("no probe for " + target.type().displayName());
        }
        long start = System.nanoTime();
        ProbeResult result;
        try {
            result = prober.probe(target);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            result = ProbeResult.unknown("probe failed: " + e.getClass().getSimpleName());
        }
        return result.withDuration(Duration.ofNanos(System.nanoTime() - start));
    }
}
