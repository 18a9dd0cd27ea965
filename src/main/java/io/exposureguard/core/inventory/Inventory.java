package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.ControllerLabels;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of what matters for exposure: datastores, Services (real and generated from
 * custom resources), Ingresses and the objects of the entry-side kinds the entry modules read (Gateways, routes,
 * Traefik Middlewares, ...), with indexes so that matching a Service to the
 * datastores it selects costs the size of the smallest label bucket, not the whole namespace.
 * {@code skipped} lists objects of kinds (or apiVersions) the engine does not model; {@code problems}, objects it could not read.
 */
public final class Inventory {

    private final List<Datastore> datastores;
    private final List<ServiceView> services;
    private final List<IngressView> ingresses;
    private final Map<String, List<EntryObject>> entryObjectsByKind = new HashMap<>();
    private final List<Skipped> skipped;
    private final List<InputProblem> problems;
    private final NetworkPolicies networkPolicies;
    private final Map<ObjectRef, Map<String, String>> labels;
    private final Map<String, ServiceView> servicesByName = new HashMap<>();
    private final Map<String, List<Datastore>> datastoresByLabel = new HashMap<>();
    private final Map<String, List<Datastore>> controlledByNamespace = new HashMap<>();
    private final Map<String, List<Datastore>> behindEndpoints;
    private final List<ConfigMapData> configMaps;
    private final List<ContainerArgs> containerArgs;

    Inventory(List<Datastore> datastores, List<ServiceView> services, List<IngressView> ingresses,
              List<EntryObject> entryObjects, List<Skipped> skipped, List<InputProblem> problems,
              NetworkPolicies networkPolicies, Map<ObjectRef, Map<String, String>> labels,
              Map<String, List<Datastore>> behindEndpoints, List<ConfigMapData> configMaps, List<ContainerArgs> containerArgs) {
        this.configMaps = List.copyOf(configMaps);
        this.containerArgs = List.copyOf(containerArgs);
        this.networkPolicies = networkPolicies;
        this.behindEndpoints = Map.copyOf(behindEndpoints);
        this.labels = Map.copyOf(labels);
        this.datastores = List.copyOf(datastores);
        this.services = List.copyOf(services);
        this.ingresses = List.copyOf(ingresses);
        for (EntryObject o : entryObjects) {
            entryObjectsByKind.computeIfAbsent(o.ref().kind(), k -> new ArrayList<>()).add(o);
        }
        this.skipped = List.copyOf(skipped);
        this.problems = List.copyOf(problems);
        for (ServiceView s : services) {
            servicesByName.put(s.namespace() + "/" + s.name(), s);
        }
        for (Datastore d : datastores) {
            d.podLabels().forEach((k, v) ->
                    datastoresByLabel.computeIfAbsent(labelKey(d.namespace(), k, v), x -> new ArrayList<>()).add(d));
            if (!d.controllerLabels().equals(ControllerLabels.NONE)) {
                controlledByNamespace.computeIfAbsent(d.namespace(), x -> new ArrayList<>()).add(d);
            }
        }
    }

    public List<Datastore> datastores() {
        return datastores;
    }

    public List<ServiceView> services() {
        return services;
    }

    public List<IngressView> ingresses() {
        return ingresses;
    }

    /** NetworkPolicies in the input, to tell which datastore ports they limit. */
    public NetworkPolicies networkPolicies() {
        return networkPolicies;
    }

    /** metadata.labels of every object in the input (what exception selectors match). */
    public Map<ObjectRef, Map<String, String>> labels() {
        return labels;
    }

    public List<ObjectRef> skipped() {
        return skipped.stream().map(Skipped::ref).toList();
    }

    /** The skipped objects with the reason each is skipped ("kind not modelled", "apiVersion not modelled (...)"). */
    public List<Skipped> skippedWithReasons() {
        return skipped;
    }

    /** An object the engine does not read, and why. */
    public record Skipped(ObjectRef ref, String reason) {
        /** "apps/v1alpha9 Deployment shop/db: apiVersion not modelled (apps/v1, ...)" */
        public String display() {
            String apiVersion = ref.apiVersion();
            return (apiVersion == null ? "" : apiVersion + " ") + ref.display() + ": " + reason;
        }
    }

    public List<InputProblem> problems() {
        return problems;
    }

