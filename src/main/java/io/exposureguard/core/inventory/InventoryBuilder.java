package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.ContainerView;
import io.exposureguard.core.datastore.ControllerLabels;
import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.datastore.Upstream;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.core.model.ObjectRef;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static io.exposureguard.core.inventory.ContainerViews.nz;

/**
 * Turns Kubernetes objects (Fabric8 model classes; custom resources as {@link GenericKubernetesResource})
 * into an {@link Inventory}. Pure: no client, no I/O. An object that cannot be read becomes an
 * {@link InputProblem} and the rest are still used. Objects owned by another object in the input (the
 * ReplicaSet of a Deployment, the StatefulSet ECK made for an Elasticsearch) are not counted twice.
 */
public final class InventoryBuilder {

    public static final String DEFAULT_NAMESPACE = "default";

    /** Turns a typed model object of an entry-side kind back into its fields (stateless, shared). */
    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization TYPED =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

    private final DatastoreCatalog catalog;
    private final List<CustomResourceReader> readers;
    private final List<WatchedKind> entrySide;

    /**
     * @param readers   the datastore custom-resource kinds read (the registry in {@code io.exposureguard.core.kinds})
     * @param entrySide the entry-side kinds kept whole for the entry modules (Gateways, routes, middlewares); other
     *                  custom resources are skipped
     */
    public InventoryBuilder(DatastoreCatalog catalog, List<? extends CustomResourceReader> readers, List<WatchedKind> entrySide) {
        this.catalog = catalog;
        this.readers = List.copyOf(readers);
        this.entrySide = List.copyOf(entrySide);
    }

    public Inventory build(List<? extends HasMetadata> objects) {
        List<InputProblem> problems = new ArrayList<>();
        List<Inventory.Skipped> skipped = new ArrayList<>();
        ConfigLookup config = new ConfigLookup();
        Set<String> present = new HashSet<>();
        Map<ObjectRef, Map<String, String>> labels = new HashMap<>();
        Map<String, List<OwnerReference>> owners = new HashMap<>();
        for (HasMetadata o : objects) {
            present.add(key(o.getKind(), namespace(o), name(o)));
            if (o.getMetadata() != null && o.getMetadata().getOwnerReferences() != null && !o.getMetadata().getOwnerReferences().isEmpty()) {
                owners.put(key(o.getKind(), namespace(o), name(o)), o.getMetadata().getOwnerReferences());
            }
            if (o.getMetadata() != null && o.getMetadata().getLabels() != null && !o.getMetadata().getLabels().isEmpty()) {
                labels.put(ref(o), nzMap(o.getMetadata().getLabels()));
            }
        }
        List<Datastore> datastores = new ArrayList<>();
        Map<String, ServiceView> generated = new LinkedHashMap<>();
        List<HasMetadata> later = new ArrayList<>();
        List<Inventory.ConfigMapData> configMaps = new ArrayList<>();
        List<Inventory.ContainerArgs> containerArgs = new ArrayList<>();

        for (HasMetadata o : objects) {
            guard(o, problems, obj -> {
                if (obj instanceof ConfigMap cm) {
                    config.add(namespace(obj), new ConfigLookup.Source("ConfigMap", name(obj), nzMap(cm.getData()), false,
                            cm instanceof LeanObjects.TrimmedConfigMap t ? t.omissions() : LeanObjects.Omissions.NONE));
                    configMaps.add(new Inventory.ConfigMapData(namespace(obj), name(obj), nzMap(cm.getData())));
                } else if (obj instanceof Secret s) {
                    config.add(namespace(obj), new ConfigLookup.Source("Secret", name(obj), secretData(s), true,
                            s instanceof LeanObjects.TrimmedSecret t ? t.omissions() : LeanObjects.Omissions.NONE));
                } else {
                    later.add(obj);
                }
            });
        }
        Readings readings = new Readings(later, config);
        ContainerViews views = new ContainerViews(config);
        List<ServiceView> services = new ArrayList<>();
        List<IngressView> ingresses = new ArrayList<>();
        List<EntryObject> entryObjects = new ArrayList<>();
        Map<String, List<NetworkPolicy>> networkPolicies = new HashMap<>();
        EndpointBackends endpoints = new EndpointBackends();
        for (HasMetadata o : later) {
            guard(o, problems, written -> {
                HasMetadata obj = ApiVersions.current(written);
                ObjectRef ref = ref(obj);
                if (readings.readerOf(obj).isPresent()) {
                    collect(readings.own(obj), datastores, generated);
                } else if (entryKind(obj).isPresent()) {
                    entryObjects.add(entryObject(obj, entryKind(obj).get()));
                } else if (obj instanceof Service s) {
                    services.add(service(s));
                } else if (obj instanceof Ingress i) {
                    ingresses.add(ingress(i));
                } else if (obj instanceof EndpointSlice slice) {
                    endpoints.add(slice);
                } else if (obj instanceof NetworkPolicy np) {
                    networkPolicies.computeIfAbsent(namespace(obj), n -> new ArrayList<>()).add(np);
                } else if (WorkloadReader.isWorkload(obj)) {
                    if (!ownedByPresent(obj, present)) {
                        WorkloadReader.podTemplate(obj, ref).ifPresent(t -> {
                            datastores.addAll(workloadDatastores(t, WorkloadReader.controllerLabels(obj), views, problems));
                            containerArgs.addAll(ContainerViews.args(t));
                        });
                    }
                } else {
                    skipped.add(new Inventory.Skipped(ref, ApiVersions.skipReason(obj.getApiVersion(), obj.getKind())));
                }
            });
        }
        // A generated Service replaces the real one of its name, keeping what the cloud reports in its status.
        Map<String, List<String>> status = new HashMap<>();
        services.forEach(s -> status.put(s.namespace() + "/" + s.name(), s.loadBalancerIngress()));
        services.removeIf(s -> generated.containsKey(s.namespace() + "/" + s.name()));
        generated.forEach((key, view) -> services.add(view.withLoadBalancerIngress(status.getOrDefault(key, List.of()))));
        Map<String, List<Datastore>> behindEndpoints = endpointBackends(services, endpoints, datastores, owners);
        return new Inventory(datastores, services, ingresses, entryObjects, skipped, problems, new NetworkPolicies(networkPolicies), labels,
                behindEndpoints, configMaps, containerArgs);
    }

