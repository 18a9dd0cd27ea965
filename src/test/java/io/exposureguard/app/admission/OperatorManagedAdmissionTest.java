package io.exposureguard.app.admission;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The validating webhook, over HTTPS, denies a datastore operator's resource that publishes its datastore without
 * authentication, naming the rule, the generated Service on the path and the fix in the resource itself.
 */
@QuarkusTest
@WithKubernetesTestServer
class OperatorManagedAdmissionTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    static Stream<Arguments> criticals() {
        return Stream.of(
                Arguments.of("eg-adm-strimzi", """
                        apiVersion: kafka.strimzi.io/v1
                        kind: Kafka
                        metadata: {name: events, namespace: eg-adm-strimzi}
                        spec:
                          kafka:
                            listeners: [{name: ext, port: 9094, type: nodeport, tls: false}]
                        """, "exposure-guard denied Kafka eg-adm-strimzi/events: [EG-EXP-001 critical]",
                        "Path: internet -> NodePort Service eg-adm-strimzi/events-kafka-ext-bootstrap",
                        "Fix: Turn authentication on: add authentication: {type: scram-sha-512}"),
                Arguments.of("eg-adm-ot-redis", """
                        apiVersion: redis.redis.opstreelabs.in/v1beta2
                        kind: Redis
                        metadata: {name: sessions, namespace: eg-adm-ot-redis}
                        spec:
                          kubernetesConfig: {image: "quay.io/opstree/redis:v7.0.15", service: {serviceType: LoadBalancer}}
                        """, "exposure-guard denied Redis eg-adm-ot-redis/sessions: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-ot-redis/sessions-additional",
                        "Fix: Turn authentication on: set spec.kubernetesConfig.redisSecret"),
                Arguments.of("eg-adm-cnpg", """
                        apiVersion: postgresql.cnpg.io/v1
                        kind: Cluster
                        metadata: {name: billing, namespace: eg-adm-cnpg}
                        spec:
                          instances: 1
                          postgresql: {pg_hba: ["host all all 0.0.0.0/0 trust"]}
                          managed: {services: {additional: [{selectorType: rw, serviceTemplate: {metadata: {name: billing-lb}, spec: {type: LoadBalancer}}}]}}
                        """, "exposure-guard denied Cluster eg-adm-cnpg/billing: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-cnpg/billing-lb",
                        "Fix: Turn authentication on: remove the trust lines from spec.postgresql.pg_hba"),
                Arguments.of("eg-adm-zalando", """
                        apiVersion: acid.zalan.do/v1
                        kind: postgresql
                        metadata: {name: acid-orders, namespace: eg-adm-zalando}
                        spec:
                          teamId: acid
                          numberOfInstances: 1
                          volume: {size: 1Gi}
                          enableMasterLoadBalancer: true
                          allowedSourceRanges: [0.0.0.0/0]
                          patroni: {pg_hba: ["hostssl all all all trust"]}
                        """, "exposure-guard denied postgresql eg-adm-zalando/acid-orders: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-zalando/acid-orders",
                        "Fix: Turn authentication on: remove the trust lines from spec.patroni.pg_hba"),
                Arguments.of("eg-adm-pgo", """
                        apiVersion: postgres-operator.crunchydata.com/v1beta1
                        kind: PostgresCluster
                        metadata: {name: hippo, namespace: eg-adm-pgo}
                        spec:
                          postgresVersion: 17
                          instances: [{name: instance1}]
                          replicaService: {type: NodePort}
                          service: {type: LoadBalancer}
                          patroni: {dynamicConfiguration: {postgresql: {pg_hba: ["hostssl all all 0.0.0.0/0 trust"]}}}
                        """, "exposure-guard denied PostgresCluster eg-adm-pgo/hippo: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-pgo/hippo-ha",
                        "Fix: Turn authentication on: remove the trust lines from spec.authentication.rules[].hba and"
                                + " spec.patroni.dynamicConfiguration.postgresql.pg_hba"),
                Arguments.of("eg-adm-psmdb", """
                        apiVersion: psmdb.percona.com/v1
                        kind: PerconaServerMongoDB
                        metadata: {name: orders, namespace: eg-adm-psmdb}
                        spec:
                          crVersion: 1.22.0
                          replsets: [{name: rs0, size: 1, expose: {enabled: true, type: LoadBalancer}, configuration: "security: {authorization: disabled}"}]
                        """, "exposure-guard denied PerconaServerMongoDB eg-adm-psmdb/orders: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-psmdb/orders-rs0-0",
                        "Fix: Turn authentication on: set security.authorization: enabled in spec.replsets[0].configuration"),
                Arguments.of("eg-adm-mariadb", """
                        apiVersion: k8s.mariadb.com/v1alpha1
                        kind: MariaDB
                        metadata: {name: shop, namespace: eg-adm-mariadb}
                        spec:
                          rootEmptyPassword: true
                          service: {type: LoadBalancer}
                        """, "exposure-guard denied MariaDB eg-adm-mariadb/shop: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-mariadb/shop",
                        "Fix: Turn authentication on: give root@'%' a password"),
                Arguments.of("eg-adm-rabbitmq", """
                        apiVersion: rabbitmq.com/v1beta1
                        kind: RabbitmqCluster
                        metadata: {name: orders, namespace: eg-adm-rabbitmq}
                        spec:
                          service: {type: NodePort}
                          rabbitmq: {additionalConfig: "default_user = guest\\ndefault_pass = guest"}
                        """, "exposure-guard denied RabbitmqCluster eg-adm-rabbitmq/orders: [EG-EXP-001 critical]",
                        "Path: internet -> NodePort Service eg-adm-rabbitmq/orders",
                        "Fix: Turn authentication on: change the guest user's password"),
                Arguments.of("eg-adm-percona-pg", """
                        apiVersion: pgv2.percona.com/v2
                        kind: PerconaPGCluster
                        metadata: {name: ledger, namespace: eg-adm-percona-pg}
                        spec:
                          instances: [{name: instance1, replicas: 1}]
                          expose: {type: LoadBalancer}
                          patroni: {dynamicConfiguration: {postgresql: {pg_hba: ["host all all all trust"]}}}
                        """, "exposure-guard denied PerconaPGCluster eg-adm-percona-pg/ledger: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-percona-pg/ledger-ha",
                        "Fix: Turn authentication on: remove the trust lines from spec.authentication.rules[].hba and"
                                + " spec.patroni.dynamicConfiguration.postgresql.pg_hba"),
                Arguments.of("eg-adm-clickhouse", """
                        apiVersion: clickhouse.altinity.com/v1
                        kind: ClickHouseInstallation
                        metadata: {name: events, namespace: eg-adm-clickhouse}
                        spec:
                          defaults: {templates: {serviceTemplate: lb}}
                          configuration: {users: {default/networks/ip: "::/0"}}
                          templates: {serviceTemplates: [{name: lb, spec: {type: LoadBalancer, ports: [{name: http, port: 8123}]}}]}
                        """, "exposure-guard denied ClickHouseInstallation eg-adm-clickhouse/events: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-clickhouse/clickhouse-events",
                        "Fix: Turn authentication on: remove ::/0 and 0.0.0.0/0 from those users' networks/ip in spec.configuration.users"),
                Arguments.of("eg-adm-minio", """
                        apiVersion: minio.min.io/v2
                        kind: Tenant
                        metadata: {name: media, namespace: eg-adm-minio}
                        spec:
                          env: [{name: MINIO_ROOT_USER, value: minioadmin}, {name: MINIO_ROOT_PASSWORD, value: minioadmin}]
                          exposeServices: {console: true}
                          pools: [{name: pool-0, servers: 4, volumesPerServer: 1}]
                        """, "exposure-guard denied Tenant eg-adm-minio/media: [EG-EXP-001 critical]",
                        "Path: internet -> LoadBalancer Service eg-adm-minio/media-console",
                        "Fix: Turn authentication on: set MINIO_ROOT_PASSWORD in spec.env to a secret value"),
                Arguments.of("eg-adm-cassandra", """
                        apiVersion: cassandra.datastax.com/v1beta1
                        kind: CassandraDatacenter
                        metadata: {name: dc1, namespace: eg-adm-cassandra}
                        spec:
                          clusterName: orders
                          serverType: cassandra
                          serverVersion: "4.1.5"
                          size: 1
                          networking: {nodePort: {native: 30042}}
                        """, "exposure-guard denied CassandraDatacenter eg-adm-cassandra/dc1: [EG-EXP-001 critical]",
                        "Path: internet -> NodePort Service eg-adm-cassandra/orders-dc1-node-port-service",
                        "Fix: Turn authentication on: set spec.config.cassandra-yaml.authenticator: PasswordAuthenticator"),
                Arguments.of("eg-adm-k8ssandra", """
                        apiVersion: k8ssandra.io/v1alpha1
                        kind: K8ssandraCluster
                        metadata: {name: demo, namespace: eg-adm-k8ssandra}
                        spec:
                          auth: false
                          cassandra:
                            serverVersion: "4.0.1"
                            networking: {nodePort: {native: 30042}}
                            datacenters: [{metadata: {name: dc1}, size: 1}]
                        """, "exposure-guard denied K8ssandraCluster eg-adm-k8ssandra/demo: [EG-EXP-001 critical]",
                        "Path: internet -> NodePort Service eg-adm-k8ssandra/demo-dc1-node-port-service",
                        "Fix: Turn authentication on: set spec.auth: true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("criticals")
    void anUnauthenticatedOperatorManagedDatastoreIsDenied(String namespace, String yaml, String denial, String path, String fix) {
        JsonPath response = AdmissionRequests.send("/validate", "3b1a6c1e-0000-4000-8000-000000000001", "CREATE", namespace,
                JSON.<HasMetadata>unmarshal(yaml), false);

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getInt("response.status.code")).isEqualTo(403);
        assertThat(response.getString("response.status.message")).startsWith(denial).contains(path, fix);
    }
}
