package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.WatchedKind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.exposure.PathAnalyzer;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The custom-resource kinds the engine reads: one line per datastore kind. The inventory dispatches to them, the
 * fixer asks them for their own settings, and the operator's informers, the chart's RBAC and webhook rules
 * ({@link KindsChart}) and docs/rules.md ({@link KindsDocs}) are made from this list.
 */
public final class ResourceKinds {

    /** Datastore kinds, each one class. */
    public static final List<DatastoreResourceKind> DATASTORES = List.of(
            new EckElasticsearch(),
            new EckKibana(),
            new OpenSearchClusters(),
            new StrimziKafka(),
            new StrimziKafkaNodePools(),
            new OtRedisStandalone(),
            new OtRedisCluster(),
            new OtRedisReplication(),
            new OtRedisSentinel(),
            new CnpgCluster(),
            new CnpgPooler(),
            new MongoDbCommunity(),
            new ZalandoPostgresql(),
            new PgoPostgresCluster(),
            new PerconaServerMongoDb(),
            new MariaDb(),
            new RabbitmqCluster(),
            new PerconaXtraDbCluster(),
            new PerconaPgCluster(),
            new ClickHouseInstallation(),
            new MinioTenant(),
            new CassandraDatacenter(),
            new K8ssandraCluster());

    /**
     * Kinds watched for what they say about the entry in front of a datastore (no datastore of their own): what the
     * entry modules read (Gateway API, routes, Traefik's Middleware, ...), each group and kind once.
     */
    public static final List<WatchedKind> ENTRY_SIDE = distinct(PathAnalyzer.defaultModules().stream()
            .flatMap(m -> m.watched().stream()).toList());

    /** The entry-side kinds where traffic enters (Gateways): admission reads their namespaces too. */
    public static final List<WatchedKind> LISTENERS = distinct(PathAnalyzer.defaultModules().stream()
            .flatMap(m -> m.listeners().stream()).toList());

    private ResourceKinds() {
    }

    private static List<WatchedKind> distinct(List<WatchedKind> kinds) {
        java.util.Map<String, WatchedKind> byName = new java.util.LinkedHashMap<>();
        kinds.forEach(k -> byName.putIfAbsent(k.crdName(), k));
        return List.copyOf(byName.values());
    }

    /** Whether an object of this apiVersion and kind is of an entry-side kind. */
    public static boolean entrySide(String apiVersion, String kind) {
        return ENTRY_SIDE.stream().anyMatch(k -> k.matches(apiVersion, kind));
    }

    /** Whether an object of this apiVersion and kind is where traffic enters (a Gateway). */
    public static boolean listener(String apiVersion, String kind) {
        return LISTENERS.stream().anyMatch(k -> k.matches(apiVersion, kind));
    }

    /** Every custom-resource kind the operator watches: the datastore kinds' groups, then the entry side. */
    public static List<WatchedKind> watched() {
        return Stream.concat(DATASTORES.stream().flatMap(k -> k.watched().stream()), ENTRY_SIDE.stream()).toList();
    }

    /** The datastore kind of an object of this apiVersion and kind. */
    public static Optional<DatastoreResourceKind> datastore(String apiVersion, String kind) {
        return DATASTORES.stream().filter(k -> k.reads(apiVersion, kind)).findFirst();
    }

    /** The datastore kind of an object's JSON tree (its apiVersion and kind fields). */
    public static Optional<DatastoreResourceKind> datastore(ObjectNode object) {
        return datastore(object.path("apiVersion").asText(null), object.path("kind").asText(""));
    }
}