    /** Selector-less Services with EndpointSlices: their ports retargeted to the slices' ports, and the datastores behind them. */
    private static Map<String, List<Datastore>> endpointBackends(List<ServiceView> services, EndpointBackends endpoints,
                                                                 List<Datastore> datastores, Map<String, List<OwnerReference>> owners) {
        Map<String, List<Datastore>> behind = new HashMap<>();
        if (services.stream().noneMatch(endpoints::has)) {
            return behind;
        }
        Map<String, List<Datastore>> byObject = new HashMap<>();
        Map<String, List<Datastore>> controlled = new HashMap<>();
        for (Datastore d : datastores) {
            byObject.computeIfAbsent(key(d.ref().kind(), d.namespace(), d.ref().name()), k -> new ArrayList<>()).add(d);
            if (d.controllerLabels().sets(ControllerLabels.POD_NAME)) {
                controlled.computeIfAbsent(d.namespace(), k -> new ArrayList<>()).add(d);
            }
        }
        services.replaceAll(s -> endpoints.has(s) ? endpoints.withEndpointPorts(s) : s);
        for (ServiceView s : services) {
            if (endpoints.has(s)) {
                behind.put(s.namespace() + "/" + s.name(), endpoints.datastores(s, byObject, owners, controlled.getOrDefault(s.namespace(), List.of())));
            }
        }
        return behind;
    }

