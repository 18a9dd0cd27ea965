package io.exposureguard.core.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Zalando postgres-operator's {@code postgresql} (acid.zalan.do/v1): a Spilo cluster of
 * {@code spec.numberOfInstances} pods labelled {@code application: spilo}, {@code cluster-name: <name>} and
 * {@code spilo-role: master|replica}. Spilo's default pg_hba asks for md5 passwords over SSL and the operator
 * generates every user's password into a Secret, so authentication is on unless a line of
 * {@code spec.patroni.pg_hba} (which replaces the default) trusts network clients. The operator generates the
 * Services {@code <name>} (the master) and {@code <name>-repl} (the replicas): ClusterIP, a NodePort when
 * {@code enableMasterNodePort}/{@code enableReplicaNodePort} is true (it wins over the load balancer), a LoadBalancer
 * when {@code enableMasterLoadBalancer}/{@code enableReplicaLoadBalancer} is true, open to
 * {@code allowedSourceRanges} or, when those are empty, only to 127.0.0.1/32. A flag left out falls back to the
 * operator's configuration, which the installs ship as false; then no Service is generated here, so the real one is
 * read as it is. The fix removes the trust lines.
 */
public final class ZalandoPostgresql implements DatastoreResourceKind {

    static final String GROUP = "acid.zalan.do";
    static final String CLUSTER_LABEL = "cluster-name";
    static final String ROLE_LABEL = "spilo-role";
    private static final int PORT = 5432;
    private static final String PORT_NAME = "postgresql";
    private static final int MAX_INSTANCES = 1000;
    /** What the operator puts in loadBalancerSourceRanges when allowedSourceRanges is empty. */
    private static final String LOCALHOST = "127.0.0.1/32";

    /** The master or the replicas: their role label, generated Service and the flags that publish it. */
    private enum Role {
        MASTER("master", "", "Master"),
        REPLICA("replica", "-repl", "Replica");

        final String label;
        final String serviceSuffix;
        final String flag;

        Role(String label, String serviceSuffix, String flag) {
            this.label = label;
            this.serviceSuffix = serviceSuffix;
            this.flag = flag;
        }
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public List<String> groups() {
        return List.of(GROUP);
    }

    @Override
    public List<String> versions() {
        return List.of("v1");
    }

    @Override
    public String plural() {
        return "postgresqls";
    }

    @Override
    public String generatedServices() {
        return "`<name>` (master) and `<name>-repl` (replicas): NodePort with spec.enableMasterNodePort/enableReplicaNodePort,"
                + " else LoadBalancer with spec.enableMasterLoadBalancer/enableReplicaLoadBalancer, open to spec.allowedSourceRanges"
                + " (empty: 127.0.0.1/32 only)";
    }

    @Override
    public String ownSettingsFix() {
        return "removes the trust lines of spec.patroni.pg_hba";
    }

    @Override
    public boolean fixesOwnSettings() {
        return true;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        int instances = spec.integer("numberOfInstances").orElse(1);
        if (instances < 0 || instances > MAX_INSTANCES) {
            throw new InvalidFieldException("spec.numberOfInstances: expected 0 to " + MAX_INSTANCES);
        }
        AuthVerdict auth = auth(ref, spec);
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        for (Role role : Role.values()) {
            Map<String, String> labels = labels(ref, role);
            if (role == Role.MASTER || instances > 1) {
                datastores.add(new Datastore(ref, DatastoreKind.POSTGRESQL, role.label + " of " + ref.display(), labels,
                        List.of(DataPort.of(PORT, PORT_NAME)), auth, Optional.empty(), false));
            }
            service(ref, spec, role, labels).ifPresent(services::add);
        }
        return new CustomResourceReading(datastores, services);
    }

    /** The pods' labels with the operator's default label configuration (cluster_labels, cluster_name_label, pod_role_label). */
    private static Map<String, String> labels(ObjectRef ref, Role role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("application", "spilo");
        labels.put(CLUSTER_LABEL, ref.name());
        labels.put(ROLE_LABEL, role.label);
        return labels;
    }

    /** The role's Service when the resource itself publishes it (NodePort or LoadBalancer); empty otherwise. */
    private static Optional<ServiceView> service(ObjectRef ref, Tree spec, Role role, Map<String, String> selector) {
        String nodePortFlag = "enable" + role.flag + "NodePort";
        String loadBalancerFlag = "enable" + role.flag + "LoadBalancer";
        boolean nodePort = spec.bool(nodePortFlag).orElse(false);
        boolean loadBalancer = !nodePort && spec.bool(loadBalancerFlag).orElse(false);
        List<String> ranges = spec.strings("allowedSourceRanges");
        Map<String, String> annotations = new LinkedHashMap<>(spec.stringMap("serviceAnnotations"));
        annotations.putAll(spec.stringMap(role.label + "ServiceAnnotations"));
        String type = nodePort ? "NodePort" : loadBalancer ? "LoadBalancer" : "ClusterIP";
        String flag = "spec." + (nodePort ? nodePortFlag : loadBalancerFlag);
        return PublishedService.of(ref, ref.name() + role.serviceSuffix, type, annotations, selector, PORT, PORT_NAME,
                nodePort ? spec.integer(role.label + "NodePort").orElse(0) : 0, ranges.isEmpty() ? List.of(LOCALHOST) : ranges, flag)
                .map(s -> s.withCloseFix("set " + flag + ": false on " + ref.display()
                        + (nodePort ? "" : ", or restrict it with spec.allowedSourceRanges or an internal load-balancer annotation in "
                        + "spec.serviceAnnotations")));
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec) {
        List<String> pgHba = spec.map("patroni").strings("pg_hba");
        Optional<AuthVerdict> trust = PgHba.off(ref.display(), "spec.patroni.pg_hba", pgHba,
                "remove the trust lines from spec.patroni.pg_hba of " + ref.display()
                        + " (without custom lines Spilo's default pg_hba asks for md5 passwords over SSL)");
        if (trust.isPresent()) {
            return trust.get();
        }
        List<String> users = new ArrayList<>();
        Tree declared = spec.map("users");
        for (String user : declared.raw().keySet()) {
            declared.strings(user);
            users.add(user);
        }
        return AuthVerdict.on(ref.display() + ": " + (pgHba.isEmpty() ? "Spilo's default pg_hba asks for md5 passwords over SSL"
                : "no line of spec.patroni.pg_hba trusts network clients") + ", and the operator generates the passwords of its users"
                + (users.isEmpty() ? "" : " (" + String.join(", ", users) + ")") + " into Secrets");
    }

    @Override
    public boolean enableAuthentication(ObjectNode object) {
        return PgHba.removeTrustLines(object.path("spec").path("patroni"), "pg_hba");
    }
}
