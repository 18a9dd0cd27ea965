package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.inventory.GeneratedServices;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code spec.http} block every ECK resource shares: TLS on by default (a self-signed certificate unless
 * {@code tls.selfSignedCertificate.disabled} without an own certificate), and the HTTP Service ECK generates as
 * {@code <name>-<suffix>-http} from {@code http.service}.
 */
final class EckHttp {

    static final String TYPE_LABEL = "common.k8s.elastic.co/type";
    static final String SERVICE_SETTINGS = "spec.http.service.spec";

    private EckHttp() {
    }

    /** Why HTTP is served without TLS; empty when it is not. */
    static Optional<String> plaintext(Tree http) {
        boolean disabled = http.path("tls", "selfSignedCertificate").bool("disabled").orElse(false);
        boolean ownCertificate = http.path("tls", "certificate").has("secretName");
        if (disabled && !ownCertificate) {
            return Optional.of("spec.http.tls.selfSignedCertificate.disabled: true: HTTP is served without TLS,"
                    + " so credentials and data cross the network in plaintext");
        }
        return Optional.empty();
    }

    static String portName(Optional<String> plaintext) {
        return plaintext.isPresent() ? "http" : "https";
    }

    /** The generated {@code <name>-<suffix>-http} Service. */
    static ServiceView service(ObjectRef ref, Tree http, String suffix, Map<String, String> selector, int port, String portName) {
        return GeneratedServices.fromTemplate(ref.namespace(), ref.name() + "-" + suffix + "-http", http.map("service"),
                selector, port, portName, ref, SERVICE_SETTINGS);
    }

    static boolean hostNetwork(Tree podSpec) {
        return podSpec.bool("hostNetwork").orElse(false);
    }

    /** Drops {@code spec.http.tls.selfSignedCertificate.disabled: true}, so ECK serves HTTPS again. */
    static boolean enableTls(ObjectNode spec) {
        JsonNode self = spec.path("http").path("tls").path("selfSignedCertificate");
        if (self instanceof ObjectNode s && s.path("disabled").asBoolean(false)) {
            s.remove("disabled");
            return true;
        }
        return false;
    }

    /** {@code spec.http.service}, when it has a {@code spec} to close. */
    static Optional<ObjectNode> serviceSettings(ObjectNode object) {
        JsonNode service = object.path("spec").path("http").path("service");
        return service instanceof ObjectNode s && s.path("spec") instanceof ObjectNode ? Optional.of(s) : Optional.empty();
    }
}
