package io.exposureguard.core.inventory;

import io.exposureguard.core.datastore.ControllerLabels;
import io.exposureguard.core.datastore.Datastore;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Services without a selector send to the endpoints their EndpointSlices list (label
 * {@code kubernetes.io/service-name}). An endpoint whose {@code targetRef} names a Pod leads to the datastore whose
 * pod that is: a bare Pod of that name, a StatefulSet's pod by its name ({@code <name>-<ordinal>}), or, when the
 * Pod itself is in the input (a cluster snapshot), the workload its owner references lead to (Pod, ReplicaSet,
 * Deployment). A Deployment's pod names are random, so from manifests alone such an endpoint leads nowhere. Each
 * Service port sends to the slice port of the same name. Pure.
 */
final class EndpointBackends {

    static final String SERVICE_NAME = "kubernetes.io/service-name";
    private static final int MAX_OWNER_HOPS = 3;

    private final Map<String, List<EndpointSlice>> slices = new HashMap<>();

    void add(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata() == null ? null : slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SERVICE_NAME);
        if (service != null && !service.isBlank()) {
            slices.computeIfAbsent(InventoryBuilder.namespace(slice) + "/" + service, k -> new ArrayList<>()).add(slice);
        }
    }

    /** Whether any slice is for this Service (only then does a Service without a selector send anywhere). */
    boolean has(ServiceView s) {
        return s.selector().isEmpty() && slices.containsKey(s.namespace() + "/" + s.name());
    }

    /** The Service with each port's target taken from the slice port of the same name (the port endpoints listen on). */
    ServiceView withEndpointPorts(ServiceView s) {
        List<ServicePortView> ports = new ArrayList<>();
        for (ServicePortView p : s.ports()) {
            Integer number = slicePort(s, p.name()).orElse(null);
            ports.add(number == null ? p : new ServicePortView(p.name(), p.port(), number, null, p.nodePort()));
        }
        return new ServiceView(s.namespace(), s.name(), s.type(), s.annotations(), s.selector(), ports, s.loadBalancerSourceRanges(),
                s.externalIPs(), s.loadBalancerClass(), s.owner(), s.settingsPath(), s.loadBalancerIngress(), s.closeFix());
    }

    private Optional<Integer> slicePort(ServiceView s, String name) {
        String wanted = name == null ? "" : name;
        for (EndpointSlice slice : slices.get(s.namespace() + "/" + s.name())) {
            for (EndpointPort p : ContainerViews.nz(slice.getPorts())) {
                if (wanted.equals(p.getName() == null ? "" : p.getName()) && p.getPort() != null) {
                    return Optional.of(p.getPort());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The datastores behind a selector-less Service's endpoints.
     *
     * @param byObject datastores by the key of the object that runs them (kind/namespace/name)
     * @param owners   owner references of the objects in the input, by the same key
     */
    List<Datastore> datastores(ServiceView s, Map<String, List<Datastore>> byObject, Map<String, List<OwnerReference>> owners,
                               List<Datastore> controlled) {
        Set<Datastore> found = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Datastore> out = new ArrayList<>();
        for (String pod : podNames(s)) {
            List<Datastore> here = new ArrayList<>(owned(key("Pod", s.namespace(), pod), s.namespace(), byObject, owners, 0));
            for (Datastore d : controlled) {
                if (d.controllerLabels().sets(ControllerLabels.POD_NAME) && d.controllerLabels().allows(ControllerLabels.POD_NAME, pod)) {
                    here.add(d);
                }
            }
            here.stream().filter(found::add).forEach(out::add);
        }
        return out;
    }

    private Set<String> podNames(ServiceView s) {
        Set<String> names = new LinkedHashSet<>();
        for (EndpointSlice slice : slices.get(s.namespace() + "/" + s.name())) {
            for (Endpoint e : ContainerViews.nz(slice.getEndpoints())) {
                ObjectReference target = e.getTargetRef();
                if (target != null && "Pod".equals(target.getKind()) && target.getName() != null
                        && (target.getNamespace() == null || target.getNamespace().equals(s.namespace()))) {
                    names.add(target.getName());
                }
            }
        }
        return names;
    }

    /** The datastores of an object, or of the objects its owner references lead to. */
    private static List<Datastore> owned(String object, String namespace, Map<String, List<Datastore>> byObject,
                                         Map<String, List<OwnerReference>> owners, int hops) {
        List<Datastore> direct = byObject.get(object);
        if (direct != null) {
            return direct;
        }
        List<Datastore> out = new ArrayList<>();
        if (hops < MAX_OWNER_HOPS) {
            for (OwnerReference o : owners.getOrDefault(object, List.of())) {
                out.addAll(owned(key(o.getKind(), namespace, o.getName()), namespace, byObject, owners, hops + 1));
            }
        }
        return out;
    }

    static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
