package io.exposureguard.app.admission;

import io.exposureguard.deploy.HelmChart;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Named;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Test helper: every place the webhook configurations ship from, so the same checks run on each. Both are read
 * for the operator namespace exposure-guard (the chart rendered as release exposure-guard in that namespace).
 */
record ShippedWebhookConfigurations(List<HasMetadata> objects) {

    static final String OPERATOR_NAMESPACE = "exposure-guard";

    /** The plain manifest and the Helm chart's rendering with default values. */
    static Stream<Named<Supplier<ShippedWebhookConfigurations>>> sources() {
        return Stream.of(
                Named.of("deploy/webhook/webhook-configurations.yaml", ShippedWebhookConfigurations::manifest),
                Named.of("Helm chart", ShippedWebhookConfigurations::chart));
    }

    static ShippedWebhookConfigurations manifest() {
        try (FileInputStream in = new FileInputStream("deploy/webhook/webhook-configurations.yaml")) {
            return new ShippedWebhookConfigurations(new KubernetesSerialization().unmarshal(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ShippedWebhookConfigurations chart() {
        return new ShippedWebhookConfigurations(HelmChart.render(OPERATOR_NAMESPACE).objects());
    }

    ValidatingWebhook validating() {
        return objects.stream().filter(ValidatingWebhookConfiguration.class::isInstance).map(ValidatingWebhookConfiguration.class::cast)
                .findFirst().orElseThrow().getWebhooks().get(0);
    }

    MutatingWebhook mutating() {
        return objects.stream().filter(MutatingWebhookConfiguration.class::isInstance).map(MutatingWebhookConfiguration.class::cast)
                .findFirst().orElseThrow().getWebhooks().get(0);
    }
}
