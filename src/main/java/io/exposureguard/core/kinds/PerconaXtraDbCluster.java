package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.DatastoreKind;
import io.exposureguard.core.inventory.CustomResourceReading;
import io.exposureguard.core.inventory.InvalidFieldException;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Percona's {@code PerconaXtraDBCluster} (pxc.percona.com; v1, and the still served v1-11-0 and v1-10-0, read alike).
 * Each PXC pod {@code <name>-pxc-<n>} of {@code spec.pxc.size} (default 3) is a datastore on the operator's labels
 * ({@code app.kubernetes.io/name: percona-xtradb-cluster}, {@code instance}, {@code managed-by}, {@code part-of} and
 * {@code component: pxc}, pkg/naming/labels.go) and its pod name; with {@code spec.haproxy.enabled} or
 * {@code spec.proxysql.enabled} the proxies are datastores too, authenticating clients with the cluster's own accounts.
 * The operator generates the root and system users' passwords into {@code spec.secretsName} (default
 * {@code <name>-secrets}) and has no setting that turns authentication off ({@code unsafeFlags} concern TLS, sizes and
 * backups), so authentication is always on. Services (pkg/pxc/service.go, pkg/controller/pxc/replication.go):
 * {@code <name>-pxc-<n>} per pod with {@code spec.pxc.expose.enabled}, {@code <name>-haproxy} from
 * {@code spec.haproxy.exposePrimary}, {@code <name>-haproxy-replicas} from {@code spec.haproxy.exposeReplicas} (on
 * when that is absent), {@code <name>-proxysql} from {@code spec.proxysql.expose}; each with its type, annotations,
 * {@code loadBalancerSourceRanges} and {@code loadBalancerClass}. No fix of the kind's own settings: the entry in
 * front is closed.
 */
public final class PerconaXtraDbCluster implements DatastoreResourceKind {

    private static final int MAX_SIZE = 1000;
    private static final String POD = "statefulset.kubernetes.io/pod-name";
    private static final List<DataPort> HAPROXY_PORTS = List.of(DataPort.of(3306, "mysql"), DataPort.of(3307, "mysql-replicas"),
            DataPort.of(3309, "proxy-protocol"), DataPort.of(33062, "mysql-admin"), DataPort.of(33060, "mysqlx"));
    private static final List<DataPort> PROXYSQL_PORTS = List.of(DataPort.of(3306, "mysql"), DataPort.of(33062, "mysql-admin"));

    @Override
    public String kind() {
        return "PerconaXtraDBCluster";
    }

    @Override
    public List<String> groups() {
        return List.of("pxc.percona.com");
    }

    @Override
    public List<String> versions() {
        return List.of("v1", "v1-11-0", "v1-10-0");
    }

    @Override
    public String plural() {
        return "perconaxtradbclusters";
    }

    @Override
    public String generatedServices() {
        return "`<name>-pxc-<n>` per pod with spec.pxc.expose.enabled; `<name>-haproxy` (spec.haproxy.exposePrimary) and"
                + " `<name>-haproxy-replicas` (spec.haproxy.exposeReplicas); `<name>-proxysql` (spec.proxysql.expose)";
    }

    @Override
    public String ownSettingsFix() {
        return "none (authentication is always on; the entry in front is closed instead)";
    }

    @Override
    public boolean fixesOwnSettings() {
        return false;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        AuthVerdict auth = AuthVerdict.on(ref.display() + ": the Percona operator generates the root and system users' passwords"
                + " into Secret " + spec.string("secretsName").orElse(ref.name() + "-secrets") + " and has no setting that turns"
                + " authentication off");
        List<Datastore> datastores = new ArrayList<>();
        List<ServiceView> services = new ArrayList<>();
        Tree pxc = spec.map("pxc");
        int size = size(pxc);
        Tree expose = pxc.map("expose");
        boolean exposed = expose.bool("enabled").orElse(false);
        for (int i = 0; i < size; i++) {
            String pod = ref.name() + "-pxc-" + i;
            Map<String, String> labels = labels(ref, "pxc");
            labels.put(POD, pod);
            datastores.add(new Datastore(ref, DatastoreKind.MYSQL, "pod " + pod + " of " + ref.display(), labels,
                    List.of(DataPort.of(3306, "mysql")), auth, Optional.empty(), false));
            if (exposed) {
                service(ref, expose, pod, Map.of(POD, pod), List.of(new ServicePortView("mysql", 3306, 3306, null, 0)))
                        .ifPresent(services::add);
            }
        }
        Tree haproxy = spec.map("haproxy");
        if (haproxy.bool("enabled").orElse(false) && size(haproxy) > 0) {
            Map<String, String> labels = labels(ref, "haproxy");
            datastores.add(new Datastore(ref, DatastoreKind.MYSQL, "HAProxy of " + ref.display(), labels, HAPROXY_PORTS, auth,
                    Optional.empty(), false));
            service(ref, haproxy.map("exposePrimary"), ref.name() + "-haproxy", labels, HAPROXY_PORTS.stream()
                    .filter(p -> p.number() != 3307).map(p -> new ServicePortView(p.name(), p.number(), p.number(), null, 0)).toList())
                    .ifPresent(services::add);
            Tree replicas = haproxy.map("exposeReplicas");
            if (!haproxy.has("exposeReplicas") || replicas.bool("enabled").orElse(false)) {
                service(ref, replicas, ref.name() + "-haproxy-replicas", labels,
                        List.of(new ServicePortView("mysql-replicas", 3306, 3307, null, 0))).ifPresent(services::add);
            }
        }
        Tree proxysql = spec.map("proxysql");
        if (proxysql.bool("enabled").orElse(false) && size(proxysql) > 0) {
            Map<String, String> labels = labels(ref, "proxysql");
            datastores.add(new Datastore(ref, DatastoreKind.MYSQL, "ProxySQL of " + ref.display(), labels, PROXYSQL_PORTS, auth,
                    Optional.empty(), false));
            service(ref, proxysql.map("expose"), ref.name() + "-proxysql", labels, PROXYSQL_PORTS.stream()
                    .map(p -> new ServicePortView(p.name(), p.number(), p.number(), null, 0)).toList()).ifPresent(services::add);
        }
        return new CustomResourceReading(datastores, services);
    }

    private static int size(Tree component) {
        int size = component.integer("size").orElse(3);
        if (size < 0 || size > MAX_SIZE) {
            throw new InvalidFieldException(component.pathText() + ".size: expected 0 to " + MAX_SIZE);
        }
        return size;
    }

    private static Map<String, String> labels(ObjectRef ref, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "percona-xtradb-cluster");
        labels.put("app.kubernetes.io/instance", ref.name());
        labels.put("app.kubernetes.io/managed-by", "percona-xtradb-cluster-operator");
        labels.put("app.kubernetes.io/part-of", "percona-xtradb-cluster");
        labels.put("app.kubernetes.io/component", component);
        return labels;
    }

    private static Optional<ServiceView> service(ObjectRef ref, Tree expose, String name, Map<String, String> selector,
                                                 List<ServicePortView> ports) {
        String type = PublishedService.type(expose, "type");
        String at = expose.pathText();
        return PublishedService.of(ref, name, type, expose.stringMap("annotations"), selector, ports,
                        expose.strings("loadBalancerSourceRanges"), expose.string("loadBalancerClass").orElse(null), at)
                .map(s -> s.withCloseFix("set " + at + ".type: ClusterIP on " + ref.display() + " (not " + type + ")"));
    }
}
