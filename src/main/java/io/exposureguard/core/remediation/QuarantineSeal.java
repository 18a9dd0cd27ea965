package io.exposureguard.core.remediation;

import io.exposureguard.kube.remediation.QuarantineKeyStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Proof that exposure-guard wrote a quarantine NetworkPolicy, so only its own are ever updated, counted or deleted.
 *
 * <p>The proof is an HMAC-SHA256 over the policy's namespace, name, {@code exposureguard.io/datastore} annotation and
 * spec, keyed by 32 random bytes only the operator holds (a Secret in its own namespace, see
 * {@link QuarantineKeyStore}), kept in the {@value #ANNOTATION} annotation. Why a keyed MAC and not the alternatives:
 * <ul>
 *   <li>A label, an owner annotation or a plain hash of the spec can be written by anyone who can create a
 *       NetworkPolicy in the namespace: the tenant can read this code and compute the same hash.</li>
 *   <li>{@code managedFields} naming the {@code exposure-guard} field manager is no proof either: any client may apply
 *       with that manager name.</li>
 *   <li>A keyed MAC cannot be computed without the key, and tenants cannot read Secrets in the operator's namespace.
 *       Binding namespace and name means a signed policy copied elsewhere does not verify; binding the spec means a
 *       signed policy whose selector or rules were changed does not verify. Re-creating one of ours verbatim after it
 *       was deleted is harmless: it is exactly what exposure-guard wrote for that namespace and name.</li>
 * </ul>
 * Pure: the key comes in; the same key gives the same signature on every replica and after a restart.
 */
public final class QuarantineSeal {

    public static final String ANNOTATION = "exposureguard.io/signature";
    static final String VERSION = "v1";
    public static final int KEY_BYTES = 32;
    /** The Secret in the operator's namespace that holds the key. */
    public static final String KEY_SECRET = "exposure-guard-quarantine-key";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final byte[] key;

    public QuarantineSeal(byte[] key) {
        if (key == null || key.length < KEY_BYTES) {
            throw new IllegalArgumentException("a quarantine key needs at least " + KEY_BYTES + " bytes");
        }
        this.key = key.clone();
    }

    /** The signature annotation value for this policy as it is now (its own signature annotation is not part of it). */
    public String sign(NetworkPolicy policy) {
        return VERSION + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(payload(policy)));
    }

    /** True when the policy carries a signature this key made for exactly its namespace, name, datastore and spec. */
    public boolean verifies(NetworkPolicy policy) {
        String claimed = policy.getMetadata() == null || policy.getMetadata().getAnnotations() == null ? null
                : policy.getMetadata().getAnnotations().get(ANNOTATION);
        if (claimed == null) {
            return false;
        }
        return MessageDigest.isEqual(claimed.getBytes(StandardCharsets.UTF_8), sign(policy).getBytes(StandardCharsets.UTF_8));
    }

    /** Each field length-prefixed, so no two different policies give the same text. */
    static String payload(NetworkPolicy policy) {
        var meta = policy.getMetadata();
        Map<String, String> annotations = meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        List<String> fields = new ArrayList<>();
        fields.add("exposure-guard quarantine " + VERSION);
        fields.add(meta == null ? "" : String.valueOf(meta.getNamespace()));
        fields.add(meta == null ? "" : String.valueOf(meta.getName()));
        fields.add(String.valueOf(annotations.get(QuarantinePolicies.DATASTORE_ANNOTATION)));
        fields.add(canonical(SERIALIZATION.convertValue(policy.getSpec(), JsonNode.class)).toString());
        StringBuilder out = new StringBuilder();
        fields.forEach(f -> out.append(f.length()).append(':').append(f).append('\n'));
        return out.toString();
    }

    /** Keys sorted, nulls and empty lists left out (an absent list and an empty one mean the same to Kubernetes). */
    static JsonNode canonical(JsonNode node) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.stream().sorted().forEach(n -> {
                JsonNode v = node.get(n);
                if (!(v == null || v.isNull() || (v.isArray() && v.isEmpty()))) {
                    out.set(n, canonical(v));
                }
            });
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> out.add(canonical(v)));
            return out;
        }
        return node;
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
