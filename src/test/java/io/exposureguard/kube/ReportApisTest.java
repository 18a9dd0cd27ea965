package io.exposureguard.kube;

import io.exposureguard.app.audit.AuditService;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.report.ReportApi;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's reports against the mock API server: written in the API {@code reports.api} chooses (OpenReports,
 * the older wgpolicyk8s.io, or both), only where the cluster has the CRD; without it, or without the right to write,
 * every ExposurePolicy's {@code Reported} condition says why, and a CRD installed later is written to without a
 * restart. Results about cluster-scoped objects (an ExposurePolicy's problems) go to the cluster's report.
 */
class ReportApisTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NS = "shop";

    private KubernetesClient client;
    private KubernetesMockServer server;
    private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    private final List<AuditService> operators = new ArrayList<>();

    @BeforeEach
    void apiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations), true);
        server.init();
        client = server.createClient();
        ClusterFixtures.apply(client, ClusterFixtures.exposedMemcached(NS, "LoadBalancer"));
        ClusterFixtures.apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: default}
                spec: {actions: {critical: alert}}
                """);
    }

    @AfterEach
    void stop() {
        operators.forEach(AuditService::stop);
        client.close();
        server.destroy();
    }

    private void operator(String api) {
        AuditService audit = new AuditService(client, new TestOperatorConfig(false, "exposure-guard").withReports(api), new SimpleMeterRegistry());
        operators.add(audit);
        audit.start();
    }

    private GenericKubernetesResource report(ReportApi api, String namespace) {
        return client.genericKubernetesResources(CustomResourceKinds.report(api)).inNamespace(namespace).withName("exposure-guard").get();
    }

    private GenericKubernetesResource clusterReport(ReportApi api) {
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(api.group()).withVersion(api.version())
                .withKind(api.clusterKind()).withPlural(api.clusterPlural()).withNamespaced(false).build()).withName("exposure-guard").get();
    }

    /** The latest Reported condition (the mock server appends list items on a merge patch where a real one replaces). */
    private Condition reported(String policy) {
        ExposurePolicy p = client.resources(ExposurePolicy.class).withName(policy).get();
        assertThat(p.getStatus()).as("status of " + policy).isNotNull();
        return p.getStatus().getConditions().stream().filter(c -> c.getType().equals("Reported")).reduce((a, b) -> b).orElseThrow();
    }

    @ParameterizedTest(name = "reports.api={0}")
    @CsvSource({"openreports, true, false", "wgpolicy, false, true", "both, true, true"})
    void theNamespacesReportIsWrittenInEachChosenApi(String setting, boolean openReports, boolean wgpolicy) {
        ClusterFixtures.installReportCrds(client);
        operator(setting);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(reported("default").getStatus()).isEqualTo("True");
            assertThat(report(ReportApi.OPENREPORTS, NS) != null).as("openreports.io Report").isEqualTo(openReports);
            assertThat(report(ReportApi.WGPOLICY, NS) != null).as("wgpolicyk8s.io PolicyReport").isEqualTo(wgpolicy);
        });
        GenericKubernetesResource written = report(openReports ? ReportApi.OPENREPORTS : ReportApi.WGPOLICY, NS);
        assertThat(written.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "exposure-guard");
        assertThat(written.getAdditionalProperties().get("results").toString()).contains("rule=EG-EXP-001", "result=warn");
        assertThat(reported("default").getReason()).isEqualTo("Written");
    }

    @Test
    void withoutTheCrdThePolicyStatusSaysSoAndTheReportFollowsOnceTheCrdIsInstalled() {
        operator("openreports");

        await().atMost(WAIT).untilAsserted(() -> assertThat(reported("default")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("NoReportApi");
            assertThat(c.getMessage()).contains("openreports.io/v1alpha1: the CRD reports.openreports.io is not installed",
                    "reports.installCRDs=true", "Events and metrics still carry every finding");
        }));
        assertThat(report(ReportApi.OPENREPORTS, NS)).as("nothing written without the CRD").isNull();

        ClusterFixtures.installReportCrds(client);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(report(ReportApi.OPENREPORTS, NS)).as("written once the CRD exists, no restart").isNotNull();
            assertThat(reported("default").getStatus()).isEqualTo("True");
        });
    }

    @Test
    void aReportTheOperatorMayNotWriteIsNamedInThePolicyStatus() {
        ClusterFixtures.installReportCrds(client);
        server.expect().post().withPath("/apis/openreports.io/v1alpha1/namespaces/" + NS + "/reports")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("forbidden").build()).always();
        operator("openreports");

        await().atMost(WAIT).untilAsserted(() -> assertThat(reported("default")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getMessage()).contains("the operator may not write reports.openreports.io (HTTP 403)");
        }));
    }

    @Test
    void aPolicysProblemsAreErrorsInTheClusterReportUntilItIsFixed() {
        ClusterFixtures.installReportCrds(client);
        ClusterFixtures.apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: broken}
                spec: {allowedSourceCidrs: [10.0.0.0/99]}
                """);
        operator("openreports");

        await().atMost(WAIT).untilAsserted(() -> assertThat(clusterReport(ReportApi.OPENREPORTS)).isNotNull()
                .satisfies(r -> assertThat(r.getAdditionalProperties().get("results").toString())
                        .contains("result=error", "kind=ExposurePolicy", "name=broken", "'10.0.0.0/99' is not a CIDR")));

        ClusterFixtures.apply(client, """
                apiVersion: exposureguard.io/v1alpha1
                kind: ExposurePolicy
                metadata: {name: broken}
                spec: {allowedSourceCidrs: [10.0.0.0/8]}
                """);

        await().atMost(WAIT).until(() -> clusterReport(ReportApi.OPENREPORTS) == null);
        assertThat(report(ReportApi.OPENREPORTS, NS)).as("the namespace's report stays").isNotNull();
    }
}
