package io.exposureguard.deploy;

import io.exposureguard.deploy.HelmChart.Rendered;
import io.exposureguard.app.audit.AuditService;
import io.exposureguard.kube.ClusterFixtures;
import io.exposureguard.core.report.ReportApi;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chart's RBAC is exactly what the operator uses. The operator runs against the mock API server, which
 * records every request; the test makes it do everything it does in a cluster (watch every kind, elect a leader,
 * write events, PolicyReports and policy status, keep its webhook certificate and caBundle, answer the webhooks),
 * then maps each recorded request to (group, resource, verb, namespace, name) and checks it against the chart's
 * ClusterRole and Role as the RBAC authorizer would. The reverse holds too: every grant was used, or is listed in
 * {@link #NOT_TRIGGERED} with the reason.
 *
 * <p>This class has its own test profile, so Quarkus starts a fresh app and a fresh mock server for it: the
 * operator namespace is a namespace of its own, Secrets are read (the chart's operator.readSecrets), the audit is
 * started by the test after the recording is drained (so the informers' list and watch requests, the lease
 * creation and the PolicyReport clean-up are recorded), and the TLS check runs every second. Fixtures are written
 * with a separate client whose User-Agent marks them, so only the operator's own requests are judged.
 */
@QuarkusTest
@WithKubernetesTestServer
@TestProfile(RbacCoverageTest.OwnOperatorNamespace.class)
class RbacCoverageTest {

    static final String OPERATOR_NAMESPACE = "eg-rbac-system";
    static final String APPS = "eg-rbac-apps";
    static final String SETUP_AGENT = "rbac-test-setup";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Grants of the rendered chart the test cannot make the operator use, each with the reason. Empty: every
     * grant is exercised. Add an entry only for a call the mock server cannot provoke, and say why.
     */
    static final Set<String> NOT_TRIGGERED = Set.of(
            // Server-side apply of a quarantine that already exists with other rules (a datastore whose set of
            // fix findings changes while quarantined); the scenario creates and lifts one quarantine.
            "patch networking.k8s.io/networkpolicies");

    /** The chart as this test's operator is configured: release namespace = operator namespace, Secrets read. */
    static final Rendered CHART = HelmChart.render(OPERATOR_NAMESPACE, Map.of("operator.readSecrets", true));

    public static class OwnOperatorNamespace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "exposure-guard.operator-namespace", OPERATOR_NAMESPACE,
                    "exposure-guard.read-secrets", "true",
                    "exposure-guard.watch", "false",
                    "exposure-guard.webhook-tls.check-interval", "PT1S",
                    // Random ports: this app starts on its own, possibly while another build's tests hold 8081/8444.
                    "quarkus.http.test-port", "0",
                    "quarkus.http.test-ssl-port", "0");
        }
    }

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    /** What the operator asked the API server while the test exercised it (filled once for both tests). */
    private static List<ApiRequest> recorded;

    @BeforeEach
    void exerciseTheOperatorOnce() throws Exception {
        if (recorded == null) {
            drain();
            try (KubernetesClient setup = new KubernetesClientBuilder()
                    .withConfig(new ConfigBuilder(client.getConfiguration()).withUserAgent(SETUP_AGENT).build()).build()) {
                exercise(setup);
            }
            recorded = drain().stream().filter(r -> !SETUP_AGENT.equals(r.getHeader("User-Agent")))
                    .map(r -> ApiRequest.parse(r.getMethod(), r.getPath())).toList();
        }
    }

    private List<RecordedRequest> drain() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r; (r = server.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) {
            requests.add(r);
        }
        return requests;
    }

    private void exercise(KubernetesClient setup) {
        // The kinds the operator watches once their CRDs exist, and the chart's webhook configurations (no caBundle).
        ClusterFixtures.installThirdPartyCrds(setup);
        ClusterFixtures.installReportCrds(setup);
        setup.resource(CHART.one(ValidatingWebhookConfiguration.class)).create();
        setup.resource(CHART.one(MutatingWebhookConfiguration.class)).create();
        ClusterFixtures.apply(setup, """
                apiVersion: v1
                kind: List
                items:
                  - {apiVersion: v1, kind: Namespace, metadata: {name: eg-rbac-apps, labels: {eg-rbac: apps}}}
                  - apiVersion: exposureguard.io/v1alpha1
                    kind: ExposurePolicy
                    metadata: {name: eg-rbac}
                    spec: {namespaceSelector: {matchLabels: {eg-rbac: apps}}, actions: {critical: alert}, probe: {mode: Exposed}}
                  - apiVersion: exposureguard.io/v1alpha1
                    kind: ExposureException
                    metadata: {name: eg-rbac-expired, namespace: eg-rbac-system}
                    spec: {rules: [EG-EXP-001], resources: [{namespace: eg-rbac-apps}], reason: old window,
                           expiresAt: "2020-01-01T00:00:00Z", approvedBy: sre@example.com}
                """);
        ClusterFixtures.apply(setup, ClusterFixtures.exposedMemcached(APPS, "LoadBalancer"));

        // Watches, the leader Lease, the first audit and its PolicyReport clean-up.
        audit.start();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(exposureEvents(setup)).anySatisfy(e -> assertThat(e.getMessage()).contains("EG-EXP-001", "(alert)"));
            assertThat(report(setup)).isNotNull();
            assertThat(policyStatus(setup)).isNotNull();
            assertThat(setup.resources(io.exposureguard.core.api.v1.ExposureException.class).inNamespace(OPERATOR_NAMESPACE)
                    .withName("eg-rbac-expired").get().getStatus()).as("the exception's status").isNotNull();
            assertThat(setup.admissionRegistration().v1().validatingWebhookConfigurations().withName("exposure-guard").get()
                    .getWebhooks().get(0).getClientConfig().getCaBundle()).isNotNull();
        });

        // A policy's problem is an error in the cluster's report, updated when it changes; once gone, that report is deleted.
        for (String cidr : List.of("10.0.0.0/99", "10.0.0.0/98")) {
            ClusterFixtures.apply(setup, """
                    apiVersion: exposureguard.io/v1alpha1
                    kind: ExposurePolicy
                    metadata: {name: eg-rbac-typo}
                    spec: {namespaceSelector: {matchLabels: {eg-rbac: none}}, allowedSourceCidrs: [%s]}
                    """.formatted(cidr));
            await().atMost(WAIT).until(() -> clusterReport(setup) != null && clusterReport(setup).toString().contains(cidr));
        }
        setup.resources(io.exposureguard.core.api.v1.ExposurePolicy.class).withName("eg-rbac-typo").delete();
        await().atMost(WAIT).until(() -> clusterReport(setup) == null);

        // A changed action updates the event and the report in place.
        ClusterFixtures.apply(setup, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: eg-rbac}
                spec: {namespaceSelector: {matchLabels: {eg-rbac: apps}}, actions: {critical: fix}}
                """);
        await().atMost(WAIT).untilAsserted(() -> assertThat(exposureEvents(setup))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("EG-EXP-001", "(fix)")));

        // Remediation: the Service is patched to ClusterIP; a hostPort datastore is quarantined, then lifted once
        // fixed by hand; an ECK Elasticsearch and Kibana, a Strimzi Kafka, a CloudNativePG
        // Cluster, a Zalando postgresql, a PGO PostgresCluster, a PerconaServerMongoDB, a PerconaPGCluster, a
        // ClickHouseInstallation, a CassandraDatacenter and a K8ssandraCluster are patched in their resources; an Ingress
        // gets the allowlist.
        await().atMost(WAIT).until(() -> "ClusterIP".equals(setup.services().inNamespace(APPS).withName("cache").get().getSpec().getType()));
        ClusterFixtures.apply(setup, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: eg-rbac}
                spec: {namespaceSelector: {matchLabels: {eg-rbac: apps}}, actions: {critical: fix, high: fix}, allowedSourceCidrs: [10.0.0.0/8]}
                """);
        ClusterFixtures.apply(setup, hostPortRedis(":\n                          - {containerPort: 6379, hostPort: 6379}"));
        await().atMost(WAIT).until(() -> quarantine(setup) != null);
        ClusterFixtures.apply(setup, hostPortRedis(":\n                          - {containerPort: 6379}"));
        await().atMost(WAIT).until(() -> quarantine(setup) == null);
        ClusterFixtures.apply(setup, """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: elasticsearch.k8s.elastic.co/v1
                    kind: Elasticsearch
                    metadata: {name: logs, namespace: eg-rbac-apps}
                    spec:
                      version: 8.15.0
                      http: {service: {spec: {type: LoadBalancer}}}
                      nodeSets: [{name: default, count: 1, config: {xpack.security.enabled: false}}]
                  - apiVersion: kibana.k8s.elastic.co/v1
                    kind: Kibana
                    metadata: {name: dash, namespace: eg-rbac-apps}
                    spec:
                      version: 8.15.0
                      http: {service: {spec: {type: LoadBalancer}}}
                      config: {xpack.security.authc.providers: {anonymous.anonymous1: {order: 0, credentials: {username: guest, password: guest}}}}
                  - apiVersion: kafka.strimzi.io/v1
                    kind: KafkaNodePool
                    metadata: {name: brokers, namespace: eg-rbac-apps, labels: {strimzi.io/cluster: events}}
                    spec: {replicas: 1, roles: [broker, controller]}
                  - apiVersion: kafka.strimzi.io/v1
                    kind: Kafka
                    metadata: {name: events, namespace: eg-rbac-apps}
                    spec:
                      kafka:
                        listeners: [{name: ext, port: 9094, type: loadbalancer, tls: true}]
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: billing, namespace: eg-rbac-apps}
                    spec:
                      instances: 1
                      postgresql: {pg_hba: ["host all all 0.0.0.0/0 trust"]}
                      managed: {services: {additional: [{selectorType: rw, serviceTemplate: {metadata: {name: billing-lb}, spec: {type: LoadBalancer}}}]}}
                  - apiVersion: acid.zalan.do/v1
                    kind: postgresql
                    metadata: {name: acid-orders, namespace: eg-rbac-apps}
                    spec:
                      teamId: acid
                      numberOfInstances: 1
                      enableMasterNodePort: true
                      patroni: {pg_hba: ["hostssl all all all trust"]}
                  - apiVersion: postgres-operator.crunchydata.com/v1beta1
                    kind: PostgresCluster
                    metadata: {name: hippo, namespace: eg-rbac-apps}
                    spec:
                      instances: [{name: instance1}]
                      service: {type: LoadBalancer}
                      authentication: {rules: [{hba: "host all all all trust"}]}
                  - apiVersion: psmdb.percona.com/v1
                    kind: PerconaServerMongoDB
                    metadata: {name: orders, namespace: eg-rbac-apps}
                    spec:
                      replsets: [{name: rs0, size: 1, expose: {enabled: true, type: NodePort}, configuration: "security: {authorization: disabled}"}]
                  - apiVersion: pgv2.percona.com/v2
                    kind: PerconaPGCluster
                    metadata: {name: ledger, namespace: eg-rbac-apps}
                    spec:
                      instances: [{name: instance1, replicas: 1}]
                      expose: {type: LoadBalancer}
                      patroni: {dynamicConfiguration: {postgresql: {pg_hba: ["host all all all trust"]}}}
                  - apiVersion: clickhouse.altinity.com/v1
                    kind: ClickHouseInstallation
                    metadata: {name: events, namespace: eg-rbac-apps}
                    spec:
                      defaults: {templates: {serviceTemplate: np}}
                      configuration: {users: {default/networks/ip: "::/0"}}
                      templates: {serviceTemplates: [{name: np, spec: {type: NodePort, ports: [{name: tcp, port: 9000}]}}]}
                  - apiVersion: cassandra.datastax.com/v1beta1
                    kind: CassandraDatacenter
                    metadata: {name: dc1, namespace: eg-rbac-apps}
                    spec: {clusterName: orders, serverType: cassandra, serverVersion: "4.1.5", size: 1, networking: {nodePort: {native: 30042}}}
                  - apiVersion: k8ssandra.io/v1alpha1
                    kind: K8ssandraCluster
                    metadata: {name: demo, namespace: eg-rbac-apps}
                    spec: {auth: false, cassandra: {serverVersion: "4.0.1", networking: {nodePort: {native: 30043}}, datacenters: [{metadata: {name: dc2}, size: 1}]}}
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: profiles, namespace: eg-rbac-apps}
                    spec:
                      selector: {matchLabels: {app: profiles}}
                      template:
                        metadata: {labels: {app: profiles}}
                        spec: {containers: [{name: mongo, image: "mongo:7.0", ports: [{containerPort: 27017}]}]}
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: profiles, namespace: eg-rbac-apps}
                    spec: {selector: {app: profiles}, ports: [{port: 27017}]}
                  - apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata: {name: profiles, namespace: eg-rbac-apps}
                    spec:
                      rules: [{host: p.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: profiles, port: {number: 27017}}}}]}}]
                """);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(annotations(setup, "elasticsearch.k8s.elastic.co/v1", "Elasticsearch", "logs")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "kibana.k8s.elastic.co/v1", "Kibana", "dash")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "kafka.strimzi.io/v1", "Kafka", "events")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "postgresql.cnpg.io/v1", "Cluster", "billing")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "acid.zalan.do/v1", "postgresql", "acid-orders")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "postgres-operator.crunchydata.com/v1beta1", "PostgresCluster", "hippo")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "psmdb.percona.com/v1", "PerconaServerMongoDB", "orders")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "pgv2.percona.com/v2", "PerconaPGCluster", "ledger")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "clickhouse.altinity.com/v1", "ClickHouseInstallation", "events")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "cassandra.datastax.com/v1beta1", "CassandraDatacenter", "dc1")).containsKey("exposureguard.io/remediated");
            assertThat(annotations(setup, "k8ssandra.io/v1alpha1", "K8ssandraCluster", "demo")).containsKey("exposureguard.io/remediated");
            assertThat(setup.network().v1().ingresses().inNamespace(APPS).withName("profiles").get().getMetadata().getAnnotations())
                    .containsKey("nginx.ingress.kubernetes.io/allowlist-source-range");
        });

        // The webhooks judge from the caches: no API call of their own.
        for (String path : List.of("/validate", "/mutate")) {
            given().contentType(ContentType.JSON).body(review(path)).post(path).then().statusCode(200);
        }

        // The TLS Secret: re-created when deleted, rewritten when it holds no usable certificate.
        Secret original = tlsSecret(setup);
        setup.secrets().inNamespace(OPERATOR_NAMESPACE).withName(original.getMetadata().getName()).delete();
        await().atMost(WAIT).until(() -> tlsSecret(setup) != null
                && !tlsSecret(setup).getMetadata().getUid().equals(original.getMetadata().getUid()));
        String garbage = Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.US_ASCII));
        setup.secrets().inNamespace(OPERATOR_NAMESPACE).withName(original.getMetadata().getName())
                .edit(s -> {
                    s.getData().put("tls.crt", garbage);
                    return s;
                });
        await().atMost(WAIT).until(() -> !garbage.equals(tlsSecret(setup).getData().get("tls.crt")));

        // Fixing the exposure deletes its event; removing the datastore deletes the namespace's report.
        ClusterFixtures.apply(setup, ClusterFixtures.exposedMemcached(APPS, "ClusterIP"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(exposureEvents(setup))
                .noneSatisfy(e -> assertThat(e.getMessage()).contains("EG-EXP-001")));
        setup.apps().deployments().inNamespace(APPS).delete();
        setup.services().inNamespace(APPS).delete();
        setup.network().v1().ingresses().inNamespace(APPS).delete();
        setup.genericKubernetesResources("elasticsearch.k8s.elastic.co/v1", "Elasticsearch").inNamespace(APPS).delete();
        setup.genericKubernetesResources("kibana.k8s.elastic.co/v1", "Kibana").inNamespace(APPS).delete();
        setup.genericKubernetesResources("kafka.strimzi.io/v1", "Kafka").inNamespace(APPS).delete();
        setup.genericKubernetesResources("kafka.strimzi.io/v1", "KafkaNodePool").inNamespace(APPS).delete();
        setup.genericKubernetesResources("postgresql.cnpg.io/v1", "Cluster").inNamespace(APPS).delete();
        setup.genericKubernetesResources("acid.zalan.do/v1", "postgresql").inNamespace(APPS).delete();
        setup.genericKubernetesResources("postgres-operator.crunchydata.com/v1beta1", "PostgresCluster").inNamespace(APPS).delete();
        setup.genericKubernetesResources("psmdb.percona.com/v1", "PerconaServerMongoDB").inNamespace(APPS).delete();
        setup.genericKubernetesResources("pgv2.percona.com/v2", "PerconaPGCluster").inNamespace(APPS).delete();
        setup.genericKubernetesResources("clickhouse.altinity.com/v1", "ClickHouseInstallation").inNamespace(APPS).delete();
        setup.genericKubernetesResources("cassandra.datastax.com/v1beta1", "CassandraDatacenter").inNamespace(APPS).delete();
        setup.genericKubernetesResources("k8ssandra.io/v1alpha1", "K8ssandraCluster").inNamespace(APPS).delete();
        await().atMost(WAIT).until(() -> report(setup) == null);
    }

    private static String hostPortRedis(String ports) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: queue, namespace: eg-rbac-apps}
                spec:
                  selector: {matchLabels: {app: queue}}
                  template:
                    metadata: {labels: {app: queue}}
                    spec:
                      containers:
                        - name: redis
                          image: "redis:7.2"
                          ports%s
                """.formatted(ports);
    }

    private static Object quarantine(KubernetesClient setup) {
        return setup.network().v1().networkPolicies().inNamespace(APPS).withName("exposure-guard-quarantine-deployment-queue").get();
    }

    private static Map<String, String> annotations(KubernetesClient setup, String apiVersion, String kind, String name) {
        GenericKubernetesResource r = setup.genericKubernetesResources(apiVersion, kind).inNamespace(APPS).withName(name).get();
        return r == null || r.getMetadata().getAnnotations() == null ? Map.of() : r.getMetadata().getAnnotations();
    }

    private static List<Event> exposureEvents(KubernetesClient setup) {
        return setup.v1().events().inNamespace(APPS).list().getItems().stream()
                .filter(e -> "DatastoreExposed".equals(e.getReason())).toList();
    }

    private static GenericKubernetesResource report(KubernetesClient setup) {
        return setup.genericKubernetesResources(io.exposureguard.kube.CustomResourceKinds.report(ReportApi.OPENREPORTS))
                .inNamespace(APPS).withName("exposure-guard").get();
    }

    private static GenericKubernetesResource clusterReport(KubernetesClient setup) {
        return setup.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("openreports.io")
                .withVersion("v1alpha1").withKind("ClusterReport").withPlural("clusterreports").withNamespaced(false).build())
                .withName("exposure-guard").get();
    }

    private static Object policyStatus(KubernetesClient setup) {
        var policy = setup.resources(io.exposureguard.core.api.v1.ExposurePolicy.class).withName("eg-rbac").get();
        return policy == null ? null : policy.getStatus();
    }

    private static Secret tlsSecret(KubernetesClient setup) {
        return setup.secrets().inNamespace(OPERATOR_NAMESPACE).withName("exposure-guard-webhook-tls").get();
    }

    private static String review(String path) {
        return """
                {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"rbac%s","operation":"CREATE",
                 "namespace":"eg-rbac-apps","kind":{"group":"","version":"v1","kind":"Service"},
                 "resource":{"group":"","version":"v1","resource":"services"},
                 "object":{"apiVersion":"v1","kind":"Service","metadata":{"name":"cache2","namespace":"eg-rbac-apps"},
                  "spec":{"type":"LoadBalancer","selector":{"app":"cache"},"ports":[{"port":11211}]}}}}"""
                .formatted(path.replace('/', '-'));
    }

    @Test
    void everyRequestTheOperatorMadeIsAllowedByTheChartsRoles() {
        RbacRules rules = new RbacRules(CHART);
        List<ApiRequest> resourceRequests = recorded.stream().filter(r -> !r.nonResource()).toList();

        assertThat(resourceRequests).as("operator requests recorded").hasSizeGreaterThan(50);
        assertThat(resourceRequests).filteredOn(r -> !rules.allows(r)).as("requests the chart's RBAC would refuse").isEmpty();
        // Discovery paths (/version, /api, /apis/<group>/<version>) are open to every authenticated user.
        assertThat(recorded).filteredOn(ApiRequest::nonResource)
                .allSatisfy(r -> assertThat(r.verb()).isEqualTo("get"));
    }

    @Test
    void everyGrantOfTheChartWasUsedOrIsListedAsNotTriggerable() {
        Set<String> used = recorded.stream().filter(r -> !r.nonResource()).map(ApiRequest::grant)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> unused = new TreeSet<>(new RbacRules(CHART).grants());
        unused.removeAll(used);

        assertThat(unused).as("granted but never used (used: %s)", used).containsExactlyInAnyOrderElementsOf(NOT_TRIGGERED);
    }
}
