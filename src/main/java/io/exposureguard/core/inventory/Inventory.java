package io.exposureguard.core.inventory;

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
 * {@code skipped} lists objects of kinds the engine does not model; {@code problems}, objects it could not read.
 */
public final class Inventory {

    private final List<Datastore> datastores;
    private final List<ServiceView> services;
    private final List<IngressView> ingresses;
    private final Map<String, List<EntryObject>> entryObjectsByKind = new HashMap<>();
    private final List<ObjectRef> skipped;
    private final List<InputProblem> problems;
    private final NetworkPolicies networkPolicies;
    private final Map<ObjectRef, Map<String, String>> labels;
    private final Map<String, ServiceView> servicesByName = new HashMap<>();
    private final Map<String, List<Datastore>> datastoresByLabel = new HashMap<>();

    Inventory(List<Datastore> datastores, List<ServiceView> services, List<IngressView> ingresses,
              List<EntryObject> entryObjects, List<ObjectRef> skipped, List<InputProblem> problems,
              NetworkPolicies networkPolicies, Map<ObjectRef, Map<String, String>> labels) {
        this.networkPolicies = networkPolicies;
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
        return skipped;
    }

    public List<InputProblem> problems() {
        return problems;
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

    /** The datastores whose pods a selector matches, in the selector's namespace. */
    public List<Datastore> selectedBy(String namespace, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        List<Datastore> smallest = null;
        for (Map.Entry<String, String> e : selector.entrySet()) {
            List<Datastore> bucket = datastoresByLabel.getOrDefault(labelKey(namespace, e.getKey(), e.getValue()), List.of());
            if (smallest == null || bucket.size() < smallest.size()) {
                smallest = bucket;
            }
        }
        return smallest.stream().filter(d -> d.selectedBy(selector)).toList();
    }

    private static String labelKey(String namespace, String key, String value) {
        return namespace + "\u0000" + key + "\u0000" + value;
    }
}
