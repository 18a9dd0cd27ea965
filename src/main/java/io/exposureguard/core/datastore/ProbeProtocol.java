package io.exposureguard.core.datastore;

/**
 * How the active probe (network code, in the edge ring) checks a datastore without credentials. A module names
 * its protocol; the edge keeps one prober per protocol, so a new datastore that speaks a known protocol (a
 * Redis-compatible server, say) is probed without touching the edge.
 */
public enum ProbeProtocol {
    /** No read-only, credential-free check exists (or none is written yet): nothing is sent. */
    NONE,
    /** Elasticsearch's REST API: cluster health, the index list and the root. */
    ELASTICSEARCH_HTTP,
    /** Kibana / OpenSearch Dashboards: the status API. */
    DASHBOARDS_HTTP,
    /** RESP {@code PING}. */
    REDIS,
    /** MongoDB's hello and {@code listDatabases}. */
    MONGODB,
    /** PostgreSQL's startup message, without a password: does the server ask for one? */
    POSTGRESQL,
    /** MySQL/MariaDB's handshake, answered as root with an empty password. */
    MYSQL,
    /** Memcached's binary-protocol {@code STAT}: statistics, or an authentication error under SASL. */
    MEMCACHED,
    /** CouchDB's {@code GET /_all_dbs}. */
    COUCHDB_HTTP,
    /** ClickHouse's HTTP interface, {@code SELECT 1} as the default user. */
    CLICKHOUSE_HTTP,
    /** InfluxDB 1.x's {@code SHOW DATABASES} over {@code GET /query}. */
    INFLUXDB_HTTP,
    /** Solr's core admin {@code STATUS}. */
    SOLR_HTTP,
    /** Qdrant's {@code GET /collections}. */
    QDRANT_HTTP,
    /** Weaviate's {@code GET /v1/schema}. */
    WEAVIATE_HTTP,
    /** Chroma's collection list of the default tenant and database (API v2). */
    CHROMA_HTTP,
    /** The HDFS NameNode's WebHDFS {@code LISTSTATUS} of {@code /}. */
    WEBHDFS_HTTP,
    /** Cassandra's CQL native protocol v4 {@code STARTUP}: READY, or AUTHENTICATE. */
    CASSANDRA_CQL,
    /** Kafka's ApiVersions and Metadata (and, when Metadata is refused, SaslHandshake without credentials). */
    KAFKA,
    /** Milvus's RESTful API v2: {@code POST /v2/vectordb/collections/list}. */
    MILVUS_HTTP,
    /** etcd's gRPC gateway: {@code POST /v3/kv/range} counting the keys. */
    ETCD_HTTP,
    /** ZooKeeper's client protocol: a session without authentication, then {@code getChildren /}. */
    ZOOKEEPER
}
