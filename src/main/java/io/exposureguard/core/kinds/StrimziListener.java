package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One entry of a Strimzi {@code spec.kafka.listeners}: its name, port and type, and whether it authenticates
 * clients. Strimzi: "If no authentication property is specified then the listener does not authenticate clients",
 * whether or not {@code tls} is set (TLS encrypts, it does not identify the client).
 *
 * @param index where it stands in {@code spec.kafka.listeners}, for the text that names it
 */
record StrimziListener(int index, String name, int port, String type, boolean tls, AuthVerdict auth, Tree configuration) {

    static final String FIX_TYPE = "scram-sha-512";
    /** The listener types whose Services (or Routes, Ingresses, TLSRoutes) Strimzi makes for clients outside the cluster. */
    static final Set<String> EXTERNAL = Set.of("nodeport", "loadbalancer", "ingress", "route", "tlsroute");
    private static final Set<String> TYPES = Set.of("internal", "cluster-ip", "nodeport", "loadbalancer", "ingress", "route", "tlsroute");
    private static final Set<String> AUTHENTICATION_TYPES = Set.of("tls", "scram-sha-512", "oauth", "custom");

    /** The listeners of a Kafka resource; a listener of the wrong shape or an unknown type is an input problem. */
    static List<StrimziListener> read(ObjectRef kafka, Tree kafkaSpec) {
        List<StrimziListener> out = new ArrayList<>();
        List<Tree> listeners = kafkaSpec.maps("listeners");
        for (int i = 0; i < listeners.size(); i++) {
            Tree l = listeners.get(i);
            String at = l.pathText();
            String name = l.string("name").orElseThrow(() -> new InvalidFieldException(at + ".name: missing"));
            int port = l.integer("port").orElseThrow(() -> new InvalidFieldException(at + ".port: missing"));
            String type = l.string("type").orElseThrow(() -> new InvalidFieldException(at + ".type: missing"));
            if (!TYPES.contains(type)) {
                throw new InvalidFieldException(at + ".type: expected one of internal, cluster-ip, nodeport, loadbalancer,"
                        + " ingress, route, tlsroute");
            }
            boolean tls = l.bool("tls").orElse(false);
            String listener = "listener " + name + " (" + type + ", port " + port + ") of " + kafka.display();
            out.add(new StrimziListener(i, name, port, type, tls, auth(kafka, l, listener, tls), l.map("configuration")));
        }
        return out;
    }

    private static AuthVerdict auth(ObjectRef kafka, Tree listener, String what, boolean tls) {
        Tree authentication = listener.map("authentication");
        if (!listener.has("authentication")) {
            return AuthVerdict.off(what + " has no authentication, so Strimzi accepts every client"
                    + (tls ? " (tls: true encrypts the connection but identifies no client)" : ""),
                    "add authentication: {type: " + FIX_TYPE + "} (or tls) to " + what + " and create KafkaUsers for its clients");
        }
        String type = authentication.string("type").orElse("");
        if (AUTHENTICATION_TYPES.contains(type)) {
            return AuthVerdict.on(what + " authenticates clients (authentication type " + type + ")");
        }
        return AuthVerdict.unknown(what + " has an authentication type exposure-guard does not know",
                "use authentication type " + FIX_TYPE + ", tls, oauth or custom on " + what);
    }

    boolean internal() {
        return type.equals("internal");
    }

    boolean external() {
        return EXTERNAL.contains(type);
    }

    /** Strimzi's port name: the backwards-compatible names of the three listeners of old, else tcp-<name>. */
    String portName() {
        if (port == 9092 && name.equals("plain") && internal()) {
            return "tcp-clients";
        }
        if (port == 9093 && name.equals("tls") && internal()) {
            return "tcp-clientstls";
        }
        if (port == 9094 && name.equals("external")) {
            return "tcp-external";
        }
        return "tcp-" + name;
    }

    String serviceType() {
        return switch (type) {
            case "nodeport" -> "NodePort";
            case "loadbalancer" -> "LoadBalancer";
            default -> "ClusterIP";
        };
    }

    /** {@code <cluster>-kafka-<name>-bootstrap}, for a listener that is not internal. */
    String bootstrapService(String cluster) {
        return cluster + "-kafka-" + name + "-bootstrap";
    }

    /** {@code <base>-<name>-<id>}, {@code <base>-<id>} for the old "external" listener on 9094. */
    String brokerService(String base, int nodeId) {
        return port == 9094 && name.equals("external") ? base + "-" + nodeId : base + "-" + name + "-" + nodeId;
    }

    /** Where the listener stands in the resource, for remediation text. */
    String settingsPath() {
        return "spec.kafka.listeners[" + index + "]";
    }
}
