package io.exposureguard.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's report values: {@code reports.api} tells the operator which API to write and grants exactly that API's
 * reports and CRD look-ups; {@code reports.installCRDs} installs that API's CRDs, kept on uninstall; the schema refuses
 * any other API.
 */
@EnableKubernetesMockClient(crud = true)
class ReportsChartTest {

    KubernetesClient client;

    private static final String NS = "exposure-guard";

    private static List<String> reportCrds(HelmChart.Rendered rendered) {
        return rendered.all(CustomResourceDefinition.class).stream().map(c -> c.getMetadata().getName())
                .filter(n -> !n.endsWith(".exposureguard.io")).sorted().toList();
    }

    /** The API groups the ClusterRole grants report resources in, with their resources. */
    private static List<String> reportGrants(HelmChart.Rendered rendered) {
        return rendered.one(ClusterRole.class).getRules().stream()
                .filter(r -> r.getApiGroups().stream().anyMatch(g -> g.equals("openreports.io") || g.equals("wgpolicyk8s.io")))
                .map(r -> r.getApiGroups().get(0) + " " + r.getResources() + " " + r.getVerbs()).sorted().toList();
    }

    private static List<String> crdLookups(HelmChart.Rendered rendered) {
        return rendered.one(ClusterRole.class).getRules().stream()
                .filter(r -> r.getResources().contains("customresourcedefinitions"))
                .flatMap(r -> r.getResourceNames().stream())
                .filter(n -> n.endsWith(".openreports.io") || n.endsWith(".wgpolicyk8s.io")).sorted().toList();
    }

    private static String env(HelmChart.Rendered rendered, String name) {
        return rendered.one(io.fabric8.kubernetes.api.model.apps.Deployment.class).getSpec().getTemplate().getSpec().getContainers()
                .get(0).getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    @ParameterizedTest(name = "reports.api={0}")
    @CsvSource(delimiter = '|', textBlock = """
            openreports | openreports.io [reports, clusterreports] [get, list, create, update, delete]                | clusterreports.openreports.io reports.openreports.io
            wgpolicy    | wgpolicyk8s.io [policyreports, clusterpolicyreports] [get, list, create, update, delete]    | clusterpolicyreports.wgpolicyk8s.io policyreports.wgpolicyk8s.io
            both        | openreports.io [reports, clusterreports] [get, list, create, update, delete];wgpolicyk8s.io [policyreports, clusterpolicyreports] [get, list, create, update, delete] | clusterpolicyreports.wgpolicyk8s.io clusterreports.openreports.io policyreports.wgpolicyk8s.io reports.openreports.io
            """)
    void theChosenApiIsWhatTheOperatorWritesAndAllItMayWrite(String api, String grants, String crds) {
        HelmChart.Rendered rendered = HelmChart.render(NS, Map.of("reports.api", api));

        assertThat(env(rendered, "EXPOSURE_GUARD_REPORTS_API")).isEqualTo(api);
        assertThat(reportGrants(rendered)).containsExactlyElementsOf(Arrays.stream(grants.split(";")).sorted().toList());
        assertThat(crdLookups(rendered)).containsExactlyElementsOf(new TreeSet<>(List.of(crds.split(" "))));
        assertThat(reportCrds(rendered)).as("installCRDs is off by default").isEmpty();
    }

    @Test
    void theDefaultIsOpenReports() {
        assertThat(env(HelmChart.render(NS), "EXPOSURE_GUARD_REPORTS_API")).isEqualTo("openreports");
    }

    @ParameterizedTest(name = "reports.api={0}")
    @CsvSource(delimiter = '|', textBlock = """
            openreports | clusterreports.openreports.io reports.openreports.io
            wgpolicy    | clusterpolicyreports.wgpolicyk8s.io policyreports.wgpolicyk8s.io
            both        | clusterpolicyreports.wgpolicyk8s.io clusterreports.openreports.io policyreports.wgpolicyk8s.io reports.openreports.io
            """)
    void installCrdsInstallsTheChosenApisCrdsKeptOnUninstall(String api, String crds) {
        HelmChart.Rendered rendered = HelmChart.render(NS, Map.of("reports.api", api, "reports.installCRDs", true));

        assertThat(reportCrds(rendered)).containsExactly(crds.split(" "));
        assertThat(rendered.all(CustomResourceDefinition.class)).filteredOn(c -> !c.getMetadata().getName().endsWith(".exposureguard.io"))
                .allSatisfy(c -> {
                    assertThat(c.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
                    assertThat(c.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
                });
    }

    @Test
    void theRenderWithReportCrdsAppliesToAnEmptyClusterAndServesTheReportKinds() {
        HelmChart.Rendered rendered = HelmChart.render(NS, Map.of("reports.api", "both", "reports.installCRDs", true));
        List<HasMetadata> ordered = rendered.objects().stream()
                .sorted(Comparator.comparingInt(o -> o instanceof CustomResourceDefinition ? 0 : 1)).toList();

        for (HasMetadata o : ordered) {
            client.resource(o).inNamespace(o.getMetadata().getNamespace() == null ? NS : o.getMetadata().getNamespace()).create();
        }

        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("reports.openreports.io").get().getSpec()
                .getVersions()).anySatisfy(v -> assertThat(v.getName()).isEqualTo("v1alpha1"));
        assertThat(client.apiextensions().v1().customResourceDefinitions().withName("policyreports.wgpolicyk8s.io").get().getSpec()
                .getVersions()).anySatisfy(v -> {
                    assertThat(v.getName()).isEqualTo("v1alpha2");
                    assertThat(v.getServed()).isTrue();
                });
    }

    @Test
    void theSchemaRefusesAnUnknownApi() {
        assertThatThrownBy(() -> HelmChart.render(NS, Map.of("reports.api", "kyverno")))
                .hasMessageContaining("schema").hasMessageContaining("/reports/api").hasMessageContaining("openreports");
    }
}
