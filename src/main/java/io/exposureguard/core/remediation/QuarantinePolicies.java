package io.exposureguard.core.remediation;

import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.RemediationFacts;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Quarantine NetworkPolicies: select a datastore's pods (with the narrowest exact selector,
 * {@link QuarantineSelector}) and admit ingress only from pods in the cluster (any namespace) and the policy's
 * allowed CIDRs, so traffic arriving from outside through a load balancer, node port or external IP is dropped where
 * the network plugin enforces NetworkPolicy. Labelled, named after the datastore, and signed
 * ({@link QuarantineSeal}): only a policy whose signature verifies is exposure-guard's own, so a look-alike a tenant
 * writes is never counted, updated in place of ours, or deleted.
 */
public final class QuarantinePolicies {

    public static final String LABEL = "exposureguard.io/quarantine";
    public static final String DATASTORE_ANNOTATION = "exposureguard.io/datastore";
    static final String PREFIX = "exposure-guard-quarantine-";

    private QuarantinePolicies() {
    }

    /** The quarantine of a datastore, selecting its pods by {@code selector}, signed with the operator's seal. */
    public static NetworkPolicy forDatastore(ObjectRef datastore, Map<String, String> selector, List<String> allowedCidrs,
                                             List<String> rules, String why, QuarantineSeal seal) {
        List<NetworkPolicyPeer> from = new ArrayList<>();
        from.add(new NetworkPolicyPeerBuilder().withNewNamespaceSelector().endNamespaceSelector().build());
        allowedCidrs.forEach(c -> from.add(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(c).endIpBlock().build()));
        NetworkPolicy policy = new NetworkPolicyBuilder()
                .withNewMetadata().withName(name(datastore)).withNamespace(datastore.namespace())
                .addToLabels("app.kubernetes.io/managed-by", "exposure-guard").addToLabels(LABEL, "true")
                .addToAnnotations(DATASTORE_ANNOTATION, datastore.display())
                .addToAnnotations("exposureguard.io/rules", String.join(",", rules))
                .addToAnnotations("exposureguard.io/reason", why)
                .endMetadata()
                .withNewSpec().withNewPodSelector().withMatchLabels(new java.util.TreeMap<>(selector)).endPodSelector()
                .withPolicyTypes("Ingress").addNewIngress().withFrom(from).endIngress().endSpec()
                .build();
        policy.getMetadata().getAnnotations().put(QuarantineSeal.ANNOTATION, seal.sign(policy));
        return policy;
    }

    /** "namespace/name" of the quarantine a datastore gets. */
    static String key(ObjectRef datastore) {
        return datastore.namespace() + "/" + name(datastore);
    }

    /** "exposure-guard-quarantine-<kind>-<name>", shortened with a hash to the 63-character label limit. */
    static String name(ObjectRef datastore) {
        String base = PREFIX + (datastore.kind() + "-" + datastore.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (base.length() <= 63) {
            return base;
        }
        return base.substring(0, 50) + "-" + hash(base);
    }

    /**
     * The decisions with a fact naming the quarantine that contains their datastore, so events and
     * PolicyReports list it ("quarantined by NetworkPolicy shop/exposure-guard-quarantine-..."). Only quarantines
     * the seal proves are ours count; without a seal (remediation off, key not loaded) none does.
     */
    public static List<Decision> withQuarantineFacts(List<Decision> decisions, List<? extends HasMetadata> objects,
                                                     Optional<QuarantineSeal> seal) {
        return RemediationFacts.withQuarantineFacts(decisions, proven(objects, seal));
    }

    /**
     * The quarantines among {@code objects} that the seal proves are ours, as datastore display name to the
     * quarantine's "namespace/name" (what {@link io.exposureguard.core.policy.ClusterState#quarantines()} holds);
     * empty without a seal.
     */
    public static Map<String, String> proven(List<? extends HasMetadata> objects, Optional<QuarantineSeal> seal) {
        if (seal.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byDatastore = new java.util.HashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof NetworkPolicy np && isOurs(np, seal.get()) && np.getMetadata().getAnnotations() != null
                    && np.getMetadata().getAnnotations().get(DATASTORE_ANNOTATION) != null) {
                byDatastore.put(np.getMetadata().getAnnotations().get(DATASTORE_ANNOTATION),
                        np.getMetadata().getNamespace() + "/" + np.getMetadata().getName());
            }
        }
        return byDatastore;
    }

    /** Carries the quarantine label: a claim anyone can make, see {@link #isOurs}. */
    public static boolean isQuarantine(NetworkPolicy policy) {
        return policy.getMetadata() != null && policy.getMetadata().getLabels() != null
                && "true".equals(policy.getMetadata().getLabels().get(LABEL));
    }

    /** A quarantine exposure-guard wrote: labelled, and its signature verifies for its namespace, name and spec. */
    public static boolean isOurs(NetworkPolicy policy, QuarantineSeal seal) {
        return isQuarantine(policy) && seal.verifies(policy);
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
