package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * The datastores exposure-guard recognises. {@code imageNames} are matched against the last path segment
 * of a container image repository (registry, tag and digest removed), so {@code docker.io/bitnami/redis:7}
 * and {@code redis:7} are both Redis. {@code ui} marks web front ends whose normal use is to be reached by
 * people through a login page.
 */
public enum DatastoreKind implements DatastoreType {
    ELASTICSEARCH("Elasticsearch", false, Set.of("elasticsearch", "elasticsearch-oss"), List.of(9200, 9300)),
    OPENSEARCH("OpenSearch", false, Set.of("opensearch"), List.of(9200, 9300)),
    KIBANA("Kibana", true, Set.of("kibana", "kibana-oss"), List.of(5601)),
    OPENSEARCH_DASHBOARDS("OpenSearch Dashboards", true, Set.of("opensearch-dashboards"), List.of(5601)),
    REDIS("Redis/Valkey", false,
            Set.of("redis", "redis-stack", "redis-stack-server", "redis-cluster", "valkey", "valkey-cluster"),
            List.of(6379)),
    MONGODB("MongoDB", false, Set.of("mongo", "mongodb", "mongodb-community-server", "mongodb-sharded"),
            List.of(27017)),
    POSTGRESQL("PostgreSQL", false, Set.of("postgres", "postgresql", "postgresql-repmgr", "postgis"), List.of(5432)),
    MYSQL("MySQL/MariaDB", false, Set.of("mysql", "mysql-server", "mariadb", "mariadb-galera", "percona-server"),
            List.of(3306)),
    CASSANDRA("Cassandra", false, Set.of("cassandra"), List.of(9042, 7000)),
    COUCHDB("CouchDB", false, Set.of("couchdb"), List.of(5984)),
    MEMCACHED("Memcached", false, Set.of("memcached"), List.of(11211)),
    CLICKHOUSE("ClickHouse", false, Set.of("clickhouse", "clickhouse-server"), List.of(8123, 9000)),
    ETCD("etcd", false, Set.of("etcd"), List.of(2379)),
    ZOOKEEPER("ZooKeeper", false, Set.of("zookeeper"), List.of(2181)),
    KAFKA("Kafka", false, Set.of("kafka", "cp-kafka", "cp-server", "kafka-native"), List.of(9092));

    private final String displayName;
    private final boolean ui;
    private final Set<String> imageNames;
    private final List<Integer> defaultPorts;

    DatastoreKind(String displayName, boolean ui, Set<String> imageNames, List<Integer> defaultPorts) {
        this.displayName = displayName;
        this.ui = ui;
        this.imageNames = imageNames;
        this.defaultPorts = defaultPorts;
    }

    public String displayName() {
        return displayName;
    }

    public boolean ui() {
        return ui;
    }

    public Set<String> imageNames() {
        return imageNames;
    }

    public List<Integer> defaultPorts() {
        return defaultPorts;
    }
}
