package io.exposureguard.edge.tls;

import io.exposureguard.edge.tls.CertificatePlan.Change;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Secret that holds the self-managed CA and serving certificate, shared by every replica. Writes use
 * optimistic concurrency (create, or update at the read resourceVersion): a replica that loses a race gets
 * 409, re-reads, and adopts the winner's certificate, so all replicas serve certificates from one CA.
 */
public class CertificateStore {

    private static final Logger LOG = Logger.getLogger(CertificateStore.class);
    private static final int WRITE_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final CertificatePlanner planner;

    public CertificateStore(KubernetesClient client, String namespace, String name, CertificatePlanner planner) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.planner = planner;
    }

    /** Reads the Secret, writes the plan when it changes something, and returns what the Secret now holds. */
    public CertificatePlan converge(List<String> dnsNames, Instant now) {
        for (int attempt = 1; ; attempt++) {
            Secret current = read();
            CertificatePlan plan = planner.plan(Optional.ofNullable(current).map(CertificateStore::decode), dnsNames, now);
            if (plan.change() == Change.KEEP) {
                return plan;
            }
            try {
                Secret desired = desired(current, plan.bundle());
                if (current == null) {
                    client.secrets().inNamespace(namespace).resource(desired).create();
                } else {
                    client.secrets().inNamespace(namespace).resource(desired).update();
                }
                LOG.infof("webhook TLS: %s in Secret %s/%s (%s)", plan.change(), namespace, name, plan.reason());
                return plan;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= WRITE_ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("webhook TLS: another replica wrote Secret %s/%s first; re-reading", namespace, name);
            }
        }
    }

    /** The Secret as it is now (a seam for tests that need a stale read). */
    Secret read() {
        return client.secrets().inNamespace(namespace).withName(name).get();
    }

    private Secret desired(Secret current, WebhookTlsBundle bundle) {
        Map<String, String> data = new LinkedHashMap<>();
        bundle.toData().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.US_ASCII))));
        SecretBuilder builder = current == null
                ? new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().withType("kubernetes.io/tls")
                : new SecretBuilder(current);
        return builder.editMetadata().addToLabels("app.kubernetes.io/managed-by", "exposure-guard")
                .addToLabels("app.kubernetes.io/component", "webhook-tls").endMetadata()
                .withData(data).withStringData(null).build();
    }

    private static Map<String, String> decode(Secret secret) {
        Map<String, String> decoded = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> {
                try {
                    decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.US_ASCII));
                } catch (IllegalArgumentException e) {
                    decoded.put(k, "");
                }
            });
        }
        return decoded;
    }
}
