package io.exposureguard.kube;

import io.exposureguard.testing.ControllableClock;
import io.exposureguard.testing.Management;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static io.exposureguard.kube.ClusterFixtures.apply;
import static io.exposureguard.kube.ClusterFixtures.exposedMemcached;
import static io.exposureguard.kube.ClusterFixtures.exposureEvents;
import static io.exposureguard.kube.ClusterFixtures.reportResults;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator against the mock API server (CRUD mode): an exposure appearing in the cluster produces an
 * event, a PolicyReport result and a metric; fixing it clears all three; exceptions and policies decide
 * as they do in scan. Each test uses its own namespaces (the application is shared between tests).
 */
@QuarkusTest
@WithKubernetesTestServer
class ContinuousAuditTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    KubernetesClient client;

    @Inject
    ControllableClock clock;

    private static String metrics() {
        return Management.request().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static boolean hasExposureMetric(String metrics, String namespace, String rule) {
        return metrics.lines().anyMatch(l -> l.startsWith("exposureguard_exposures{")
                && l.contains("namespace=\"" + namespace + "\"") && l.contains("rule=\"" + rule + "\"") && l.endsWith(" 1.0"));
    }

    @Test
    void anExposureGetsAnEventAReportResultAndAMetricAndFixingItClearsAllThree() {
        String ns = "eg-test-fix";
        apply(client, exposedMemcached(ns, "LoadBalancer"));

        await().atMost(WAIT).untilAsserted(() -> {
            List<Event> events = exposureEvents(client, ns);
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("Service");
                assertThat(e.getInvolvedObject().getName()).isEqualTo("cache");
                assertThat(e.getMessage()).startsWith("EG-EXP-001 critical (deny): ").contains("Path: internet -> ", "Fix: ");
            });
            assertThat(reportResults(client, ns)).anySatisfy(r -> {
                assertThat(r).containsEntry("rule", "EG-EXP-001").containsEntry("result", "fail").containsEntry("severity", "critical");
            });
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isTrue();
        });

        client.services().inNamespace(ns).withName("cache").edit(s -> {
            s.getSpec().setType("ClusterIP");
            return s;
        });

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).extracting(Event::getMessage).noneMatch(m -> m.startsWith("EG-EXP-001"));
            assertThat(reportResults(client, ns)).noneSatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isFalse();
        });
        // Memcached has no authentication at all: still reported, at low severity, inside the cluster.
        assertThat(exposureEvents(client, ns)).singleElement().satisfies(e -> assertThat(e.getMessage()).startsWith("EG-EXP-003 low (alert)"));
    }

    @Test
    void anExceptionSuppressesTheFindingUntilItExpires() {
        String ns = "eg-test-exception";
        apply(client, exposedMemcached(ns, "NodePort"));
        await().atMost(WAIT).until(() -> exposureEvents(client, ns).stream().anyMatch(e -> e.getMessage().startsWith("EG-EXP-001")));

        Instant expiry = clock.instant().plusSeconds(30);
        apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: cache-demo, namespace: exposure-guard}
                spec:
                  rules: [EG-EXP-001]
                  resources: [{namespace: %s, kind: Service, name: cache}]
                  reason: Load test until the window closes
                  expiresAt: "%s"
                  approvedBy: sre@example.com
                """.formatted(ns, expiry));

        await().atMost(Duration.ofSeconds(30)).until(() -> exposureEvents(client, ns).stream().noneMatch(e -> e.getMessage().startsWith("EG-EXP-001")));
        // Half a minute later by the operator's clock (moved, not waited for), the exception has expired.
        clock.advance(Duration.ofSeconds(31));
        await().atMost(Duration.ofSeconds(50)).until(() -> exposureEvents(client, ns).stream().anyMatch(e -> e.getMessage().startsWith("EG-EXP-001")));
        assertThat(clock.instant()).isAfterOrEqualTo(expiry);
        assertThat(Instant.now()).as("expired by the operator's clock, not by waiting half a minute").isBefore(expiry);
    }

    /** The exception's Applied condition (the latest: the mock server appends list items on a merge patch). */
    private io.fabric8.kubernetes.api.model.Condition applied(String namespace, String name) {
        var e = client.resources(io.exposureguard.core.api.v1.ExposureException.class).inNamespace(namespace).withName(name).get();
        assertThat(e.getStatus()).as("status of " + name).isNotNull();
        return e.getStatus().getConditions().stream().filter(c -> c.getType().equals("Applied")).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void anExceptionsStatusSaysItAppliesAndWhatItExemptsThenThatItExpired() {
        String ns = "eg-test-exception-status";
        apply(client, exposedMemcached(ns, "NodePort"));
        Instant expiry = clock.instant().plusSeconds(30);
        apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: cache-status, namespace: exposure-guard}
                spec:
                  rules: [EG-EXP-001]
                  resources: [{namespace: %s, kind: Service, name: cache}]
                  reason: Load test until the window closes
                  expiresAt: "%s"
                  approvedBy: sre@example.com
                """.formatted(ns, expiry));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(applied("exposure-guard", "cache-status")).satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("True");
                assertThat(c.getReason()).isEqualTo("Applied");
            });
            assertThat(client.resources(io.exposureguard.core.api.v1.ExposureException.class).inNamespace("exposure-guard")
                    .withName("cache-status").get().getStatus().getMatched()).isEqualTo(1);
        });

        clock.advance(Duration.ofSeconds(31));

        await().atMost(Duration.ofSeconds(50)).untilAsserted(() -> {
            assertThat(applied("exposure-guard", "cache-status")).satisfies(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("Expired");
                assertThat(c.getMessage()).isEqualTo("expired at " + expiry);
            });
            assertThat(client.resources(io.exposureguard.core.api.v1.ExposureException.class).inNamespace("exposure-guard")
                    .withName("cache-status").get().getStatus().getMatched()).isZero();
        });
    }

    @Test
    void aPolicyThatTurnsARuleOffSilencesItInTheNamespacesItSelects() {
        apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: Namespace, metadata: {name: eg-test-quiet, labels: {eg-test: quiet}}}
                  - apiVersion: exposureguard.io/v1alpha1
                    kind: ExposurePolicy
                    metadata: {name: eg-test-quiet}
                    spec:
                      namespaceSelector: {matchLabels: {eg-test: quiet}}
                      rules: [{id: EG-EXP-001, action: "off"}, {id: EG-EXP-003, action: "off"}]
                """);
        apply(client, exposedMemcached("eg-test-quiet", "LoadBalancer"));
        apply(client, exposedMemcached("eg-test-loud", "LoadBalancer"));

        await().atMost(WAIT).until(() -> !exposureEvents(client, "eg-test-loud").isEmpty());
        assertThat(exposureEvents(client, "eg-test-quiet")).isEmpty();
    }

    @Test
    void eckResourcesAreWatchedOnceTheirCrdExists() {
        ClusterFixtures.installThirdPartyCrds(client);
        apply(client, """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: support-cases, namespace: eg-test-eck}
                spec:
                  version: 8.15.0
                  http: {service: {spec: {type: LoadBalancer}}}
                  nodeSets: [{name: default, count: 3, config: {xpack.security.enabled: false}}]
                """);

        await().atMost(WAIT).untilAsserted(() -> assertThat(exposureEvents(client, "eg-test-eck")).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Elasticsearch");
            assertThat(e.getInvolvedObject().getApiVersion()).isEqualTo("elasticsearch.k8s.elastic.co/v1");
            assertThat(e.getMessage()).contains("spec.http.service.spec.type: ClusterIP on Elasticsearch eg-test-eck/support-cases");
        }));
    }

    @Test
    void anIngressInFrontOfAnOpenDatastoreIsReportedAndRemovingItClearsTheFinding() {
        String ns = "eg-test-ingress";
        apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: profiles, namespace: %1$s}
                    spec:
                      selector: {matchLabels: {app: profiles}}
                      template:
                        metadata: {labels: {app: profiles}}
                        spec: {containers: [{name: mongo, image: "mongo:7.0", ports: [{containerPort: 27017}]}]}
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: profiles, namespace: %1$s}
                    spec: {selector: {app: profiles}, ports: [{port: 27017}]}
                  - apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata: {name: profiles, namespace: %1$s}
                    spec:
                      rules: [{host: profiles.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: profiles, port: {number: 27017}}}}]}}]
                """.formatted(ns));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).anySatisfy(e -> {
                assertThat(e.getInvolvedObject().getKind()).isEqualTo("Ingress");
                assertThat(e.getMessage()).startsWith("EG-EXP-001 critical");
            });
            assertThat(reportResults(client, ns)).anySatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isTrue();
        });

        client.network().v1().ingresses().inNamespace(ns).withName("profiles").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).noneSatisfy(e -> assertThat(e.getMessage()).startsWith("EG-EXP-001"));
            assertThat(reportResults(client, ns)).noneSatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isFalse();
        });
    }

    @Test
    void anEndpointSliceThatSendsASelectorLessLoadBalancerToAnOpenDatastoreIsReportedAndDeletingItClearsTheFinding() {
        String ns = "eg-test-slices";
        apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: db, namespace: %1$s}
                    spec:
                      serviceName: db
                      replicas: 1
                      selector: {matchLabels: {app: db}}
                      template:
                        metadata: {labels: {app: db}}
                        spec: {containers: [{name: mongo, image: "mongo:7.0", ports: [{name: mongodb, containerPort: 27017}]}]}
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: db-external, namespace: %1$s}
                    spec: {type: LoadBalancer, ports: [{name: mongodb, port: 27017}]}
                """.formatted(ns));
        await().atMost(WAIT).untilAsserted(() -> assertThat(exposureEvents(client, ns)).isNotEmpty());
        assertThat(exposureEvents(client, ns)).noneSatisfy(e -> assertThat(e.getMessage()).startsWith("EG-EXP-001"));

        apply(client, """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata: {name: db-external-1, namespace: %1$s, labels: {kubernetes.io/service-name: db-external}}
                addressType: IPv4
                ports: [{name: mongodb, port: 27017}]
                endpoints: [{addresses: [10.0.0.7], targetRef: {kind: Pod, name: db-0, namespace: %1$s}}]
                """.formatted(ns));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).anySatisfy(e -> {
                assertThat(e.getInvolvedObject().getName()).isEqualTo("db-external");
                assertThat(e.getMessage()).startsWith("EG-EXP-001 critical");
            });
            assertThat(reportResults(client, ns)).anySatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isTrue();
        });

        client.discovery().v1().endpointSlices().inNamespace(ns).withName("db-external-1").delete();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).noneSatisfy(e -> assertThat(e.getMessage()).startsWith("EG-EXP-001"));
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isFalse();
        });
    }

    @Test
    void fixingTheElasticsearchResourceClearsTheIncidentFinding() {
        ClusterFixtures.installThirdPartyCrds(client);
        String ns = "eg-test-eck-fix";
        String es = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: logs, namespace: %s}
                spec:
                  version: 8.15.0
                  http: {service: {spec: {type: %s}}}
                  nodeSets: [{name: default, count: 1, config: {xpack.security.enabled: %s}}]
                """;
        apply(client, es.formatted(ns, "LoadBalancer", "false"));
        await().atMost(WAIT).until(() -> hasExposureMetric(metrics(), ns, "EG-EXP-001"));

        apply(client, es.formatted(ns, "LoadBalancer", "true"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isFalse();
            assertThat(exposureEvents(client, ns)).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).startsWith("EG-EXP-004 medium"));
            assertThat(reportResults(client, ns)).extracting(r -> r.get("rule")).containsExactly("EG-EXP-004");
        });
    }

    /**
     * Operator-managed datastores: an exposure opened by the operator's own resource is raised on that resource (event,
     * report result, metric) and cleared by the fix in that resource, never in the Services the operator generates.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("operatorManaged")
    void anOperatorManagedDatastoreIsRaisedOnItsResourceAndClearedByFixingIt(String kind, String ns, String exposed, String fixed) {
        ClusterFixtures.installThirdPartyCrds(client);
        apply(client, exposed);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(client, ns)).anySatisfy(e -> {
                assertThat(e.getInvolvedObject().getKind()).isEqualTo(kind);
                assertThat(e.getMessage()).startsWith("EG-EXP-001 critical");
            });
            assertThat(reportResults(client, ns)).anySatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isTrue();
        });

        apply(client, fixed);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(hasExposureMetric(metrics(), ns, "EG-EXP-001")).isFalse();
            assertThat(exposureEvents(client, ns)).extracting(Event::getMessage).noneMatch(m -> m.startsWith("EG-EXP-001"));
            assertThat(reportResults(client, ns)).noneSatisfy(r -> assertThat(r).containsEntry("rule", "EG-EXP-001"));
        });
    }

    static Stream<Arguments> operatorManaged() {
        String kafka = """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: kafka.strimzi.io/v1
                    kind: KafkaNodePool
                    metadata: {name: brokers, namespace: eg-test-strimzi, labels: {strimzi.io/cluster: events}}
                    spec: {replicas: 2, roles: [broker, controller]}
                  - apiVersion: kafka.strimzi.io/v1
                    kind: Kafka
                    metadata: {name: events, namespace: eg-test-strimzi}
                    spec:
                      kafka:
                        listeners: [{name: ext, port: 9094, type: loadbalancer, tls: true%s}]
                """;
        String redis = """
                apiVersion: redis.redis.opstreelabs.in/v1beta2
                kind: Redis
                metadata: {name: sessions, namespace: eg-test-ot-redis}
                spec:
                  kubernetesConfig:
                    image: quay.io/opstree/redis:v7.0.15
                    service: {serviceType: NodePort}
                %s""";
        String postgres = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: billing, namespace: eg-test-cnpg}
                spec:
                  instances: 1
                  postgresql: {pg_hba: [%s]}
                  managed: {services: {additional: [{selectorType: rw, serviceTemplate: {metadata: {name: billing-lb}, spec: {type: LoadBalancer}}}]}}
                """;
        String zalando = """
                apiVersion: acid.zalan.do/v1
                kind: postgresql
                metadata: {name: acid-orders, namespace: eg-test-zalando}
                spec:
                  teamId: acid
                  numberOfInstances: 1
                  volume: {size: 1Gi}
                  enableMasterNodePort: true
                  patroni: {pg_hba: [%s]}
                """;
        String pgo = """
                apiVersion: postgres-operator.crunchydata.com/v1beta1
                kind: PostgresCluster
                metadata: {name: hippo, namespace: eg-test-pgo}
                spec:
                  postgresVersion: 17
                  instances: [{name: instance1}]
                  service: {type: LoadBalancer}
                  authentication: {rules: [{hba: "%s"}]}
                """;
        String psmdb = """
                apiVersion: psmdb.percona.com/v1
                kind: PerconaServerMongoDB
                metadata: {name: orders, namespace: eg-test-psmdb}
                spec:
                  replsets: [{name: rs0, size: 1, expose: {enabled: true, type: NodePort}, configuration: "security: {authorization: %s}"}]
                """;
        String mariadb = """
                apiVersion: k8s.mariadb.com/v1alpha1
                kind: MariaDB
                metadata: {name: shop, namespace: eg-test-mariadb}
                spec:
                  rootEmptyPassword: true
                  service: {type: %s}
                """;
        String rabbitmq = """
                apiVersion: rabbitmq.com/v1beta1
                kind: RabbitmqCluster
                metadata: {name: orders, namespace: eg-test-rabbitmq}
                spec:
                  service: {type: %s}
                  rabbitmq: {additionalConfig: "default_user = guest\\ndefault_pass = guest"}
                """;
        String perconaPg = """
                apiVersion: pgv2.percona.com/v2
                kind: PerconaPGCluster
                metadata: {name: ledger, namespace: eg-test-percona-pg}
                spec:
                  instances: [{name: instance1, replicas: 1}]
                  expose: {type: NodePort}
                  patroni: {dynamicConfiguration: {postgresql: {pg_hba: ["%s"]}}}
                """;
        String clickhouse = """
                apiVersion: clickhouse.altinity.com/v1
                kind: ClickHouseInstallation
                metadata: {name: events, namespace: eg-test-clickhouse}
                spec:
                  defaults: {templates: {serviceTemplate: np}}
                  configuration: {users: {default/networks/ip: "%s"}}
                  templates: {serviceTemplates: [{name: np, spec: {type: NodePort, ports: [{name: tcp, port: 9000}]}}]}
                """;
        String minio = """
                apiVersion: minio.min.io/v2
                kind: Tenant
                metadata: {name: media, namespace: eg-test-minio}
                spec:
                  env: [{name: MINIO_ROOT_USER, value: minio}, {name: MINIO_ROOT_PASSWORD, value: %s}]
                  exposeServices: {minio: true}
                  pools: [{name: pool-0, servers: 4, volumesPerServer: 1}]
                """;
        String cassandra = """
                apiVersion: cassandra.datastax.com/v1beta1
                kind: CassandraDatacenter
                metadata: {name: dc1, namespace: eg-test-cassandra}
                spec:
                  clusterName: orders
                  serverType: cassandra
                  serverVersion: "4.1.5"
                  size: 1
                  networking: {nodePort: {native: 30042}}
                  config: {cassandra-yaml: {authenticator: %s}}
                """;
        String k8ssandra = """
                apiVersion: k8ssandra.io/v1alpha1
                kind: K8ssandraCluster
                metadata: {name: demo, namespace: eg-test-k8ssandra}
                spec:
                  auth: %s
                  cassandra:
                    serverVersion: "4.0.1"
                    networking: {nodePort: {native: 30042}}
                    datacenters: [{metadata: {name: dc1}, size: 1}]
                """;
        return Stream.of(
                Arguments.of("PerconaPGCluster", "eg-test-percona-pg", perconaPg.formatted("host all all all trust"),
                        perconaPg.formatted("hostssl all all all scram-sha-256")),
                Arguments.of("RabbitmqCluster", "eg-test-rabbitmq", rabbitmq.formatted("LoadBalancer"), rabbitmq.formatted("ClusterIP")),
                Arguments.of("MariaDB", "eg-test-mariadb", mariadb.formatted("NodePort"), mariadb.formatted("ClusterIP")),
                Arguments.of("K8ssandraCluster", "eg-test-k8ssandra", k8ssandra.formatted("false"), k8ssandra.formatted("true")),
                Arguments.of("CassandraDatacenter", "eg-test-cassandra", cassandra.formatted("AllowAllAuthenticator"),
                        cassandra.formatted("PasswordAuthenticator")),
                Arguments.of("Tenant", "eg-test-minio", minio.formatted("minio123"), minio.formatted("Qz81-long-own-secret")),
                Arguments.of("ClickHouseInstallation", "eg-test-clickhouse", clickhouse.formatted("::/0"), clickhouse.formatted("10.0.0.0/8")),
                Arguments.of("PerconaServerMongoDB", "eg-test-psmdb", psmdb.formatted("disabled"), psmdb.formatted("enabled")),
                Arguments.of("PostgresCluster", "eg-test-pgo", pgo.formatted("host all all all trust"), pgo.formatted("hostssl all all all scram-sha-256")),
                Arguments.of("Kafka", "eg-test-strimzi", kafka.formatted(""), kafka.formatted(", authentication: {type: scram-sha-512}")),
                Arguments.of("postgresql", "eg-test-zalando", zalando.formatted("\"hostssl all all all trust\""),
                        zalando.formatted("\"hostssl all all all md5\"")),
                Arguments.of("Redis", "eg-test-ot-redis", redis.formatted(""), redis.formatted("    redisSecret: {name: sessions-redis, key: password}\n")),
                Arguments.of("Cluster", "eg-test-cnpg", postgres.formatted("\"host all all 0.0.0.0/0 trust\""), postgres.formatted("")));
    }

    @Test
    void resyncsDoNotRepeatEvents() {
        String ns = "eg-test-resync";
        apply(client, exposedMemcached(ns, "LoadBalancer"));
        await().atMost(WAIT).until(() -> !exposureEvents(client, ns).isEmpty());
        String version = exposureEvents(client, ns).get(0).getMetadata().getResourceVersion();

        // Several full audits (every 2 s in tests) later, and after an unrelated change, the event is untouched.
        apply(client, exposedMemcached("eg-test-resync-other", "LoadBalancer"));
        await().atMost(WAIT).until(() -> !exposureEvents(client, "eg-test-resync-other").isEmpty());
        // For 5 s (two or more full audits), the event stays the one it was: checked throughout, not after a sleep.
        await().during(Duration.ofSeconds(5)).atMost(WAIT).untilAsserted(() -> assertThat(exposureEvents(client, ns)).singleElement()
                .satisfies(e -> assertThat(e.getMetadata().getResourceVersion()).isEqualTo(version)));
    }
}
