package io.exposureguard.app.admission;

import io.exposureguard.core.admission.AdmissionWarning;

import io.exposureguard.testing.Management;
import io.exposureguard.app.audit.AuditService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real HTTP AdmissionReview requests to /validate, with the wire format asserted exactly. */
@QuarkusTest
@WithKubernetesTestServer
class ValidatingWebhookTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Inject
    KubernetesClient client;

    @Inject
    AuditService audit;

    private static JsonPath review(String operation, String namespace, String yaml, boolean dryRun) {
        return AdmissionRequests.send("/validate", "705ab4f5-6393-11e8-b7cc-42010a800002", operation, namespace,
                JSON.<HasMetadata>unmarshal(yaml), dryRun);
    }

    @Test
    void theIncidentIsDeniedWithRulePathAndFix() throws Exception {
        String es = Files.readString(Path.of("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml"))
                .replace("namespace: support", "namespace: eg-adm-deny");

        JsonPath response = review("CREATE", "eg-adm-deny", es, false);

        assertThat(response.getString("apiVersion")).isEqualTo("admission.k8s.io/v1");
        assertThat(response.getString("kind")).isEqualTo("AdmissionReview");
        assertThat(response.getString("response.uid")).isEqualTo("705ab4f5-6393-11e8-b7cc-42010a800002");
        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getInt("response.status.code")).isEqualTo(403);
        assertThat(response.getString("response.status.message"))
                .startsWith("exposure-guard denied Elasticsearch eg-adm-deny/support-cases: [EG-EXP-001 critical] ")
                .contains("Path: internet -> LoadBalancer Service eg-adm-deny/support-cases-es-http",
                        "Fix: Turn authentication on: remove xpack.security.enabled: false")
                .contains(" (rule docs: https://github.com/exposure-guard/exposure-guard/blob/main/docs/rules.md#eg-exp-001)\n"
                        + "If this exposure is intended, ask a platform admin for an ExposureException in namespace exposure-guard"
                        + " (one in any other namespace does not count), for example:\n")
                .containsPattern("""
                        apiVersion: exposureguard.io/v1alpha1
                        kind: ExposureException
                        metadata:
                          name: support-cases-eg-exp-001
                          namespace: exposure-guard
                        spec:
                          rules: \\[EG-EXP-001]
                          resources:
                          - \\{namespace: eg-adm-deny, kind: Elasticsearch, name: support-cases}
                          reason: "<why this exposure is acceptable, and what protects the data instead>"
                          expiresAt: "\\d{4}-\\d\\d-\\d\\dT00:00:00Z"
                          approvedBy: "<who approved it>"
                          ticket: "<change or ticket reference>"$""");
    }

    @Test
    void aServiceIsJudgedTogetherWithThePodsItSelectsInTheCluster() {
        client.resource(JSON.<HasMetadata>unmarshal("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cache, namespace: eg-adm-context}
                spec:
                  selector: {matchLabels: {app: cache}}
                  template:
                    metadata: {labels: {app: cache}}
                    spec: {containers: [{name: memcached, image: "memcached:1.6"}]}
                """)).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.clusterState().objects().stream()
                .anyMatch(o -> "eg-adm-context".equals(o.getMetadata().getNamespace())));
        String service = """
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: eg-adm-context}
                spec: {type: NodePort, selector: {app: cache}, ports: [{port: 11211}]}
                """;

        JsonPath response = review("CREATE", "eg-adm-context", service, false);

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getString("response.status.message")).contains("[EG-EXP-001 critical] Memcached in Deployment eg-adm-context/cache");
        assertThat(review("CREATE", "eg-adm-context", service.replace("NodePort", "ClusterIP"), false).getBoolean("response.allowed")).isTrue();
    }

    @Test
    void alertFindingsAreAllowedWithWarningsKubectlPrints() throws Exception {
        String yaml = Files.readString(Path.of("deploy/examples/bad/postgres-password-public-lb.yaml")).split("\n---\n")[1]
                .replace("namespace: orders", "namespace: eg-adm-warn");
        String statefulSet = Files.readString(Path.of("deploy/examples/bad/postgres-password-public-lb.yaml")).split("\n---\n")[0]
                .replace("namespace: orders", "namespace: eg-adm-warn");
        client.resource(JSON.<HasMetadata>unmarshal(statefulSet)).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.clusterState().objects().stream()
                .anyMatch(o -> "eg-adm-warn".equals(o.getMetadata().getNamespace())));

        JsonPath response = review("CREATE", "eg-adm-warn", yaml, false);

        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getString("response.status")).isNull();
        assertThat(response.getList("response.warnings", String.class)).singleElement().asString()
                .isEqualTo("exposure-guard EG-EXP-004 medium (alert): PostgreSQL in StatefulSet eg-adm-warn/orders-db requires..."
                        + " Fix: Close or restrict the path: change Service... More:"
                        + " https://github.com/exposure-guard/exposure-guard/blob/main/docs/rules.md#eg-exp-004")
                .hasSizeLessThanOrEqualTo(AdmissionWarning.MAX_LENGTH);
    }

    @Test
    void deletionsExcludedNamespacesAndOrdinaryAppsAreAllowedWithoutWarnings() throws Exception {
        String es = Files.readString(Path.of("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml"));
        String web = """
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: eg-adm-web}
                spec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}
                """;

        for (JsonPath response : new JsonPath[] {
                review("DELETE", "support", es, false),
                review("CREATE", "kube-system", es.replace("namespace: support", "namespace: kube-system"), false),
                review("CREATE", "eg-adm-web", web, false)}) {
            assertThat(response.getBoolean("response.allowed")).isTrue();
            assertThat(response.getList("response.warnings")).isNull();
        }
    }

    @Test
    void anApprovedExceptionInTheOperatorNamespaceIsHonoured() throws Exception {
        io.exposureguard.kube.ClusterFixtures.apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposureException
                metadata: {name: eg-adm-demo, namespace: exposure-guard}
                spec:
                  rules: [EG-EXP-001]
                  resources: [{namespace: eg-adm-exc, kind: Elasticsearch, name: support-cases}]
                  reason: Synthetic public demo data
                  expiresAt: "2099-01-01T00:00:00Z"
                  approvedBy: security@example.com
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.clusterState().exceptions().stream()
                .anyMatch(e -> e.getMetadata().getName().equals("eg-adm-demo")));
        String es = Files.readString(Path.of("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml"))
                .replace("namespace: support", "namespace: eg-adm-exc");

        JsonPath excepted = review("CREATE", "eg-adm-exc", es, false);
        JsonPath other = review("CREATE", "eg-adm-exc", es.replace("name: support-cases", "name: other-cases"), false);

        assertThat(excepted.getBoolean("response.allowed")).isTrue();
        assertThat(other.getBoolean("response.allowed")).isFalse();
    }

    @Test
    void dryRunsAreJudgedButNotCounted() throws Exception {
        String es = Files.readString(Path.of("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml"))
                .replace("namespace: support", "namespace: eg-adm-dry");
        double before = deniedCount();

        assertThat(review("CREATE", "eg-adm-dry", es, true).getBoolean("response.allowed")).isFalse();
        assertThat(deniedCount()).isEqualTo(before);
        review("CREATE", "eg-adm-dry", es, false);
        assertThat(deniedCount()).isEqualTo(before + 1);
    }

    private static double deniedCount() {
        return Management.request().get("/q/metrics").then().extract().asString().lines()
                .filter(l -> l.startsWith("exposureguard_admission_decisions_total{decision=\"denied\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static HasMetadata incident(String namespace, String extra) throws Exception {
        return JSON.unmarshal(Files.readString(Path.of("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml"))
                .replace("namespace: support", "namespace: " + namespace).replace("      type: LoadBalancer", "      type: LoadBalancer" + extra));
    }

    @Test
    void anUnrelatedUpdateOfAnAlreadyExposedObjectIsAllowedWithAWarningToFixIt() throws Exception {
        HasMetadata old = incident("eg-adm-upd", "");
        HasMetadata relabelled = incident("eg-adm-upd", "");
        relabelled.getMetadata().setLabels(java.util.Map.of("cost-center", "42"));

        JsonPath response = AdmissionRequests.update("/validate", "u-1", "eg-adm-upd", old, relabelled);

        assertThat(response.getBoolean("response.allowed")).isTrue();
        assertThat(response.getList("response.warnings", String.class))
                .anySatisfy(w -> assertThat(w).startsWith("already exposed before this update, fix it: exposure-guard EG-EXP-001 critical (deny)"));
    }

    @Test
    void anUpdateThatMakesAnExposureMoreSevereIsDenied() throws Exception {
        HasMetadata restricted = incident("eg-adm-upd", "\n        loadBalancerSourceRanges: [\"10.0.0.0/8\"]");
        HasMetadata open = incident("eg-adm-upd", "");

        JsonPath response = AdmissionRequests.update("/validate", "u-2", "eg-adm-upd", restricted, open);

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getString("response.status.message")).contains("[EG-EXP-001 critical]");
    }

    @Test
    void anUpdateThatIntroducesAnExposureIsDenied() throws Exception {
        String secured = Files.readString(Path.of("deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml"))
                .replace("namespace: support", "namespace: eg-adm-upd").replace("xpack.security.enabled: false", "node.attr.zone: a");
        HasMetadata before = JSON.unmarshal(secured);

        JsonPath response = AdmissionRequests.update("/validate", "u-3", "eg-adm-upd", before, incident("eg-adm-upd", ""));

        assertThat(response.getBoolean("response.allowed")).isFalse();
        assertThat(response.getString("response.status.message")).contains("[EG-EXP-001 critical]");
    }
}
