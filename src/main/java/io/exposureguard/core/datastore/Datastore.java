package io.exposureguard.core.datastore;

import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A recognised datastore: the workload or custom resource that runs it, the labels its pods carry (what
 * Service selectors match), the ports that speak its protocol, its authentication verdict, whether it
 * serves HTTP in plaintext, and whether its pods sit on the node network.
 *
 * @param origin          how it was recognised ("image docker.elastic.co/elasticsearch/elasticsearch:8.15.0")
 * @param plaintextHttp   present when HTTP TLS is off, with the fact that says so
 * @param hostNetwork     pods use {@code hostNetwork: true}: every port is on the node's address
 * @param controllerLabels labels the workload's controller adds to its pods (a StatefulSet's pod names), which
 *                        selectors may name although the pod template does not carry them
 * @param upstreams       the datastore addresses it forwards its clients to (a UI's backing cluster); empty for a
 *                        datastore that serves its own data
 */
public record Datastore(
        ObjectRef ref,
        DatastoreType kind,
        String origin,
        Map<String, String> podLabels,
        List<DataPort> ports,
        AuthVerdict auth,
        Optional<String> plaintextHttp,
        boolean hostNetwork,
        ControllerLabels controllerLabels,
        List<Upstream> upstreams) {

    public Datastore {
        podLabels = Map.copyOf(podLabels);
        ports = List.copyOf(ports);
        upstreams = List.copyOf(upstreams);
    }

    /** A datastore that forwards to no other. */
    public Datastore(ObjectRef ref, DatastoreType kind, String origin, Map<String, String> podLabels, List<DataPort> ports,
                     AuthVerdict auth, Optional<String> plaintextHttp, boolean hostNetwork, ControllerLabels controllerLabels) {
        this(ref, kind, origin, podLabels, ports, auth, plaintextHttp, hostNetwork, controllerLabels, List.of());
    }

    /** The same datastore with another authentication verdict (the weaker one of a UI and the cluster behind it). */
    public Datastore withAuth(AuthVerdict verdict) {
        return new Datastore(ref, kind, origin, podLabels, ports, verdict, plaintextHttp, hostNetwork, controllerLabels, upstreams);
    }

    /** A datastore whose pods carry only the labels they are written with (a bare Pod, a custom resource's pods). */
    public Datastore(ObjectRef ref, DatastoreType kind, String origin, Map<String, String> podLabels, List<DataPort> ports,
                     AuthVerdict auth, Optional<String> plaintextHttp, boolean hostNetwork) {
        this(ref, kind, origin, podLabels, ports, auth, plaintextHttp, hostNetwork, ControllerLabels.NONE);
    }

    public String namespace() {
        return ref.namespace();
    }

    /** The last hop of an exposure path: "Elasticsearch shop/logs port 9200 (https)", "Redis/Valkey in Deployment shop/cache port 6379". */
    public Hop hop(DataPort port) {
        return Hop.datastore(namedByKind() ? null : kind.displayName(), ref, Hop.Port.of(port.number(), port.name()), auth.facts());
    }

    /** "Elasticsearch shop/logs" for a custom resource, "Redis/Valkey in Deployment web/cache" for a workload. */
    public String describe() {
        return namedByKind() ? ref.display() : kind.displayName() + " in " + ref.display();
    }

    private boolean namedByKind() {
        return ref.kind().equals(kind.displayName()) || (kind instanceof DatastoreKind k && ref.kind().equals(k.name()));
    }

    /** The hop for the datastore's first port, or just the datastore's object when it has none. */
    public Hop hop() {
        return ports.isEmpty() ? Hop.datastore(null, ref, null, auth.facts()) : hop(ports.get(0));
    }

    /**
     * True when every selector entry is among the pod labels, or is a label the controller adds with that value (see
     * {@link ControllerLabels}); an empty selector selects nothing here.
     */
    public boolean selectedBy(Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, String> e : selector.entrySet()) {
            boolean matches = controllerLabels.sets(e.getKey()) ? controllerLabels.allows(e.getKey(), e.getValue())
                    : e.getValue().equals(podLabels.get(e.getKey()));
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    public Optional<DataPort> portByNumber(int number) {
        return ports.stream().filter(p -> p.number() == number).findFirst();
    }

    public Optional<DataPort> portByName(String name) {
        return ports.stream().filter(p -> name.equals(p.name())).findFirst();
    }
}
