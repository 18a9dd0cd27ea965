package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What cass-operator makes of one datacenter, shared by {@link CassandraDatacenter} and {@link K8ssandraCluster} (whose
 * datacenters k8ssandra-operator turns into CassandraDatacenters): its pods' labels, its native port, the
 * {@code <cluster>-<dc>-node-port-service} that {@code networking.nodePort} asks for, and what a cassandra.yaml
 * {@code authenticator} value means (apis/cassandra/v1beta1/cassandradatacenter_types.go,
 * pkg/reconciliation/construct_service.go).
 */
final class CassOperatorDatacenter {

    static final String CLUSTER_LABEL = "cassandra.datastax.com/cluster";
    static final String DATACENTER_LABEL = "cassandra.datastax.com/datacenter";
    static final int NATIVE_PORT = 9042;
    static final int INTERNODE_PORT = 7000;
    private static final int MAX_PORT = 65535;
    private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern LABEL_PART = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private CassOperatorDatacenter() {
    }

    /** One datacenter: its cluster and datacenter names as the resources write them. */
    record Names(String cluster, String datacenter) {
        Map<String, String> labels() {
            return Map.of(CLUSTER_LABEL, labelValue(cluster), DATACENTER_LABEL, labelValue(datacenter));
        }

        String serviceName(String suffix) {
            return kubernetesName(cluster) + "-" + kubernetesName(datacenter) + "-" + suffix;
        }
    }

    /**
     * A datacenter's networking: {@code nodePort} (empty when not set) and {@code hostNetwork}, with the path that
     * names them for remediation text.
     */
    record Networking(Optional<Tree> nodePort, boolean hostNetwork, String settingsPath) {
        static Networking of(Tree networking) {
            return new Networking(networking.has("nodePort") ? Optional.of(networking.map("nodePort")) : Optional.empty(),
                    networking.bool("hostNetwork").orElse(false), networking.pathText());
        }

        int nativePort() {
            return nodePort.flatMap(n -> port(n, "nativeSSL").or(() -> port(n, "native"))).orElse(NATIVE_PORT);
        }

        int internodePort() {
            return nodePort.flatMap(n -> port(n, "internodeSSL").or(() -> port(n, "internode"))).orElse(INTERNODE_PORT);
        }
    }

    /** The datacenter's pods, on its native port (the node port's number when node ports are on), maybe on the node network. */
    static Datastore datastore(ObjectRef ref, Names names, Networking networking, AuthVerdict auth) {
        return new Datastore(ref, DatastoreKind.CASSANDRA, "datacenter " + names.datacenter() + " of " + ref.display(), names.labels(),
                List.of(DataPort.of(networking.nativePort(), "native")), auth, Optional.empty(), networking.hostNetwork());
    }

    /** The NodePort Service cass-operator makes when {@code networking.nodePort} is set: native and internode, node port = port. */
    static Optional<ServiceView> nodePortService(ObjectRef ref, Names names, Networking networking, Map<String, String> annotations) {
        if (networking.nodePort().isEmpty()) {
            return Optional.empty();
        }
        int nativePort = networking.nativePort();
        int internode = networking.internodePort();
        return Optional.of(new ServiceView(ref.namespace(), names.serviceName("node-port-service"), "NodePort", annotations,
                names.labels(), List.of(new ServicePortView("internode", internode, internode, null, internode),
                new ServicePortView("native", nativePort, nativePort, null, nativePort)), List.of(), List.of(), null, ref,
                networking.settingsPath())
                .withCloseFix("remove " + networking.settingsPath() + ".nodePort from " + ref.display()));
    }

    private static Optional<Integer> port(Tree nodePort, String key) {
        Optional<Integer> port = nodePort.integer(key).filter(p -> p != 0);
        port.filter(p -> p < 0 || p > MAX_PORT).ifPresent(p -> {
            throw new InvalidFieldException(nodePort.pathText() + "." + key + ": expected a port number (1 to " + MAX_PORT + ")");
        });
        return port;
    }

    /**
     * The verdict of a cassandra.yaml {@code authenticator} (a class name, or from Cassandra 5.0 a map with
     * {@code class_name}); absent means AllowAllAuthenticator, Cassandra's default and that of the configuration
     * cass-operator builds.
     */
    static AuthVerdict authenticator(ObjectRef ref, Object authenticator, String at, String fix) {
        String name = authenticator instanceof Map<?, ?> m ? String.valueOf(m.get("class_name")) : authenticator == null ? null
                : authenticator instanceof List ? invalid(at) : String.valueOf(authenticator);
        if (name == null) {
            return AuthVerdict.off(ref.display() + ": " + at + " is not set, so Cassandra keeps its default AllowAllAuthenticator"
                    + " (cass-operator's configuration builder does not change it): any client reads and writes", fix);
        }
        if (name.endsWith("AllowAllAuthenticator")) {
            return AuthVerdict.off(ref.display() + ": " + at + " is " + name + ": any client reads and writes", fix);
        }
        return AuthVerdict.on(ref.display() + ": " + at + " is " + name + (name.endsWith("PasswordAuthenticator")
                ? "; cass-operator creates a superuser with a generated password" : ""));
    }

    private static String invalid(String at) {
        throw new InvalidFieldException(at + ": expected a class name, found a list");
    }

    /**
     * Sets a cassandra.yaml block's authenticator to PasswordAuthenticator when it is absent or AllowAllAuthenticator
     * (as a class name, or the {@code class_name} of Cassandra 5.0's map form).
     */
    static boolean passwordAuthenticator(ObjectNode cassandraYaml) {
        JsonNode current = cassandraYaml.path("authenticator");
        if (current instanceof ObjectNode map) {
            if (map.path("class_name").asText("").endsWith("AllowAllAuthenticator")) {
                map.put("class_name", "PasswordAuthenticator");
                return true;
            }
            return false;
        }
        if (current.isMissingNode() || current.isNull() || current.asText("").endsWith("AllowAllAuthenticator")) {
            cassandraYaml.put("authenticator", "PasswordAuthenticator");
            return true;
        }
        return false;
    }

    /** The object under {@code key}, made when absent; empty when something else is there. */
    static Optional<ObjectNode> child(ObjectNode parent, String key) {
        JsonNode value = parent.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.of(parent.putObject(key));
        }
        return value instanceof ObjectNode o ? Optional.of(o) : Optional.empty();
    }

    /** cass-operator's label value: spaces dropped, only what a label value may hold kept. */
    static String labelValue(String value) {
        Matcher m = LABEL_PART.matcher(value.replace(" ", ""));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            out.append(m.group());
        }
        return out.toString();
    }

    /** cass-operator's object-name form of a name: as it is when it is a DNS-1035 label, else lowercased and cleaned. */
    static String kubernetesName(String value) {
        if (value.length() <= 63 && DNS_1035.matcher(value).matches()) {
            return value;
        }
        Matcher m = DNS_1035.matcher(value.toLowerCase(java.util.Locale.ROOT).replace("_", "-"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            out.append(m.group());
        }
        return out.toString();
    }

    /** Service annotations of {@code additionalServiceConfig.nodePortService}. */
    static Map<String, String> nodePortAnnotations(Tree additionalServiceConfig) {
        return new LinkedHashMap<>(additionalServiceConfig.map("nodePortService").stringMap("additionalAnnotations"));
    }
}
