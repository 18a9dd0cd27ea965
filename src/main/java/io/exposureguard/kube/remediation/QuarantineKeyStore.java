package io.exposureguard.kube.remediation;

import io.exposureguard.core.remediation.QuarantineSeal;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The key of {@link QuarantineSeal}, kept in the Secret {@value #SECRET} in the operator's namespace (tenants cannot
 * read it). The first replica that finds no Secret creates it with 32 random bytes; a replica that loses that race
 * gets 409 and reads the winner's key, so every replica and every restart signs and verifies with the same key.
 * Read once, then held in memory. When the Secret cannot be read or created (permissions, a malformed key), no
 * quarantine is created or lifted; the reason is logged and the next audit tries again.
 */
public class QuarantineKeyStore {

    /** Fixed, like the leader Lease: the chart grants get on this name only. */
    public static final String SECRET = QuarantineSeal.KEY_SECRET;
    static final String DATA_KEY = "hmac-sha256";
    private static final Logger LOG = Logger.getLogger(QuarantineKeyStore.class);

    private final KubernetesClient client;
    private final String namespace;
    private final SecureRandom random = new SecureRandom();
    private volatile QuarantineSeal seal;
    private String lastProblem;

    public QuarantineKeyStore(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The seal if it is loaded already, without reading anything (for the admission webhooks' view of the cluster). */
    public Optional<QuarantineSeal> loaded() {
        return Optional.ofNullable(seal);
    }

    /** The seal, reading (or first creating) the key Secret when it is not loaded yet; empty when that fails. */
    public synchronized Optional<QuarantineSeal> seal() {
        if (seal != null) {
            return Optional.of(seal);
        }
        try {
            Secret secret = read();
            if (secret == null) {
                secret = create();
            }
            seal = new QuarantineSeal(key(secret));
            lastProblem = null;
            return Optional.of(seal);
        } catch (KubernetesClientException | IllegalArgumentException e) {
            String problem = "cannot load the quarantine key from Secret " + namespace + "/" + SECRET + " (" + e.getMessage()
                    + "); quarantines are neither created nor lifted until it can be read";
            if (!problem.equals(lastProblem)) {
                LOG.warn(problem);
                lastProblem = problem;
            }
            return Optional.empty();
        }
    }

    private Secret read() {
        return client.secrets().inNamespace(namespace).withName(SECRET).get();
    }

    private Secret create() {
        byte[] key = new byte[QuarantineSeal.KEY_BYTES];
        random.nextBytes(key);
        Secret desired = new SecretBuilder().withNewMetadata().withName(SECRET).withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "exposure-guard").addToLabels("app.kubernetes.io/component", "remediation")
                .endMetadata().withType("Opaque").withData(Map.of(DATA_KEY, Base64.getEncoder().encodeToString(key))).build();
        try {
            Secret created = client.secrets().inNamespace(namespace).resource(desired).create();
            LOG.infof("created the quarantine key Secret %s/%s", namespace, SECRET);
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            Secret winner = read();
            if (winner == null) {
                throw e;
            }
            return winner;
        }
    }

    private static byte[] key(Secret secret) {
        String encoded = secret.getData() == null ? null : secret.getData().get(DATA_KEY);
        if (encoded == null) {
            throw new IllegalArgumentException("data." + DATA_KEY + " is missing");
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("data." + DATA_KEY + " is not base64");
        }
    }
}
