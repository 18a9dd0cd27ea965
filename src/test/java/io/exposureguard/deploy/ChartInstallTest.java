package io.exposureguard.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code helm template | kubectl apply} into an empty cluster: the chart renders its CRDs (so upgrades carry them),
 * each kept on uninstall, and the whole render applies, CRDs first, with every object then on the server.
 */
@EnableKubernetesMockClient(crud = true)
class ChartInstallTest {

    KubernetesClient client;

    private static final String NS = "exposure-guard";

    @Test
    void theRenderAppliesToAnEmptyClusterCrdsFirst() {
        HelmChart.Rendered rendered = HelmChart.render(NS, Map.of("defaultPolicy.enabled", true));
        List<HasMetadata> ordered = rendered.objects().stream()
                .sorted(Comparator.comparingInt(o -> o instanceof CustomResourceDefinition ? 0 : 1)).toList();

        for (HasMetadata o : ordered) {
            client.resource(o).inNamespace(o.getMetadata().getNamespace() == null ? NS : o.getMetadata().getNamespace()).create();
        }

        assertThat(rendered.all(CustomResourceDefinition.class)).extracting(c -> c.getMetadata().getName())
                .containsExactlyInAnyOrder("exposureexceptions.exposureguard.io", "exposurepolicies.exposureguard.io");
        assertThat(ordered).allSatisfy(o -> assertThat(client.resource(o).get()).as(o.getKind() + " " + o.getMetadata().getName()).isNotNull());
        assertThat(rendered.objects()).anySatisfy(o -> assertThat(o.getKind()).isEqualTo("ExposurePolicy"));
    }

    @Test
    void theCrdsAreKeptOnUninstall() {
        assertThat(HelmChart.render(NS).all(CustomResourceDefinition.class)).hasSize(2)
                .allSatisfy(c -> assertThat(c.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep"));
    }

    @Test
    void crdsManagedElsewhereAreNotRendered() {
        assertThat(HelmChart.render(NS, Map.of("crds.install", false)).all(CustomResourceDefinition.class)).isEmpty();
    }

    /**
     * What the release before this one installed of the ExposureException CRD: no status subresource and no Applied
     * column (they came with exception status). Built from the current CRD so only that change differs.
     */
    private static CustomResourceDefinition previousExceptionCrd(HelmChart.Rendered rendered) {
        CustomResourceDefinition crd = rendered.all(CustomResourceDefinition.class).stream()
                .filter(c -> c.getMetadata().getName().equals("exposureexceptions.exposureguard.io")).findFirst().orElseThrow();
        CustomResourceDefinition previous = new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder(crd).build();
        previous.getSpec().getVersions().forEach(v -> {
            v.setSubresources(null);
            v.getAdditionalPrinterColumns().removeIf(c -> List.of("Applied", "Reason", "Matched").contains(c.getName()));
        });
        return previous;
    }

    @Test
    void anUpgradeThatChangesACrdCarriesIt() {
        HelmChart.Rendered rendered = HelmChart.render(NS);
        client.resource(previousExceptionCrd(rendered)).create();

        // helm upgrade applies every object of the new render over what the release installed: the CRDs are among them.
        for (HasMetadata o : rendered.objects().stream().sorted(Comparator.comparingInt(o -> o instanceof CustomResourceDefinition ? 0 : 1)).toList()) {
            client.resource(o).inNamespace(o.getMetadata().getNamespace() == null ? NS : o.getMetadata().getNamespace())
                    .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        }

        CustomResourceDefinition upgraded = client.apiextensions().v1().customResourceDefinitions().withName("exposureexceptions.exposureguard.io").get();
        assertThat(upgraded.getSpec().getVersions()).singleElement().satisfies(v -> {
            assertThat(v.getSubresources().getStatus()).as("the status subresource the new release brings").isNotNull();
            assertThat(v.getAdditionalPrinterColumns()).extracting(c -> c.getName()).contains("Applied", "Matched");
        });
    }
}
