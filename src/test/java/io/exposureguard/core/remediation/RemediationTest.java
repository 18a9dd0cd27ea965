package io.exposureguard.core.remediation;

import io.exposureguard.kube.remediation.RemediationConfig;

import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.exposureguard.kube.TestOperatorConfig;
import io.exposureguard.core.policy.Decision;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.exposureguard.core.api.v1.Action;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Remediation of exposures already in the cluster (mock API server, CRUD mode): an operator instance with
 * a fix policy patches the object that owns the setting, quarantines what it cannot patch, lifts the
 * quarantine when the exposure is gone, and honours opt-out, dry run and its rate limit.
 */
@EnableKubernetesMockClient(crud = true)
class RemediationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ResourceDefinitionContext ES = new ResourceDefinitionContext.Builder()
            .withGroup("elasticsearch.k8s.elastic.co").withVersion("v1").withKind("Elasticsearch").withPlural("elasticsearches")
            .withNamespaced(true).build();

    KubernetesClient client;
    KubernetesMockServer server;
    private final List<AuditService> operators = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stopOperators() {
        operators.forEach(AuditService::stop);
    }

    private AuditService operator(RemediationConfig remediation) {
        AuditService audit = new AuditService(client, new TestOperatorConfig(false, "exposure-guard", remediation), registry);
        operators.add(audit);
        audit.start();
        return audit;
    }

    private void fixPolicy(String remediation) {
        ClusterFixtures.apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: fix-critical}
                spec:
                  actions: {critical: fix}
                  provider: gcp
                  allowedSourceCidrs: ["10.0.0.0/8"]
                  remediation: %s
                """.formatted(remediation));
    }

    private Service service(String ns, String name) {
        return client.services().inNamespace(ns).withName(name).get();
    }

    private List<Event> events(String ns, String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    /** A finding policy says to fix is still there. */
    private static boolean exposed(AuditService audit, String ns) {
        return audit.lastOutcome() == null || audit.lastOutcome().reported().stream()
                .anyMatch(d -> d.finding().resource().namespace().equals(ns) && d.action() == Action.FIX);
    }

    /** Every request the API server received so far, as "METHOD path". */
    private List<String> requests() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(1, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(1, TimeUnit.MILLISECONDS)) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }

    private double remediations(String action, String result) {
        return registry.find("exposureguard.remediations").tags("action", action, "result", result).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void anEckElasticsearchWithSecurityOffBehindALoadBalancerIsPatchedInTheResourceAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml")).replace("namespace: support", "namespace: rem-eck"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource es = client.genericKubernetesResources(ES).inNamespace("rem-eck").withName("support-cases").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) ((List<?>) ((Map<String, Object>) es
                    .getAdditionalProperties().get("spec")).get("nodeSets")).get(0)).get("config");
            assertThat(config).doesNotContainKey("xpack.security.enabled").containsEntry("node.store.allow_mmap", false);
            assertThat(es.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-eck"));
        assertThat(events("rem-eck", "Remediated")).singleElement().satisfies(e -> assertThat(e.getMessage())
                .startsWith("exposure-guard fixed EG-EXP-001 on Elasticsearch rem-eck/support-cases (policy says fix): ")
                .contains("remove /spec/nodeSets/0/config/xpack.security.enabled"));
        assertThat(client.services().inNamespace("rem-eck").list().getItems()).as("the generated Service is never touched").isEmpty();
        assertThat(remediations("patch", "success")).isEqualTo(1);
    }

    @Test
    void aStrimziListenerWithoutAuthenticationIsAuthenticatedInTheKafkaAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/strimzi-kafka-nodeport-no-auth.yaml")).replace("namespace: orders", "namespace: rem-kafka"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource kafka = client.genericKubernetesResources("kafka.strimzi.io/v1", "Kafka")
                    .inNamespace("rem-kafka").withName("order-events").get();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> listeners = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) kafka
                    .getAdditionalProperties().get("spec")).get("kafka")).get("listeners");
            assertThat(listeners).extracting(l -> l.get("name") + " " + l.get("type") + " " + l.get("authentication"))
                    .containsExactly("tls internal {type=tls}", "external nodeport {type=scram-sha-512}");
            assertThat(kafka.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-kafka"));
        assertThat(events("rem-kafka", "Remediated")).singleElement().satisfies(e -> assertThat(e.getMessage())
                .startsWith("exposure-guard fixed EG-EXP-001 on Kafka rem-kafka/order-events (policy says fix): ")
                .contains("/spec/kafka/listeners/1/authentication"));
        assertThat(client.services().inNamespace("rem-kafka").list().getItems()).as("Strimzi's Services are never touched").isEmpty();
    }

    @Test
    void aCloudNativePgClusterThatTrustsEveryoneLosesItsTrustLineAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/cnpg-trust-managed-lb.yaml")).replace("namespace: finance", "namespace: rem-cnpg"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource cluster = client.genericKubernetesResources("postgresql.cnpg.io/v1", "Cluster")
                    .inNamespace("rem-cnpg").withName("billing").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> postgresql = (Map<String, Object>) ((Map<String, Object>) cluster.getAdditionalProperties().get("spec")).get("postgresql");
            assertThat((List<?>) postgresql.get("pg_hba")).isEmpty();
            assertThat(cluster.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-cnpg"));
        assertThat(client.services().inNamespace("rem-cnpg").list().getItems()).as("CloudNativePG's Services are never touched").isEmpty();
    }

    @Test
    void aZalandoPostgresqlThatTrustsEveryoneLosesItsTrustLineAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/zalando-postgresql-trust-master-lb.yaml")).replace("namespace: acid", "namespace: rem-zalando"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource cluster = client.genericKubernetesResources("acid.zalan.do/v1", "postgresql")
                    .inNamespace("rem-zalando").withName("acid-orders").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> patroni = (Map<String, Object>) ((Map<String, Object>) cluster.getAdditionalProperties().get("spec")).get("patroni");
            assertThat((List<Object>) patroni.get("pg_hba")).containsExactly("local all all trust");
            assertThat(cluster.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-zalando"));
        assertThat(client.services().inNamespace("rem-zalando").list().getItems()).as("the operator's Services are never touched").isEmpty();
    }

    @Test
    void aPgoPostgresClusterThatTrustsEveryoneLosesItsTrustRuleAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/pgo-postgrescluster-trust-ha-lb.yaml")).replace("namespace: pgo", "namespace: rem-pgo"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource cluster = client.genericKubernetesResources("postgres-operator.crunchydata.com/v1beta1", "PostgresCluster")
                    .inNamespace("rem-pgo").withName("hippo-public").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> authentication = (Map<String, Object>) ((Map<String, Object>) cluster.getAdditionalProperties().get("spec")).get("authentication");
            assertThat((List<?>) authentication.get("rules")).isEmpty();
            assertThat(cluster.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-pgo"));
        assertThat(client.services().inNamespace("rem-pgo").list().getItems()).as("PGO's Services are never touched").isEmpty();
    }

    @Test
    void aMariaDbWithAnEmptyRootPasswordHasNoSafePatchSoItsPodsAreQuarantinedAndTheResourceIsLeftAlone() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/mariadb-root-empty-password-exposed.yaml")).replace("namespace: mariadb", "namespace: rem-mariadb"));
        operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> assertThat(client.network().v1().networkPolicies().inNamespace("rem-mariadb").list().getItems())
                .singleElement().satisfies(np -> {
                    assertThat(np.getMetadata().getLabels()).containsEntry("exposureguard.io/quarantine", "true");
                    assertThat(np.getMetadata().getName()).isEqualTo("exposure-guard-quarantine-mariadb-shop-mariadb");
                    assertThat(np.getSpec().getPodSelector().getMatchLabels()).as("the operator's instance label selects exactly its pods")
                            .isEqualTo(Map.of("app.kubernetes.io/instance", "shop-mariadb"));
                }));
        GenericKubernetesResource mariadb = client.genericKubernetesResources("k8s.mariadb.com/v1alpha1", "MariaDB")
                .inNamespace("rem-mariadb").withName("shop-mariadb").get();
        assertThat(((Map<?, ?>) mariadb.getAdditionalProperties().get("spec")).get("rootEmptyPassword")).as("its settings are not patched").isEqualTo(true);
    }

    @Test
    void aPerconaPgClusterThatTrustsEveryoneLosesItsTrustLineAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/percona-pg-trust-exposed.yaml")).replace("namespace: percona-pg", "namespace: rem-percona-pg"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource cluster = client.genericKubernetesResources("pgv2.percona.com/v2", "PerconaPGCluster")
                    .inNamespace("rem-percona-pg").withName("orders-pg").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> postgresql = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                    cluster.getAdditionalProperties().get("spec")).get("patroni")).get("dynamicConfiguration")).get("postgresql");
            assertThat((List<?>) postgresql.get("pg_hba")).isEmpty();
            assertThat(cluster.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-percona-pg"));
        assertThat(client.services().inNamespace("rem-percona-pg").list().getItems()).as("the operator's Services are never touched").isEmpty();
    }

    @Test
    void aClickHouseInstallationWhoseDefaultUserIsOpenIsConfinedAgainAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/clickhouse-default-user-open-lb.yaml")).replace("namespace: clickhouse", "namespace: rem-clickhouse"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource chi = client.genericKubernetesResources("clickhouse.altinity.com/v1", "ClickHouseInstallation")
                    .inNamespace("rem-clickhouse").withName("analytics").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> configuration = (Map<String, Object>) ((Map<String, Object>) chi.getAdditionalProperties().get("spec")).get("configuration");
            assertThat(((Map<?, ?>) configuration.get("users")).containsKey("default/networks/ip")).isFalse();
            assertThat(chi.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-clickhouse"));
        assertThat(client.services().inNamespace("rem-clickhouse").list().getItems()).as("the operator's Services are never touched").isEmpty();
    }

    @Test
    void aK8ssandraClusterWithAuthOffGetsItBackAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/k8ssandra-auth-false-nodeport.yaml")).replace("namespace: k8ssandra-operator", "namespace: rem-k8ssandra"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource kc = client.genericKubernetesResources("k8ssandra.io/v1alpha1", "K8ssandraCluster")
                    .inNamespace("rem-k8ssandra").withName("demo").get();
            assertThat(((Map<?, ?>) kc.getAdditionalProperties().get("spec")).get("auth")).isEqualTo(true);
            assertThat(kc.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-k8ssandra"));
        assertThat(client.services().inNamespace("rem-k8ssandra").list().getItems()).as("the operator's Services are never touched").isEmpty();
    }

    @Test
    void aCassandraDatacenterWithoutAnAuthenticatorGetsPasswordAuthenticatorAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/cassandra-datacenter-allowall-nodeport.yaml")).replace("namespace: cass-operator", "namespace: rem-cassandra"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource dc = client.genericKubernetesResources("cassandra.datastax.com/v1beta1", "CassandraDatacenter")
                    .inNamespace("rem-cassandra").withName("dc1").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) ((Map<String, Object>) dc.getAdditionalProperties().get("spec")).get("config");
            assertThat(((Map<?, ?>) config.get("cassandra-yaml")).get("authenticator")).isEqualTo("PasswordAuthenticator");
            assertThat(dc.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-cassandra"));
        assertThat(client.services().inNamespace("rem-cassandra").list().getItems()).as("the operator's Services are never touched").isEmpty();
    }

    @Test
    void aPerconaMongoDbWithAuthorizationDisabledGetsItBackAndTheFindingClears() throws Exception {
        ClusterFixtures.installThirdPartyCrds(client);
        fixPolicy("{}");
        ClusterFixtures.apply(client, java.nio.file.Files.readString(java.nio.file.Path.of(
                "deploy/examples/bad/psmdb-authorization-disabled-exposed.yaml")).replace("namespace: psmdb", "namespace: rem-psmdb"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> {
            GenericKubernetesResource mongo = client.genericKubernetesResources("psmdb.percona.com/v1", "PerconaServerMongoDB")
                    .inNamespace("rem-psmdb").withName("orders-mongo").get();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> replsets = (List<Map<String, Object>>) ((Map<String, Object>) mongo.getAdditionalProperties().get("spec")).get("replsets");
            assertThat(replsets.get(0).get("configuration")).isEqualTo("security:\n  authorization: enabled\n");
            assertThat(mongo.getMetadata().getAnnotations()).containsEntry("exposureguard.io/remediated", "EG-EXP-001");
        });
        await().atMost(WAIT).until(() -> !exposed(audit, "rem-psmdb"));
        assertThat(client.services().inNamespace("rem-psmdb").list().getItems()).as("the operator's Services are never touched").isEmpty();
    }

    @ParameterizedTest(name = "service: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ClusterIP            | {}                                                                                       | ClusterIP
            SourceRanges         | {service: SourceRanges}                                                                  | LoadBalancer 10.0.0.0/8
            InternalLoadBalancer | {service: InternalLoadBalancer, internalLoadBalancerAnnotations: {networking.gke.io/load-balancer-type: Internal}} | LoadBalancer internal
            """)
    void aPlainServiceIsClosedAsThePolicyPrefers(String name, String remediation, String expected) throws Exception {
        String ns = "rem-svc-" + name.toLowerCase();
        fixPolicy(remediation);
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached(ns, "LoadBalancer"));
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).until(() -> !exposed(audit, ns));

        Service s = service(ns, "cache");
        String actual = s.getSpec().getType()
                + (s.getSpec().getLoadBalancerSourceRanges() == null || s.getSpec().getLoadBalancerSourceRanges().isEmpty() ? ""
                : " " + String.join(",", s.getSpec().getLoadBalancerSourceRanges()))
                + ("Internal".equals(s.getMetadata().getAnnotations().get("networking.gke.io/load-balancer-type")) ? " internal" : "");
        assertThat(actual).isEqualTo(expected);
        assertThat(requests()).as("written with the dedicated field manager")
                .contains("PATCH /api/v1/namespaces/" + ns + "/services/cache?fieldManager=exposure-guard");
    }

    @Test
    void anIngressToAnUnauthenticatedDatastoreGetsThePolicysSourceAllowlist() {
        fixPolicy("{}");
        ClusterFixtures.apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: profiles, namespace: rem-ing}
                    spec:
                      selector: {matchLabels: {app: profiles}}
                      template:
                        metadata: {labels: {app: profiles}}
                        spec: {containers: [{name: mongo, image: "mongo:7.0", ports: [{containerPort: 27017}]}]}
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: profiles, namespace: rem-ing}
                    spec: {selector: {app: profiles}, ports: [{port: 27017}]}
                  - apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata: {name: profiles, namespace: rem-ing}
                    spec:
                      rules: [{host: p.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: profiles, port: {number: 27017}}}}]}}]
                """);
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).until(() -> !exposed(audit, "rem-ing"));

        assertThat(client.network().v1().ingresses().inNamespace("rem-ing").withName("profiles").get().getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/allowlist-source-range", "10.0.0.0/8");
    }

    private static String hostPortRedis(String ns, String hostPort) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: queue, namespace: %s}
                spec:
                  selector: {matchLabels: {app: queue}}
                  template:
                    metadata: {labels: {app: queue}}
                    spec: {containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379%s}]}]}
                """.formatted(ns, hostPort);
    }

    private NetworkPolicy quarantine(String ns) {
        return quarantine(ns, "queue");
    }

    @Test
    void withoutASafePatchTheDatastoreIsQuarantinedUntilTheExposureIsFixedByHand() {
        fixPolicy("{}");
        ClusterFixtures.apply(client, hostPortRedis("rem-q", ", hostPort: 6379"));
        operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).until(() -> quarantine("rem-q") != null);
        NetworkPolicy np = quarantine("rem-q");
        assertThat(np.getMetadata().getLabels()).containsEntry("exposureguard.io/quarantine", "true");
        assertThat(np.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "queue"));
        assertThat(np.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom())
                .extracting(p -> p.getIpBlock() == null ? "pods in the cluster" : p.getIpBlock().getCidr())
                .containsExactly("pods in the cluster", "10.0.0.0/8"));
        // the event is written right after the NetworkPolicy: wait for it rather than race the audit thread
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("rem-q", "Quarantined")).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ClusterFixtures.reportResults(client, "rem-q"))
                .as("the PolicyReport lists the quarantine").anySatisfy(r -> assertThat(String.valueOf(r.get("properties")))
                        .contains("quarantined by NetworkPolicy rem-q/exposure-guard-quarantine-deployment-queue")));

        ClusterFixtures.apply(client, hostPortRedis("rem-q", ""));

        await().atMost(WAIT).until(() -> quarantine("rem-q") == null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("rem-q", "QuarantineLifted")).hasSize(1));
    }

    @Test
    void anObjectThatOptsOutIsLeftAloneAndReportedAsAFindingOfItsOwn() {
        fixPolicy("{}");
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("rem-opt", "LoadBalancer"));
        client.services().inNamespace("rem-opt").withName("cache").edit(s -> {
            s.getMetadata().setAnnotations(Map.of("exposureguard.io/remediation", "disabled"));
            return s;
        });
        AuditService audit = operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).untilAsserted(() -> assertThat(audit.lastOutcome()).isNotNull());
        await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("exposureguard.exposures").tags("rule", "EG-REM-001").gauge())
                .isNotNull());

        assertThat(service("rem-opt", "cache").getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(client.v1().events().inNamespace("rem-opt").list().getItems())
                .anySatisfy(e -> assertThat(e.getMessage()).startsWith("EG-REM-001 medium (alert): Service rem-opt/cache is exposed (EG-EXP-001)"));
        assertThat(remediations("patch", "success")).isZero();
    }

    @Test
    void anOptOutAddedToAQuarantinedObjectStopsRemediationButDoesNotLiftTheQuarantine() {
        fixPolicy("{preferQuarantine: true}");
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("rem-optq", "LoadBalancer"));
        operator(TestRemediationConfig.defaults());
        await().atMost(WAIT).until(() -> quarantine("rem-optq", "cache") != null);

        client.services().inNamespace("rem-optq").withName("cache").edit(s -> {
            s.getMetadata().setAnnotations(Map.of("exposureguard.io/remediation", "disabled"));
            return s;
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("exposureguard.exposures").tags("rule", "EG-REM-001").gauge())
                .as("the audit saw the opt-out").isNotNull());
        assertThat(quarantine("rem-optq", "cache")).as("the quarantine stays").isNotNull();
        assertThat(events("rem-optq", "QuarantineLifted")).isEmpty();
        assertThat(remediations("lift", "success")).isZero();
    }

    /** A copy of {@code real} under another name and namespace: the right label and annotations, a signature that is not its own. */
    private NetworkPolicy lookAlike(NetworkPolicy real, String ns, String name) {
        return new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).withLabels(real.getMetadata().getLabels())
                .withAnnotations(real.getMetadata().getAnnotations()).endMetadata()
                .withSpec(real.getSpec()).build();
    }

    @Test
    void lookAlikeQuarantinesAreLeftAloneAndOursIsLiftedOnlyWhereAPolicySaysFix() {
        ClusterFixtures.apply(client, """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: Namespace, metadata: {name: rem-own, labels: {remediate: "yes"}}}
                  - {apiVersion: v1, kind: Namespace, metadata: {name: rem-nofix}}
                  - {apiVersion: v1, kind: Namespace, metadata: {name: kube-system, labels: {remediate: "yes"}}}
                  - apiVersion: exposureguard.io/v1alpha1
                    kind: ExposurePolicy
                    metadata: {name: fix-critical}
                    spec: {namespaceSelector: {matchLabels: {remediate: "yes"}}, actions: {critical: fix}, allowedSourceCidrs: ["10.0.0.0/8"]}
                """);
        ClusterFixtures.apply(client, hostPortRedis("rem-own", ", hostPort: 6379"));
        operator(TestRemediationConfig.defaults());
        await().atMost(WAIT).until(() -> quarantine("rem-own") != null);
        NetworkPolicy real = quarantine("rem-own");
        List<NetworkPolicy> forged = List.of(lookAlike(real, "rem-own", "exposure-guard-quarantine-deployment-web"),
                lookAlike(real, "rem-nofix", real.getMetadata().getName()), lookAlike(real, "kube-system", real.getMetadata().getName()));
        forged.forEach(np -> client.network().v1().networkPolicies().inNamespace(np.getMetadata().getNamespace()).resource(np).create());

        ClusterFixtures.apply(client, hostPortRedis("rem-own", ""));

        await().atMost(WAIT).until(() -> quarantine("rem-own") == null);
        assertThat(forged).allSatisfy(np -> assertThat(client.network().v1().networkPolicies().inNamespace(np.getMetadata().getNamespace())
                .withName(np.getMetadata().getName()).get()).as("%s/%s", np.getMetadata().getNamespace(), np.getMetadata().getName()).isNotNull());
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("rem-own", "QuarantineLifted")).singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("exposure-guard removed quarantine NetworkPolicy rem-own/exposure-guard-quarantine-deployment-queue")));
    }

    private static String labelledRedis(String ns, String labels) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: queue, namespace: %1$s}
                spec:
                  selector: {matchLabels: %2$s}
                  template:
                    metadata: {labels: %2$s}
                    spec: {containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379, hostPort: 6379}]}]}
                """.formatted(ns, labels);
    }

    private static String webPod(String ns, String labels) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: %s, labels: %s}
                spec: {containers: [{name: nginx, image: "nginx:1.27", ports: [{containerPort: 80, hostPort: 80}]}]}
                """.formatted(ns, labels);
    }

    @Test
    void theQuarantineSelectsOnlyTheDatastoresPodsNotAPublicWebPodSharingPartOf() {
        fixPolicy("{}");
        ClusterFixtures.apply(client, labelledRedis("rem-sel", "{app.kubernetes.io/part-of: shop, app.kubernetes.io/name: queue}"));
        ClusterFixtures.apply(client, webPod("rem-sel", "{app.kubernetes.io/part-of: shop, app.kubernetes.io/name: web}"));
        operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).until(() -> quarantine("rem-sel") != null);

        assertThat(quarantine("rem-sel").getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app.kubernetes.io/name", "queue"));
    }

    @Test
    void whenNoSelectorCanLeaveTheWebPodOutNothingIsQuarantinedAndTheEventSaysWhy() {
        fixPolicy("{}");
        ClusterFixtures.apply(client, labelledRedis("rem-sel-none", "{app.kubernetes.io/part-of: shop}"));
        ClusterFixtures.apply(client, webPod("rem-sel-none", "{app.kubernetes.io/part-of: shop, app: web}"));
        operator(TestRemediationConfig.defaults());

        await().atMost(WAIT).until(() -> !events("rem-sel-none", "RemediationNotPossible").isEmpty());

        assertThat(events("rem-sel-none", "RemediationNotPossible")).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("Deployment rem-sel-none/queue automatically: no pod selector selects only the datastore's pods",
                        "(app.kubernetes.io/part-of=shop) are also on the pods of Pod rem-sel-none/web"));
        assertThat(client.network().v1().networkPolicies().inNamespace("rem-sel-none").list().getItems()).isEmpty();
    }

    @Test
    void dryRunOnlyAnnouncesThePlan() throws Exception {
        fixPolicy("{}");
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("rem-dry", "LoadBalancer"));
        operator(TestRemediationConfig.defaults().dryRun(true));

        await().atMost(WAIT).until(() -> !events("rem-dry", "RemediationPlanned").isEmpty());

        // Throughout the next second (more audits), still one announcement and no write.
        await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> {
            assertThat(events("rem-dry", "RemediationPlanned")).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .isEqualTo("exposure-guard (dry run) would patch Service rem-dry/cache: replace /spec/type = ClusterIP"));
            assertThat(service("rem-dry", "cache").getSpec().getType()).isEqualTo("LoadBalancer");
        });
        assertThat(remediations("patch", "dry_run")).isPositive();
        assertThat(remediations("patch", "success")).isZero();
    }

    @Test
    void theRateLimitCapsWritesPerMinute() throws Exception {
        fixPolicy("{}");
        for (int i = 0; i < 3; i++) {
            ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("rem-rate-" + i, "LoadBalancer"));
        }
        operator(TestRemediationConfig.defaults().limit(1));

        await().atMost(WAIT).until(() -> remediations("patch", "rate_limited") >= 2);

        // Throughout the next second, still only one of the three patched.
        await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(java.util.stream.IntStream.range(0, 3)
                .filter(i -> "ClusterIP".equals(service("rem-rate-" + i, "cache").getSpec().getType())).count()).isEqualTo(1));
        assertThat(remediations("patch", "success")).isEqualTo(1);
    }

    @Test
    void aControllerThatRevertsThePatchLeadsToQuarantineWithoutALoop() throws Exception {
        fixPolicy("{}");
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached("rem-rev", "LoadBalancer"));
        java.util.concurrent.atomic.AtomicInteger reverts = new java.util.concurrent.atomic.AtomicInteger();
        var gitOps = client.services().inNamespace("rem-rev").withName("cache").watch(new io.fabric8.kubernetes.client.Watcher<>() {
            @Override
            public void eventReceived(Action action, Service s) {
                if (action == Action.MODIFIED && !"LoadBalancer".equals(s.getSpec().getType())) {
                    reverts.incrementAndGet();
                    client.services().inNamespace("rem-rev").withName("cache").edit(x -> {
                        x.getSpec().setType("LoadBalancer");
                        return x;
                    });
                }
            }

            @Override
            public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
            }
        });
        try {
            requests();
            operator(TestRemediationConfig.defaults());

            await().atMost(WAIT).until(() -> quarantine("rem-rev", "cache") != null);

            // Throughout 3 s more (several audits), the operator never patches the Service again: no loop.
            List<String> seen = new ArrayList<>();
            await().during(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> {
                seen.addAll(requests());
                assertThat(seen.stream().filter(r -> r.startsWith("PATCH /api/v1/namespaces/rem-rev/services/cache?fieldManager=exposure-guard"))
                        .count()).as("patches of the Service").isEqualTo(1);
            });
            assertThat(reverts.get()).isEqualTo(1);
            assertThat(events("rem-rev", "RemediationReverted")).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .contains("was undone by another change"));
            assertThat(events("rem-rev", "Quarantined")).singleElement().satisfies(e -> assertThat(e.getMessage())
                    .contains("(another controller reverted the patch)"));
            assertThat(remediations("patch", "reverted")).isEqualTo(1);
            assertThat(remediations("quarantine", "success")).isEqualTo(1);
        } finally {
            gitOps.close();
        }
    }

    private NetworkPolicy quarantine(String ns, String deployment) {
        return client.network().v1().networkPolicies().inNamespace(ns).withName("exposure-guard-quarantine-deployment-" + deployment).get();
    }

    /** The observable end state of remediation in a namespace: Service types, quarantine specs, remediation events. */
    private List<String> finalState(String ns) {
        List<String> state = new ArrayList<>();
        client.services().inNamespace(ns).list().getItems().forEach(x -> state.add("Service " + x.getMetadata().getName() + " " + x.getSpec().getType()));
        client.network().v1().networkPolicies().inNamespace(ns).list().getItems()
                .forEach(x -> state.add("NetworkPolicy " + x.getMetadata().getName() + " " + x.getSpec()));
        client.v1().events().inNamespace(ns).list().getItems().stream().filter(e -> !e.getReason().equals("DatastoreExposed"))
                .forEach(e -> state.add("Event " + e.getReason() + " " + e.getInvolvedObject().getName()));
        return state.stream().sorted().toList();
    }

    private void twoExposures(String ns) {
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached(ns, "LoadBalancer"));
        ClusterFixtures.apply(client, hostPortRedis(ns, ", hostPort: 6379"));
    }

    /** Both exposures of {@link #twoExposures} handled: the Service patched, the hostPort datastore quarantined. */
    private boolean remediated(String ns) {
        return "ClusterIP".equals(service(ns, "cache").getSpec().getType()) && quarantine(ns, "queue") != null;
    }

    @Test
    void anOperatorRestartedInTheMiddleOfARemediationEndsInTheSameStateAsACleanRun() {
        fixPolicy("{}");
        twoExposures("rem-clean");
        AuditService clean = operator(TestRemediationConfig.defaults());
        await().atMost(WAIT).until(() -> remediated("rem-clean"));
        clean.stop();
        List<String> expected = finalState("rem-clean").stream().map(x -> x.replace("rem-clean", "rem-restart")).toList();
        double writesBefore = remediations("patch", "success") + remediations("quarantine", "success");

        twoExposures("rem-restart");
        AuditService first = operator(TestRemediationConfig.defaults().limit(1));
        await().atMost(WAIT).until(() -> remediations("patch", "success") + remediations("quarantine", "success") > writesBefore);
        first.stop();
        assertThat(remediated("rem-restart")).as("the first operator was stopped half-way").isFalse();
        AuditService restarted = operator(TestRemediationConfig.defaults());
        await().atMost(WAIT).until(() -> remediated("rem-restart"));

        assertThat(finalState("rem-restart")).isEqualTo(expected);
        assertThat(remediations("patch", "success") + remediations("quarantine", "success") - writesBefore)
                .as("each write made once across the restart").isEqualTo(2);
    }
}
