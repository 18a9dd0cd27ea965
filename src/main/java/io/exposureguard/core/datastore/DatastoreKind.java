package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The datastores exposure-guard recognises from workloads: the registry of {@link DatastoreModule}s, one line
 * each. The constant's name is the datastore's stable identity; everything else comes from its module. Image
 * names are matched against the last path segment of a container image repository (registry, tag and digest
 * removed), so {@code docker.io/bitnami/redis:7} and {@code redis:7} are both Redis; recognition tries the
 * constants in this order.
 */
public enum DatastoreKind implements DatastoreType {
    ELASTICSEARCH(new ElasticsearchModule()),
    OPENSEARCH(new OpenSearchModule()),
    KIBANA(new DashboardsModule("Kibana", Set.of("kibana", "kibana-oss"), new DashboardsModule.UpstreamSettings(
            List.of("ELASTICSEARCH_HOSTS", "ELASTICSEARCH_URL"), List.of("elasticsearch.hosts", "elasticsearch.url"),
            "http://elasticsearch:9200"))),
    OPENSEARCH_DASHBOARDS(new DashboardsModule("OpenSearch Dashboards", Set.of("opensearch-dashboards"),
            new DashboardsModule.UpstreamSettings(List.of("OPENSEARCH_HOSTS"), List.of("opensearch.hosts"), "https://localhost:9200"))),
    REDIS(new RedisModule()),
    MONGODB(new MongoModule()),
    POSTGRESQL(new PostgresModule()),
    MYSQL(new MysqlModule()),
    CASSANDRA(new CassandraModule()),
    COUCHDB(new CouchDbModule()),
    MEMCACHED(new MemcachedModule()),
    CLICKHOUSE(new ClickHouseModule()),
    ETCD(new EtcdModule()),
    ZOOKEEPER(new ZooKeeperModule()),
    KEYDB(new RedisModule("KeyDB", Set.of("keydb"), "KEYDB_PASSWORD", "KEYDB_PASSWORD_FILE")),
    DRAGONFLY(new RedisModule("Dragonfly", Set.of("dragonfly"), "DFLY_requirepass", "DFLY_REQUIREPASS")),
    RABBITMQ(new RabbitMqModule()),
    MINIO(new MinioModule()),
    NEO4J(new Neo4jModule()),
    INFLUXDB(new InfluxDbModule()),
    SOLR(new SolrModule()),
    RETHINKDB(new RethinkDbModule()),
    HDFS_NAMENODE(new HdfsNameNodeModule()),
    QDRANT(new QdrantModule()),
    WEAVIATE(new WeaviateModule()),
    MILVUS(new MilvusModule()),
    CHROMA(new ChromaModule()),
    KAFKA(new KafkaModule()),
    HAPROXY(new HaproxyModule()),
    NGINX_STREAM(new NginxStreamModule()),
    ENVOY(new EnvoyModule()),
    SOCAT(new SocatModule()),
    MONGO_EXPRESS(new MongoExpressModule()),
    REDIS_COMMANDER(new RedisCommanderModule()),
    REDISINSIGHT(new RedisInsightModule()),
    PHPMYADMIN(new PhpMyAdminModule()),
    ADMINER(new AdminerModule()),
    PGADMIN(new PgAdminModule()),
    KAFKA_UI(new KafkaUiModule()),
    AKHQ(new AkhqModule()),
    CEREBRO(new CerebroModule());

    private final DatastoreModule module;

    DatastoreKind(DatastoreModule module) {
        this.module = module;
    }

    @Override
    public String displayName() {
        return module.displayName();
    }

    @Override
    public boolean ui() {
        return module.ui();
    }

    @Override
    public boolean ownLogin() {
        return module.ownLogin();
    }

    public Set<String> imageNames() {
        return module.imageNames();
    }

    @Override
    public List<Integer> defaultPorts() {
        return module.defaultPorts();
    }

    public Optional<String> recognisesOther(ContainerView container) {
        return module.recognisesOther(container);
    }

    public boolean identifiedByEnv(ContainerView container) {
        return module.identifiedByEnv(container);
    }

    /** The datastore addresses the container forwards to, as this datastore's module reads them. */
    public List<Upstream> upstreams(ContainerView container) {
        return module.upstreams(container);
    }

    /** What keeps the container's forwarding configuration from being read, as this datastore's module says. */
    public List<String> upstreamProblems(ContainerView container) {
        return module.upstreamProblems(container);
    }

    public ProbeProtocol probe() {
        return module.probe();
    }

    /** The container's authentication verdict, as this datastore's module reads it. */
    public AuthVerdict inspect(ContainerView container) {
        return module.inspect(container);
    }
}
