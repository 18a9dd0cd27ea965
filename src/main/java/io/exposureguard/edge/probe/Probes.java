package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;
import io.exposureguard.core.probe.ProbeTarget;

import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.DatastoreType;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probers by datastore kind, and the entry point for probing one target: {@link #probe(ProbeTarget)} picks
 * the protocol from the target's kind, never throws, and stamps how long the probe took. Kinds without a probe
 * (and policy-defined datastores) are UNSUPPORTED without any traffic.
 */
public final class Probes implements Prober {

    private final Map<DatastoreKind, Prober> probers = new EnumMap<>(DatastoreKind.class);

    /** Elasticsearch, OpenSearch, Kibana, OpenSearch Dashboards, Redis/Valkey and MongoDB, with the given limits. */
    public Probes(ProbeSettings settings) {
        HttpGet http = new HttpGet(settings);
        probers.put(DatastoreKind.ELASTICSEARCH, new ElasticsearchProber(http, DatastoreKind.ELASTICSEARCH.displayName()));
        probers.put(DatastoreKind.OPENSEARCH, new ElasticsearchProber(http, DatastoreKind.OPENSEARCH.displayName()));
        probers.put(DatastoreKind.KIBANA, new KibanaProber(http, DatastoreKind.KIBANA.displayName()));
        probers.put(DatastoreKind.OPENSEARCH_DASHBOARDS, new KibanaProber(http, DatastoreKind.OPENSEARCH_DASHBOARDS.displayName()));
        probers.put(DatastoreKind.REDIS, new RedisProber(settings));
        probers.put(DatastoreKind.MONGODB, new MongoProber(settings));
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
