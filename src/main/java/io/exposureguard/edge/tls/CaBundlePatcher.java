package io.exposureguard.edge.tls;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Sets {@code clientConfig.caBundle} of every webhook in exposure-guard's Validating- and
 * MutatingWebhookConfiguration, writing only when a value differs. A configuration that does not exist
 * (webhooks disabled in Helm, or not installed yet) is skipped.
 */
public final class CaBundlePatcher {

    private static final Logger LOG = Logger.getLogger(CaBundlePatcher.class);
    private final KubernetesClient client;

    public CaBundlePatcher(KubernetesClient client) {
        this.client = client;
    }

    /** @return how many configurations were changed */
    public int patch(String configurationName, String caBundlePem) {
        String encoded = Base64.getEncoder().encodeToString(caBundlePem.getBytes(StandardCharsets.US_ASCII));
        var admission = client.admissionRegistration().v1();
        int changed = patch(admission.validatingWebhookConfigurations().withName(configurationName),
                (ValidatingWebhookConfiguration c) -> c.getWebhooks().stream().map(ValidatingWebhook::getClientConfig).toList(),
                configurationName, encoded) ? 1 : 0;
        return changed + (patch(admission.mutatingWebhookConfigurations().withName(configurationName),
                (MutatingWebhookConfiguration c) -> c.getWebhooks().stream().map(MutatingWebhook::getClientConfig).toList(),
                configurationName, encoded) ? 1 : 0);
    }

    private static <T extends HasMetadata> boolean patch(Resource<T> resource, Function<T, List<WebhookClientConfig>> clientConfigs,
                                                         String name, String encoded) {
        T current = resource.get();
        if (current == null) {
            LOG.debugf("webhook configuration %s not found; nothing to patch", name);
            return false;
        }
        if (clientConfigs.apply(current).stream().allMatch(c -> Objects.equals(encoded, c.getCaBundle()))) {
            return false;
        }
        resource.edit(c -> {
            clientConfigs.apply(c).forEach(cc -> cc.setCaBundle(encoded));
            return c;
        });
        LOG.infof("%s %s: caBundle updated", current.getKind(), name);
        return true;
    }
}