    private List<Datastore> workloadDatastores(PodTemplate template, ControllerLabels controller, ContainerViews views,
                                               List<InputProblem> problems) {
        List<Datastore> out = new ArrayList<>();
        String ns = template.owner().namespace();
        boolean hostNetwork = Boolean.TRUE.equals(template.spec().getHostNetwork());
        for (Container c : nz(template.spec().getContainers())) {
            ContainerView view = views.view(ns, template.spec(), c);
            Optional<DatastoreCatalog.Recognition> kind = catalog.recognize(view, template.labels());
            if (kind.isEmpty()) {
                continue;
            }
            List<DataPort> ports = new ArrayList<>();
            for (ContainerPort p : nz(c.getPorts())) {
                if (p.getContainerPort() != null) {
                    ports.add(new DataPort(p.getContainerPort(), p.getName(), p.getHostPort() == null ? 0 : p.getHostPort()));
                }
            }
            if (ports.isEmpty()) {
                kind.get().kind().defaultPorts().forEach(n -> ports.add(DataPort.of(n, null)));
            }
            ContainerView forwarding = withInitConfig(view, ns, template.spec(), views);
            List<Upstream> upstreams = catalog.upstreams(kind.get().kind(), forwarding);
            // A proxy listens where its configuration says, whether or not the container declares the port.
            upstreams.stream().map(Upstream::listenPort).filter(p -> p > 0).distinct()
                    .filter(p -> ports.stream().noneMatch(dp -> dp.number() == p)).forEach(p -> ports.add(DataPort.of(p, null)));
            catalog.upstreamProblems(kind.get().kind(), forwarding).forEach(m -> problems.add(new InputProblem(template.owner(), m)));
            out.add(new Datastore(template.owner(), kind.get().kind(),
                    template.owner().display() + " container " + view.containerName() + " (" + kind.get().evidence() + ")",
                    template.labels(), ports, catalog.inspect(kind.get().kind(), view), Optional.empty(), hostNetwork, controller,
                    upstreams));
        }
        return out;
    }

    /**
     * The container with the configuration its pod's init containers mount added: an init container often copies a
     * proxy's configuration from a ConfigMap into a shared volume (the redis-ha chart's HAProxy). Read for upstreams only.
     */
    private static ContainerView withInitConfig(ContainerView view, String ns, io.fabric8.kubernetes.api.model.PodSpec spec,
                                                ContainerViews views) {
        StringBuilder config = new StringBuilder(view.mountedConfig());
        for (Container init : nz(spec.getInitContainers())) {
            config.append('\n').append(views.view(ns, spec, init).mountedConfig());
        }
        return new ContainerView(view.containerName(), view.image(), view.env(), view.args(), config.toString(),
                view.unseenConfig(), view.ports());
    }

    private static ServiceView service(Service s) {
        var spec = s.getSpec();
        if (spec == null) {
            return new ServiceView(namespace(s), name(s), "ClusterIP", annotations(s), Map.of(), List.of(), List.of(),
                    List.of(), null, null, "spec");
        }
        List<ServicePortView> ports = new ArrayList<>();
        for (ServicePort p : nz(spec.getPorts())) {
            int port = p.getPort() == null ? 0 : p.getPort();
            Integer targetNumber = port;
            String targetName = null;
            if (p.getTargetPort() != null) {
                if (p.getTargetPort().getStrVal() != null) {
                    targetNumber = null;
                    targetName = p.getTargetPort().getStrVal();
                } else if (p.getTargetPort().getIntVal() != null) {
                    targetNumber = p.getTargetPort().getIntVal();
                }
            }
            ports.add(new ServicePortView(p.getName(), port, targetNumber, targetName, p.getNodePort() == null ? 0 : p.getNodePort()));
        }
        return new ServiceView(namespace(s), name(s), spec.getType() == null ? "ClusterIP" : spec.getType(), annotations(s),
                nzMap(spec.getSelector()), ports, nz(spec.getLoadBalancerSourceRanges()), nz(spec.getExternalIPs()),
                spec.getLoadBalancerClass(), null, "spec", loadBalancerIngress(s));
    }

