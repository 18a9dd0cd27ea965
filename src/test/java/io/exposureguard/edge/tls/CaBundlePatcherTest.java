package io.exposureguard.edge.tls;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped webhook configurations get the CA bundle on every webhook, written only when it differs. */
@EnableKubernetesMockClient(crud = true)
class CaBundlePatcherTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    KubernetesClient client;

    private void installShippedConfigurations() throws Exception {
        try (var in = new FileInputStream("deploy/webhook/webhook-configurations.yaml")) {
            client.load(in).items().forEach(o -> client.resource(o).create());
        }
    }

    private List<String> caBundles() {
        var admission = client.admissionRegistration().v1();
        return java.util.stream.Stream.concat(
                admission.validatingWebhookConfigurations().withName("exposure-guard").get().getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle()),
                admission.mutatingWebhookConfigurations().withName("exposure-guard").get().getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle()))
                .toList();
    }

    @Test
    void everyWebhookOfBothConfigurationsGetsTheBundle() throws Exception {
        installShippedConfigurations();

        int changed = new CaBundlePatcher(client).patch("exposure-guard", PEM);

        assertThat(changed).isEqualTo(2);
        // validate and config (exposure-guard's own kinds) in one configuration, mutate in the other
        assertThat(caBundles()).hasSize(3).containsOnly(Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anUnchangedBundleIsNotWrittenAgain() throws Exception {
        installShippedConfigurations();
        new CaBundlePatcher(client).patch("exposure-guard", PEM);
        String version = client.admissionRegistration().v1().validatingWebhookConfigurations().withName("exposure-guard").get()
                .getMetadata().getResourceVersion();

        int changed = new CaBundlePatcher(client).patch("exposure-guard", PEM);

        assertThat(changed).isZero();
        assertThat(client.admissionRegistration().v1().validatingWebhookConfigurations().withName("exposure-guard").get()
                .getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void missingConfigurationsAreSkipped() {
        assertThat(new CaBundlePatcher(client).patch("exposure-guard", PEM)).isZero();
    }
}