    /** The ConfigMaps of the input, for entry modules that read one by name (ingress-nginx's tcp-services). */
    public List<ConfigMapData> configMaps() {
        return configMaps;
    }

    /** The command and arguments of every workload container in the input that has any, with its pods' labels. */
    public List<ContainerArgs> containerArgs() {
        return containerArgs;
    }

    /** A ConfigMap's data (what the operator's cache kept of it). */
    public record ConfigMapData(String namespace, String name, Map<String, String> data) {

        public ConfigMapData {
            data = Map.copyOf(data);
        }

        public ObjectRef ref() {
            return new ObjectRef("", "v1", "ConfigMap", namespace, name);
        }
    }

    /** One container's command and arguments, split into tokens, and the labels of the pods its workload makes. */
    public record ContainerArgs(ObjectRef workload, Map<String, String> podLabels, List<String> args) {

        public ContainerArgs {
            podLabels = Map.copyOf(podLabels);
            args = List.copyOf(args);
        }

        /** The value after "flag=" or the token after the flag, if the container has the flag. */
        public Optional<String> argValue(String flag) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).equals(flag) && i + 1 < args.size()) {
                    return Optional.of(args.get(i + 1));
                }
                if (args.get(i).startsWith(flag + "=")) {
                    return Optional.of(args.get(i).substring(flag.length() + 1));
                }
            }
            return Optional.empty();
        }
    }

    public Optional<ServiceView> service(String namespace, String name) {
        return Optional.ofNullable(servicesByName.get(namespace + "/" + name));
    }

    /** The entry-side objects of any of these kinds (in any version the inventory read), in input order. */
    public List<EntryObject> entryObjects(List<WatchedKind> kinds) {
        List<EntryObject> out = new ArrayList<>();
        for (String kind : kinds.stream().map(WatchedKind::kind).distinct().toList()) {
            for (EntryObject o : entryObjectsByKind.getOrDefault(kind, List.of())) {
                if (kinds.stream().anyMatch(k -> k.matches(o.ref().apiVersion(), o.ref().kind()))) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /** The entry-side object of one of these kinds with this namespace and name. */
    public Optional<EntryObject> entryObject(List<WatchedKind> kinds, String namespace, String name) {
        return entryObjects(kinds).stream().filter(o -> o.namespace().equals(namespace) && o.name().equals(name)).findFirst();
    }

    /**
     * The datastores a Service sends to: those its selector matches, or, for a Service without a selector, those
     * whose pods its EndpointSlices name. Entry modules ask this, not {@link #selectedBy}, for a Service's backends.
     */
    public List<Datastore> backends(ServiceView service) {
        if (service.selector().isEmpty()) {
            return behindEndpoints.getOrDefault(service.namespace() + "/" + service.name(), List.of());
        }
        return selectedBy(service.namespace(), service.selector());
    }

    /**
     * The datastores whose pods a selector matches, in the selector's namespace. The candidates are the smallest label
     * bucket of the selector's entries; labels that controllers add (a StatefulSet's pod name) are in no pod template,
     * so they narrow nothing, and a selector of only those looks at the namespace's controller-made pods too.
     */
    public List<Datastore> selectedBy(String namespace, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        List<Datastore> smallest = null;
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (ControllerLabels.KEYS.contains(e.getKey())) {
                continue;
            }
            List<Datastore> bucket = datastoresByLabel.getOrDefault(labelKey(namespace, e.getKey(), e.getValue()), List.of());
            if (smallest == null || bucket.size() < smallest.size()) {
                smallest = bucket;
            }
        }
        if (smallest == null) {
            Map.Entry<String, String> any = selector.entrySet().iterator().next();
            List<Datastore> candidates = new ArrayList<>(controlledByNamespace.getOrDefault(namespace, List.of()));
            for (Datastore d : datastoresByLabel.getOrDefault(labelKey(namespace, any.getKey(), any.getValue()), List.of())) {
                if (d.controllerLabels().equals(ControllerLabels.NONE)) {
                    candidates.add(d);
                }
            }
            smallest = candidates;
        }
        return smallest.stream().filter(d -> d.selectedBy(selector)).toList();
    }

    private static String labelKey(String namespace, String key, String value) {
        return namespace + "\u0000" + key + "\u0000" + value;
    }
}
