package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cass-operator's {@code CassandraDatacenter} (cassandra.datastax.com/v1beta1), as the operator builds it
 * (apis/cassandra/v1beta1/cassandradatacenter_types.go, pkg/reconciliation/construct_service.go). The datacenter is a
 * datastore on the operator's labels ({@code cassandra.datastax.com/cluster: <clusterName>},
 * {@code cassandra.datastax.com/datacenter: <name>}), serving CQL on 9042. Its configuration is
 * {@code spec.config}: without {@code cassandra-yaml.authenticator} Cassandra keeps AllowAllAuthenticator, the default
 * of cassandra.yaml and of the definitions cass-operator's configuration builder renders (datastax/cass-config-definitions;
 * the operator's own samples and tests set PasswordAuthenticator where they want authentication), so authentication is
 * off unless it names another authenticator; a DSE datacenter authenticates with
 * {@code dse-yaml.authentication_options.enabled: true}. A configuration in {@code spec.configSecret} is not read
 * (unknown). {@code networking.nodePort} makes {@code <cluster>-<dc>-node-port-service} (native and internode on node
 * ports of the same numbers), {@code networking.hostNetwork} puts the pods on the node network; its other Services are
 * ClusterIP or headless. A datacenter k8ssandra-operator made from a {@code K8ssandraCluster} of the input in the same
 * namespace is read there (labels {@code k8ssandra.io/cluster-name}, {@code -namespace}), not twice. The fix sets the authenticator (or DSE's
 * authentication) on.
 */
public final class CassandraDatacenter implements DatastoreResourceKind {

    private static final int MAX_SIZE = 1000;
    private static final String CONFIG = "spec.config";

    @Override
    public String kind() {
        return "CassandraDatacenter";
    }

    @Override
    public List<String> groups() {
        return List.of("cassandra.datastax.com");
    }

    @Override
    public List<String> versions() {
        return List.of("v1beta1");
    }

    @Override
    public String plural() {
        return "cassandradatacenters";
    }

    @Override
    public String generatedServices() {
        return "`<clusterName>-<name>-node-port-service` (NodePort, with spec.networking.nodePort); spec.networking.hostNetwork"
                + " puts the pods on the node network";
    }

    @Override
    public String ownSettingsFix() {
        return "sets spec.config.cassandra-yaml.authenticator to PasswordAuthenticator (DSE: dse-yaml.authentication_options.enabled: true)";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        if (managedByK8ssandraCluster(ref, root.map("metadata").stringMap("labels"), context)) {
            return new CustomResourceReading(List.of(), List.of());
        }
        Tree spec = root.map("spec");
        String cluster = spec.string("clusterName").orElseThrow(() -> new InvalidFieldException("spec.clusterName: missing"));
        int size = spec.integer("size").orElseThrow(() -> new InvalidFieldException("spec.size: missing"));
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidFieldException("spec.size: expected 1 to " + MAX_SIZE);
        }
        CassOperatorDatacenter.Names names = new CassOperatorDatacenter.Names(cluster, ref.name());
        CassOperatorDatacenter.Networking networking = CassOperatorDatacenter.Networking.of(spec.map("networking"));
        List<ServiceView> services = new ArrayList<>();
        CassOperatorDatacenter.nodePortService(ref, names, networking,
                        CassOperatorDatacenter.nodePortAnnotations(spec.map("additionalServiceConfig")))
                .ifPresent(services::add);
        return new CustomResourceReading(List.of(CassOperatorDatacenter.datastore(ref, names, networking, auth(ref, spec))), services);
    }

    /** Made by a K8ssandraCluster of the input in its own namespace (which reads its datacenters of that namespace). */
    private static boolean managedByK8ssandraCluster(ObjectRef ref, Map<String, String> labels, ReadContext context) {
        String name = labels.get(K8ssandraCluster.NAME_LABEL);
        return name != null && ref.namespace().equals(labels.get(K8ssandraCluster.NAMESPACE_LABEL))
                && context.objects(K8ssandraCluster.GROUP, K8ssandraCluster.KIND, ref.namespace()).stream()
                .anyMatch(k -> name.equals(k.map("metadata").string("name").orElse(null)));
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec) {
        String fix = "set " + CONFIG + ".cassandra-yaml.authenticator: PasswordAuthenticator on " + ref.display();
        if (spec.has("configSecret")) {
            return AuthVerdict.unknown(ref.display() + ": the configuration is in Secret " + spec.string("configSecret").orElse("")
                    + " (spec.configSecret), not read here", fix + " (in the configSecret)");
        }
        Tree config = spec.map("config");
        if (spec.string("serverType").orElse("cassandra").equals("dse")) {
            boolean enabled = config.path("dse-yaml", "authentication_options").bool("enabled").orElse(false);
            String at = CONFIG + ".dse-yaml.authentication_options.enabled";
            return enabled ? AuthVerdict.on(ref.display() + ": " + at + " is true")
                    : AuthVerdict.off(ref.display() + ": " + at + " is not true, DSE's default: any client reads and writes",
                    "set " + at + ": true on " + ref.display());
        }
        return CassOperatorDatacenter.authenticator(ref, config.map("cassandra-yaml").rawValue("authenticator"),
                CONFIG + ".cassandra-yaml.authenticator", fix);
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        if (!(object.path("spec") instanceof ObjectNode spec) || spec.has("configSecret")) {
            return false;
        }
        Optional<ObjectNode> config = CassOperatorDatacenter.child(spec, "config");
        if (spec.path("serverType").asText("cassandra").equals("dse")) {
            Optional<ObjectNode> options = config.flatMap(c -> CassOperatorDatacenter.child(c, "dse-yaml"))
                    .flatMap(d -> CassOperatorDatacenter.child(d, "authentication_options"));
            boolean changed = options.filter(o -> !o.path("enabled").asBoolean(false)).isPresent();
            options.ifPresent(o -> o.put("enabled", true));
            return changed;
        }
        return config.flatMap(c -> CassOperatorDatacenter.child(c, "cassandra-yaml"))
                .map(CassOperatorDatacenter::passwordAuthenticator).orElse(false);
    }
}
