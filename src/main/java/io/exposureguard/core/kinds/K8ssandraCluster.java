package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;

/**
 * k8ssandra-operator's {@code K8ssandraCluster} (k8ssandra.io/v1alpha1), as the operator turns it into cass-operator
 * CassandraDatacenters (pkg/cassandra/datacenter.go Coalesce, pkg/cassandra/auth.go ApplyAuthSettings). Each
 * datacenter of {@code spec.cassandra.datacenters[]} in the resource's namespace is a datastore on cass-operator's
 * labels ({@link CassOperatorDatacenter}), its cluster named {@code spec.cassandra.clusterName} or the resource's name.
 * {@code spec.auth} (default true) makes the operator put {@code authenticator: PasswordAuthenticator} (DSE:
 * DseAuthenticator with authentication on) into cassandra.yaml, and {@code false} AllowAllAuthenticator, each only
 * where {@code config.cassandraYaml.authenticator} (the datacenter's over the cluster's) does not name one itself.
 * Networking is the datacenter's over the cluster's: {@code nodePort} gives the NodePort Service, {@code hostNetwork}
 * the node network. Datacenters in another namespace are not modelled; one with {@code k8sContext} is read as if it ran
 * here. The fix sets {@code spec.auth} back to true and
 * replaces an AllowAllAuthenticator it names.
 */
public final class K8ssandraCluster implements DatastoreResourceKind {

    static final String GROUP = "k8ssandra.io";
    static final String KIND = "K8ssandraCluster";
    static final String NAME_LABEL = "k8ssandra.io/cluster-name";
    static final String NAMESPACE_LABEL = "k8ssandra.io/cluster-namespace";
    private static final int MAX_SIZE = 1000;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> groups() {
        return List.of(GROUP);
    }

    @Override
    public List<String> versions() {
        return List.of("v1alpha1");
    }

    @Override
    public String plural() {
        return "k8ssandraclusters";
    }

    @Override
    public String generatedServices() {
        return "through its CassandraDatacenters: `<clusterName>-<dc>-node-port-service` (NodePort, with the datacenter's or"
                + " spec.cassandra.networking.nodePort); hostNetwork puts the pods on the node network";
    }

    @Override
    public String ownSettingsFix() {
        return "sets spec.auth back to true and replaces an AllowAllAuthenticator in spec.cassandra[.datacenters[]].config.cassandraYaml"
                + " with PasswordAuthenticator";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        boolean authEnabled = spec.bool("auth").orElse(true);
        Tree cassandra = spec.map("cassandra");
        String cluster = cassandra.string("clusterName").filter(n -> !n.isEmpty()).orElse(ref.name());
        boolean dse = cassandra.string("serverType").orElse("cassandra").equals("dse");
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        for (Tree dc : cassandra.maps("datacenters")) {
            Tree meta = dc.map("metadata");
            String name = meta.string("name").orElseThrow(() -> new InvalidFieldException(meta.pathText() + ".name: missing"));
            int size = dc.integer("size").orElseThrow(() -> new InvalidFieldException(dc.pathText() + ".size: missing"));
            if (size < 0 || size > MAX_SIZE) {
                throw new InvalidFieldException(dc.pathText() + ".size: expected 0 to " + MAX_SIZE);
            }
            if (!meta.string("namespace").orElse(ref.namespace()).equals(ref.namespace())) {
                continue;
            }
            CassOperatorDatacenter.Names names = new CassOperatorDatacenter.Names(cluster, name);
            CassOperatorDatacenter.Networking networking = networking(cassandra.map("networking"), dc.map("networking"));
            datastores.add(CassOperatorDatacenter.datastore(ref, names, networking, auth(ref, spec, cassandra, dc, authEnabled, dse)));
            CassOperatorDatacenter.nodePortService(ref, names, networking,
                    meta.path("services", "nodePortService").stringMap("annotations")).ifPresent(services::add);
        }
        return new CustomResourceReading(datastores, services);
    }

    /** The datacenter's networking over the cluster's, as k8ssandra-operator merges them. */
    private static CassOperatorDatacenter.Networking networking(Tree cluster, Tree dc) {
        CassOperatorDatacenter.Networking own = CassOperatorDatacenter.Networking.of(dc);
        CassOperatorDatacenter.Networking inherited = CassOperatorDatacenter.Networking.of(cluster);
        boolean hostNetwork = dc.has("hostNetwork") ? own.hostNetwork() : inherited.hostNetwork();
        return own.nodePort().isPresent() ? new CassOperatorDatacenter.Networking(own.nodePort(), hostNetwork, own.settingsPath())
                : new CassOperatorDatacenter.Networking(inherited.nodePort(), hostNetwork, inherited.settingsPath());
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec, Tree cassandra, Tree dc, boolean authEnabled, boolean dse) {
        Tree own = dc.path("config", "cassandraYaml");
        Tree inherited = cassandra.path("config", "cassandraYaml");
        Tree named = own.has("authenticator") ? own : inherited;
        String fix = "set spec.auth: true on " + ref.display() + " and remove AllowAllAuthenticator from its config.cassandraYaml";
        if (named.has("authenticator")) {
            return CassOperatorDatacenter.authenticator(ref, named.rawValue("authenticator"), named.pathText() + ".authenticator", fix);
        }
        if (!authEnabled) {
            return AuthVerdict.off(ref.display() + ": spec.auth is false, so k8ssandra-operator sets AllowAllAuthenticator: any client"
                    + " reads and writes", fix);
        }
        return AuthVerdict.on(ref.display() + ": spec.auth is " + (spec.has("auth") ? "true" : "left out (true by default)")
                + ", so k8ssandra-operator sets " + (dse ? "DseAuthenticator with authentication_options enabled" : "PasswordAuthenticator")
                + " and a superuser with a generated password");
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        if (!(object.path("spec") instanceof ObjectNode spec)) {
            return false;
        }
        boolean changed = false;
        if (spec.path("auth").isBoolean() && !spec.path("auth").asBoolean()) {
            spec.put("auth", true);
            changed = true;
        }
        List<JsonNode> configs = new ArrayList<>();
        configs.add(spec.path("cassandra").path("config"));
        spec.path("cassandra").path("datacenters").forEach(dc -> configs.add(dc.path("config")));
        for (JsonNode config : configs) {
            if (config.path("cassandraYaml") instanceof ObjectNode yaml && yaml.has("authenticator")) {
                changed |= CassOperatorDatacenter.passwordAuthenticator(yaml);
            }
        }
        return changed;
    }
}
