package io.exposureguard.core.datastore.catalog;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.datastore.DatastoreType;


import io.exposureguard.core.datastore.auth.AuthInspector;
import io.exposureguard.core.datastore.auth.CassandraAuth;
import io.exposureguard.core.datastore.auth.ClickHouseAuth;
import io.exposureguard.core.datastore.auth.CouchDbAuth;
import io.exposureguard.core.datastore.auth.DashboardsAuth;
import io.exposureguard.core.datastore.auth.ElasticsearchAuth;
import io.exposureguard.core.datastore.auth.EtcdAuth;
import io.exposureguard.core.datastore.auth.KafkaAuth;
import io.exposureguard.core.datastore.auth.MemcachedAuth;
import io.exposureguard.core.datastore.auth.MongoAuth;
import io.exposureguard.core.datastore.auth.MysqlAuth;
import io.exposureguard.core.datastore.auth.OpenSearchAuth;
import io.exposureguard.core.datastore.auth.PostgresAuth;
import io.exposureguard.core.datastore.auth.RedisAuth;
import io.exposureguard.core.datastore.auth.ZooKeeperAuth;

import io.exposureguard.core.model.Severity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises datastore containers and knows how to read each one's authentication settings.
 * A container is a datastore when its image's last path segment is a known name, or when both its
 * container name and its pod's {@code app.kubernetes.io/name} (or {@code app}) label are (images from a
 * renamed mirror). A port number alone is not enough: too many ordinary apps use 9000 or 8123.
 */
public final class DatastoreCatalog {

    private static final String[] NAME_LABELS = {"app.kubernetes.io/name", "app"};

    private final Map<DatastoreKind, AuthInspector> inspectors = new EnumMap<>(DatastoreKind.class);
    private final List<CustomDatastoreType> custom;

    public DatastoreCatalog() {
        this(List.of());
    }

    /** The built-in catalog extended by policy-defined datastores (checked after the built-in kinds). */
    public DatastoreCatalog(List<CustomDatastoreType> custom) {
        this.custom = List.copyOf(custom);
        inspectors.put(DatastoreKind.ELASTICSEARCH, new ElasticsearchAuth());
        inspectors.put(DatastoreKind.OPENSEARCH, new OpenSearchAuth());
        inspectors.put(DatastoreKind.KIBANA, new DashboardsAuth());
        inspectors.put(DatastoreKind.OPENSEARCH_DASHBOARDS, new DashboardsAuth());
        inspectors.put(DatastoreKind.REDIS, new RedisAuth());
        inspectors.put(DatastoreKind.MONGODB, new MongoAuth());
        inspectors.put(DatastoreKind.POSTGRESQL, new PostgresAuth());
        inspectors.put(DatastoreKind.MYSQL, new MysqlAuth());
        inspectors.put(DatastoreKind.CASSANDRA, new CassandraAuth());
        inspectors.put(DatastoreKind.COUCHDB, new CouchDbAuth());
        inspectors.put(DatastoreKind.MEMCACHED, new MemcachedAuth());
        inspectors.put(DatastoreKind.CLICKHOUSE, new ClickHouseAuth());
        inspectors.put(DatastoreKind.ETCD, new EtcdAuth());
        inspectors.put(DatastoreKind.ZOOKEEPER, new ZooKeeperAuth());
        inspectors.put(DatastoreKind.KAFKA, new KafkaAuth());
    }

    /** The datastore kind a container runs, with how it was recognised. */
    public Optional<Recognition> recognize(ContainerView container, Map<String, String> podLabels) {
        for (DatastoreKind kind : DatastoreKind.values()) {
            if (kind.imageNames().contains(container.image().lastSegment())) {
                return Optional.of(new Recognition(kind, container.imageLabel()));
            }
        }
        for (CustomDatastoreType type : custom) {
            Optional<String> pattern = type.matches(container.image());
            if (pattern.isPresent()) {
                return Optional.of(new Recognition(type, container.imageLabel() + " matching " + pattern.get()));
            }
        }
        for (DatastoreKind kind : DatastoreKind.values()) {
            if (!kind.imageNames().contains(container.lowerName())) {
                continue;
            }
            for (String label : NAME_LABELS) {
                String value = podLabels.get(label);
                if (value != null && kind.imageNames().contains(value.toLowerCase(java.util.Locale.ROOT))) {
                    return Optional.of(new Recognition(kind, "container " + container.containerName()
                            + " with pod label " + label + "=" + value));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The container's authentication verdict. When the operator's cache could not keep all of a ConfigMap or
     * Secret the container reads ({@link ContainerView#trimmedConfig()}), "on" becomes "unknown": the part not
     * read may turn authentication off, and a large object must never make a datastore look protected.
     */
    public AuthVerdict inspect(DatastoreType kind, ContainerView container) {
        AuthVerdict verdict = kind instanceof CustomDatastoreType c ? c.inspect(container)
                : inspectors.get((DatastoreKind) kind).inspect(container);
        List<String> trimmed = container.trimmedConfig();
        if (verdict.state() != AuthState.ON || trimmed.isEmpty()) {
            return verdict;
        }
        List<String> facts = new java.util.ArrayList<>(verdict.facts());
        facts.add("container " + container.containerName() + " reads " + String.join(", ", trimmed)
                + ", so what it says about authentication is unknown");
        return new AuthVerdict(AuthState.UNKNOWN, Severity.MEDIUM, facts,
                "keep the datastore's settings in ConfigMaps/Secrets exposure-guard reads in full (per object at most "
                        + "256 keys and 16 KiB of values, each value under 8 KiB once comment lines are left out), "
                        + "or set authentication in env or args");
    }

    public List<CustomDatastoreType> custom() {
        return custom;
    }

    /** A recognised kind and the evidence ("image redis:7.2"). */
    public record Recognition(DatastoreType kind, String evidence) {
    }
}
