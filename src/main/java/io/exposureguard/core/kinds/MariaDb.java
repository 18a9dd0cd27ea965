package io.exposureguard.core.kinds;

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
 * mariadb-operator's {@code MariaDB} (k8s.mariadb.com/v1alpha1, and mariadb.mmontes.io/v1alpha1 of releases up to
 * 0.0.25, which read the same fields). Each pod {@code <name>-<n>} of {@code spec.replicas} (default 1) is a datastore
 * on the operator's labels ({@code app.kubernetes.io/name: mariadb}, {@code app.kubernetes.io/instance: <name>}) and its
 * pod name. The operator sets {@code MARIADB_ROOT_HOST=%} and the root password from
 * {@code spec.rootPasswordSecretKeyRef} (generated when not given), so authentication is on, unless
 * {@code spec.rootEmptyPassword: true}, which sets {@code MARIADB_ALLOW_EMPTY_ROOT_PASSWORD} instead: root from any
 * host without a password (pkg/builder/container_builder.go). Its Services: {@code <name>} from {@code spec.service}
 * (every pod) and, with {@code spec.replication.enabled} or {@code spec.galera.enabled}, {@code <name>-primary} from
 * {@code spec.primaryService} (the pod of {@code status.currentPrimaryPodIndex}) and {@code <name>-secondary} from
 * {@code spec.secondaryService} (the operator writes its endpoints; read here as every pod)
 * (internal/controller/mariadb_controller.go). Releases before 26 also create a MaxScale proxy
 * {@code <name>-maxscale} from {@code spec.maxScale} when enabled, whose Service takes
 * {@code spec.maxScale.kubernetesService} and whose listeners authenticate against MariaDB's users (port 3306 unless
 * {@code spec.maxScale.services[].listener.port} says otherwise). {@code rootEmptyPassword} cannot be changed once set
 * (the operator's webhook marks it immutable) and only counts when the data directory is first made, so there is
 * no fix of the kind's own settings: the entry in front is closed.
 */
public final class MariaDb implements DatastoreResourceKind {

    private static final int DEFAULT_PORT = 3306;
    private static final String PORT_NAME = "mariadb";
    private static final int MAX_REPLICAS = 1000;
    private static final String APP = "app.kubernetes.io/name";
    private static final String INSTANCE = "app.kubernetes.io/instance";
    private static final String POD = "statefulset.kubernetes.io/pod-name";

    @Override
    public String kind() {
        return "MariaDB";
    }

    @Override
    public List<String> groups() {
        return List.of("k8s.mariadb.com", "mariadb.mmontes.io");
    }

    @Override
    public List<String> versions() {
        return List.of("v1alpha1");
    }

    @Override
    public String plural() {
        return "mariadbs";
    }

    @Override
    public String generatedServices() {
        return "`<name>` (type from spec.service); with replication or Galera `<name>-primary` (spec.primaryService) and"
                + " `<name>-secondary` (spec.secondaryService); `<name>-maxscale` (spec.maxScale.kubernetesService, releases before 26)";
    }

    @Override
    public String ownSettingsFix() {
        return "none (spec.rootEmptyPassword is immutable once set; the entry in front is closed instead)";
    }

    @Override
    public boolean fixesOwnSettings() {
        return false;
    }

    @Override
    public CustomResourceReading read(ObjectRef ref, Tree root, ReadContext context) {
        ServedVersions.require(this, ref);
        Tree spec = root.map("spec");
        int port = PublishedService.port(spec, "port", DEFAULT_PORT);
        int replicas = spec.integer("replicas").orElse(1);
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            throw new InvalidFieldException("spec.replicas: expected 0 to " + MAX_REPLICAS);
        }
        AuthVerdict auth = auth(ref, spec);
        Map<String, String> inherited = spec.map("inheritMetadata").stringMap("annotations");
        Map<String, String> all = Map.of(APP, "mariadb", INSTANCE, ref.name());
        List<Datastore> datastores = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            String pod = ref.name() + "-" + i;
            Map<String, String> labels = new LinkedHashMap<>(all);
            labels.put(POD, pod);
            datastores.add(new Datastore(ref, DatastoreKind.MYSQL, "pod " + pod + " of " + ref.display(), labels,
                    List.of(DataPort.of(port, PORT_NAME)), auth, Optional.empty(), false));
        }
        List<ServiceView> services = new ArrayList<>();
        service(ref, spec.map("service"), ref.name(), inherited, all, port).ifPresent(services::add);
        boolean ha = spec.map("replication").bool("enabled").orElse(false) || spec.map("galera").bool("enabled").orElse(false);
        if (ha) {
            int primary = root.map("status").integer("currentPrimaryPodIndex").orElse(0);
            service(ref, spec.map("primaryService"), ref.name() + "-primary", inherited, Map.of(APP, "mariadb", INSTANCE, ref.name(),
                    POD, ref.name() + "-" + primary), port).ifPresent(services::add);
            service(ref, spec.map("secondaryService"), ref.name() + "-secondary", inherited, all, port).ifPresent(services::add);
        }
        Tree maxScale = spec.map("maxScale");
        if (maxScale.bool("enabled").orElse(false)) {
            maxScale(ref, maxScale, auth, inherited, datastores, services);
        }
        return new CustomResourceReading(datastores, services);
    }

    private static void maxScale(ObjectRef ref, Tree maxScale, AuthVerdict auth, Map<String, String> inherited,
                                 List<Datastore> datastores, List<ServiceView> services) {
        String name = ref.name() + "-maxscale";
        Map<String, String> labels = Map.of(APP, "maxscale", INSTANCE, name);
        List<DataPort> ports = new ArrayList<>();
        for (Tree service : maxScale.maps("services")) {
            ports.add(DataPort.of(PublishedService.port(service.map("listener"), "port", DEFAULT_PORT), PORT_NAME));
        }
        if (ports.isEmpty()) {
            ports.add(DataPort.of(DEFAULT_PORT, PORT_NAME));
        }
        datastores.add(new Datastore(ref, DatastoreKind.MYSQL, "MaxScale " + name + " of " + ref.display(), labels, ports,
                auth, Optional.empty(), false));
        service(ref, maxScale.map("kubernetesService"), name, inherited, labels, ports.get(0).number()).ifPresent(services::add);
    }

    private static Optional<ServiceView> service(ObjectRef ref, Tree template, String name, Map<String, String> inherited,
                                                 Map<String, String> selector, int port) {
        String type = PublishedService.type(template, "type");
        Map<String, String> annotations = new LinkedHashMap<>(inherited);
        annotations.putAll(template.map("metadata").stringMap("annotations"));
        String at = template.pathText();
        return PublishedService.of(ref, name, type, annotations, selector, port, PORT_NAME, 0,
                        template.strings("loadBalancerSourceRanges"), template.string("loadBalancerClass").orElse(null), at)
                .map(s -> s.withCloseFix("set " + at + ".type: ClusterIP on " + ref.display() + " (not " + type + ")"));
    }

    private static AuthVerdict auth(ObjectRef ref, Tree spec) {
        if (spec.bool("rootEmptyPassword").orElse(false)) {
            return AuthVerdict.off(ref.display() + " sets spec.rootEmptyPassword: true, so the operator starts MariaDB with"
                            + " MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and root may log in from any host without a password",
                    "give root@'%' a password in " + ref.display() + " and recreate it without spec.rootEmptyPassword"
                            + " (the operator then generates spec.rootPasswordSecretKeyRef)");
        }
        return AuthVerdict.on(ref.display() + ": the operator sets the root password from spec.rootPasswordSecretKeyRef"
                + (spec.has("rootPasswordSecretKeyRef") ? "" : ", which it generates into a Secret"));
    }
}