    /** The IPs and host names in status.loadBalancer.ingress. */
    private static List<String> loadBalancerIngress(Service s) {
        List<String> out = new ArrayList<>();
        if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null) {
            for (var i : nz(s.getStatus().getLoadBalancer().getIngress())) {
                if (i.getIp() != null && !i.getIp().isBlank()) {
                    out.add(i.getIp());
                }
                if (i.getHostname() != null && !i.getHostname().isBlank()) {
                    out.add(i.getHostname());
                }
            }
        }
        return out;
    }

    private static IngressView ingress(Ingress i) {
        List<IngressView.Backend> backends = new ArrayList<>();
        if (i.getSpec() != null) {
            if (i.getSpec().getDefaultBackend() != null) {
                backend(null, "(default backend)", i.getSpec().getDefaultBackend(), backends);
            }
            for (IngressRule rule : nz(i.getSpec().getRules())) {
                if (rule.getHttp() != null) {
                    for (HTTPIngressPath path : nz(rule.getHttp().getPaths())) {
                        backend(rule.getHost(), path.getPath() == null ? "/" : path.getPath(), path.getBackend(), backends);
                    }
                }
            }
        }
        return new IngressView(namespace(i), name(i), annotations(i), backends, i.getApiVersion());
    }

    private static void backend(String host, String path, IngressBackend b, List<IngressView.Backend> out) {
        if (b == null || b.getService() == null || b.getService().getName() == null) {
            return;
        }
        var port = b.getService().getPort();
        out.add(new IngressView.Backend(host, path, b.getService().getName(),
                port == null ? null : port.getNumber(), port == null ? null : port.getName()));
    }

    private static void collect(CustomResourceReading r, List<Datastore> datastores, Map<String, ServiceView> generated) {
        datastores.addAll(r.datastores());
        r.services().forEach(s -> generated.put(s.namespace() + "/" + s.name(), s));
    }

    private static boolean ownedByPresent(HasMetadata o, Set<String> present) {
        for (OwnerReference owner : nz(o.getMetadata().getOwnerReferences())) {
            if (present.contains(key(owner.getKind(), namespace(o), owner.getName()))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> secretData(Secret s) {
        Map<String, String> data = new LinkedHashMap<>();
        nzMap(s.getData()).forEach((k, v) -> {
            try {
                data.put(k, new String(Base64.getMimeDecoder().decode(v == null ? "" : v), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("data." + k + ": not valid base64");
            }
        });
        data.putAll(nzMap(s.getStringData()));
        return data;
    }

    private static void guard(HasMetadata o, List<InputProblem> problems, Consumer<HasMetadata> action) {
        try {
            action.accept(o);
        } catch (RuntimeException e) {
            // Only our own messages are shown: others (NumberFormatException, say) quote the value, which may be a secret.
            String message = e instanceof InvalidFieldException ? e.getMessage()
                    : "a field cannot be interpreted (" + e.getClass().getSimpleName() + ")";
            problems.add(new InputProblem(ref(o), message));
        }
    }

    /**
     * The custom resources a reader takes, each read once: for itself, and for another reader asking about it
     * (Kibana asks for the Elasticsearch it connects to). The last object of a reference answers such a question;
     * a failed reading answers "absent" there, and is the input problem of its own object.
     */
    private final class Readings implements CustomResourceReader.ReadContext {

        private record Attempt(CustomResourceReading reading, RuntimeException failure) {
        }

        private final Map<ObjectRef, HasMetadata> byRef = new HashMap<>();
        private final List<HasMetadata> customResources = new ArrayList<>();
        private final Map<HasMetadata, Attempt> done = new IdentityHashMap<>();
        private final Set<HasMetadata> underway = Collections.newSetFromMap(new IdentityHashMap<>());
        private final ConfigLookup config;

        Readings(List<HasMetadata> objects, ConfigLookup config) {
            this.config = config;
            for (HasMetadata o : objects) {
                if (readerOf(o).isPresent()) {
                    byRef.put(ref(o), o);
                }
                if (o instanceof GenericKubernetesResource) {
                    customResources.add(o);
                }
            }
        }

        @Override
        public Optional<ConfigLookup.Source> secret(String namespace, String name) {
            return config.secret(namespace, name);
        }

        @Override
        public List<Tree> objects(String group, String kind, String namespace) {
            return customResources.stream().filter(o -> isCr(o, group, kind) && java.util.Objects.equals(namespace(o), namespace))
                    .map(InventoryBuilder::tree).toList();
        }

        Optional<CustomResourceReader> readerOf(HasMetadata o) {
            if (!(o instanceof GenericKubernetesResource)) {
                return Optional.empty();
            }
            return readers.stream().filter(r -> r.reads(o.getApiVersion(), o.getKind())).findFirst();
        }

        /** The object's own reading; a failure is thrown, so it becomes the object's input problem. */
        CustomResourceReading own(HasMetadata o) {
            Attempt a = attempt(o);
            if (a.failure() != null) {
                throw a.failure();
            }
            return a.reading();
        }

        @Override
        public Optional<CustomResourceReading> reading(ObjectRef ref) {
            HasMetadata o = byRef.get(ref);
            if (o == null || underway.contains(o)) {
                return Optional.empty();
            }
            return Optional.ofNullable(attempt(o).reading());
        }

        private Attempt attempt(HasMetadata o) {
            Attempt known = done.get(o);
            if (known != null) {
                return known;
            }
            underway.add(o);
            Attempt a;
            try {
                a = new Attempt(readerOf(o).orElseThrow().read(ref(o), tree(o), this), null);
            } catch (RuntimeException e) {
                a = new Attempt(null, e);
            } finally {
                underway.remove(o);
            }
            done.put(o, a);
            return a;
        }
    }

    private static boolean isCr(HasMetadata o, String group, String kind) {
        String apiVersion = o.getApiVersion() == null ? "" : o.getApiVersion();
        return o instanceof GenericKubernetesResource && kind.equals(o.getKind()) && apiVersion.startsWith(group + "/");
    }

    /** Entry-side kinds may arrive typed (Fabric8 models Gateway API) or generic (informers, unknown kinds). */
    private Optional<WatchedKind> entryKind(HasMetadata o) {
        return entrySide.stream().filter(k -> k.matches(o.getApiVersion(), o.getKind())).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(HasMetadata o) {
        return TYPED.convertValue(o, Map.class);
    }

    /** An entry-side object in a version its module reads; another version is the object's input problem. */
    private static EntryObject entryObject(HasMetadata o, WatchedKind kind) {
        if (!kind.reads(o.getApiVersion())) {
            throw new InvalidFieldException("apiVersion " + o.getApiVersion() + " of " + o.getKind()
                    + " is not one exposure-guard reads (" + kind.apiVersions() + "), so the paths it opens are unknown");
        }
        Tree root = o instanceof GenericKubernetesResource ? tree(o) : Tree.of(fields(o));
        return new EntryObject(ref(o), nzMap(o.getMetadata() == null ? null : o.getMetadata().getLabels()), annotations(o), root);
    }

    /** A custom resource's fields, with {@code metadata} reduced to what readers use: name, labels, annotations. */
    private static Tree tree(HasMetadata o) {
        Map<String, Object> root = new LinkedHashMap<>(((GenericKubernetesResource) o).getAdditionalProperties());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name(o));
        metadata.put("labels", o.getMetadata() == null ? Map.of() : nzMap(o.getMetadata().getLabels()));
        metadata.put("annotations", o.getMetadata() == null ? Map.of() : nzMap(o.getMetadata().getAnnotations()));
        root.put("metadata", metadata);
        return Tree.of(root);
    }

    /**
     * The labels the pods of an object carry: a Pod's own labels, a workload's pod template labels; empty for
     * anything that runs no pods.
     */
    public static Optional<Map<String, String>> podLabels(HasMetadata written) {
        HasMetadata o;
        try {
            o = ApiVersions.current(written);
        } catch (InvalidFieldException e) {
            return Optional.empty();
        }
        if (o instanceof io.fabric8.kubernetes.api.model.Pod) {
            return Optional.of(nzMap(o.getMetadata() == null ? null : o.getMetadata().getLabels()));
        }
        return WorkloadReader.isWorkload(o) ? WorkloadReader.podTemplate(o, ref(o)).map(PodTemplate::labels) : Optional.empty();
    }

    /** The reference the engine uses for an object (namespace "default" when none is given). */
    public static ObjectRef ref(HasMetadata o) {
        return ObjectRef.of(o.getApiVersion(), o.getKind(), namespace(o), name(o));
    }

    static String namespace(HasMetadata o) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? DEFAULT_NAMESPACE : ns;
    }

    static String name(HasMetadata o) {
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        return name == null ? "(unnamed)" : name;
    }

    private static Map<String, String> annotations(HasMetadata o) {
        return o.getMetadata() == null ? Map.of() : nzMap(o.getMetadata().getAnnotations());
    }

    /** A copy without null keys or values (YAML "key:" with no value reads as null). */
    static Map<String, String> nzMap(Map<String, String> map) {
        Map<String, String> out = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> {
                if (k != null) {
                    out.put(k, v == null ? "" : v);
                }
            });
        }
        return out;
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
