package io.exposureguard.core.model;

import java.util.List;

/**
 * One step of an exposure path, outside first: where clients come from, the entry that lets them in, the Service
 * behind a router, the datastore. A value: {@link FindingText} turns hops into text, and code that needs an object
 * on the path (the Services to close, say) reads {@link #ref()}, never the text.
 *
 * @param kind   what the hop is
 * @param label  the entry or Service type ("LoadBalancer", "NodePort", "externalIPs", "ClusterIP", "hostPort",
 *               "hostNetwork"); for a datastore, the datastore type when the object's kind does not name it
 *               ("Redis/Valkey" for a Deployment); null when there is nothing to say
 * @param ref    the object at this hop; null for an origin
 * @param owner  the custom resource a generated Service comes from; null otherwise
 * @param port   the port at this hop; null when the hop has none (an origin, a router, a node address)
 * @param route  the route through a router ("es.example.com/api" on an Ingress); null otherwise
 * @param facts  what was observed at this hop (source ranges, authentication on a proxy, ...)
 */
public record Hop(Kind kind, String label, ObjectRef ref, ObjectRef owner, Port port, String route, List<String> facts) {

    /** Where a hop sits on the path. The origins start a path; the others name an object. */
    public enum Kind {
        /** Origin: clients anywhere. */
        INTERNET,
        /** Origin: clients outside the cluster, but only some networks (source ranges, internal load balancers). */
        RESTRICTED_NETWORKS,
        /** Origin: pods in the cluster. */
        CLUSTER,
        /** A Service that publishes a port outside the cluster (LoadBalancer, NodePort, externalIPs). */
        ENTRY_SERVICE,
        /** A router that forwards requests to a Service by host and path (Ingress). */
        ENTRY_ROUTE,
        /** The node's own address (hostPort, hostNetwork). */
        ENTRY_HOST,
        /** The Service a router forwards to. */
        BACKEND_SERVICE,
        /** The datastore's port, the end of the path. */
        DATASTORE;

        public boolean origin() {
            return this == INTERNET || this == RESTRICTED_NETWORKS || this == CLUSTER;
        }

        /** A Service, as an entry or behind a router. */
        public boolean service() {
            return this == ENTRY_SERVICE || this == BACKEND_SERVICE;
        }
    }

    /**
     * A port: its number, its name (null or empty when unnamed) and, on a NodePort entry, the node port
     * (0 when the hop does not publish one).
     */
    public record Port(int number, String name, int nodePort) {

        public static Port of(int number, String name) {
            return new Port(number, name, 0);
        }
    }

    public Hop {
        if (kind == null) {
            throw new IllegalArgumentException("a hop needs a kind");
        }
        if (kind.origin() != (ref == null)) {
            throw new IllegalArgumentException(kind + " hop: " + (kind.origin() ? "an origin names no object" : "needs the object"));
        }
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    public static Hop origin(Kind kind) {
        if (!kind.origin()) {
            throw new IllegalArgumentException(kind + " is not an origin");
        }
        return new Hop(kind, null, null, null, null, null, List.of());
    }

    /** An entry Service of {@code type} ("LoadBalancer", "NodePort", "externalIPs"). */
    public static Hop entryService(String type, ObjectRef service, ObjectRef owner, Port port, List<String> facts) {
        return new Hop(Kind.ENTRY_SERVICE, type, service, owner, port, null, facts);
    }

    /** A router ({@code router}: Ingress) and the route of it that leads on. */
    public static Hop entryRoute(ObjectRef router, String route, List<String> facts) {
        return new Hop(Kind.ENTRY_ROUTE, null, router, null, null, route, facts);
    }

    /** The node address of {@code workload}'s pods, {@code how} ("hostPort", "hostNetwork"). */
    public static Hop entryHost(String how, ObjectRef workload, List<String> facts) {
        return new Hop(Kind.ENTRY_HOST, how, workload, null, null, null, facts);
    }

    /** The Service of {@code type} a router forwards to. */
    public static Hop backendService(String type, ObjectRef service, ObjectRef owner, Port port) {
        return new Hop(Kind.BACKEND_SERVICE, type, service, owner, port, null, List.of());
    }

    /** The datastore {@code ref} ({@code type}: its type when the object's kind does not name it), at {@code port}. */
    public static Hop datastore(String type, ObjectRef ref, Port port, List<String> facts) {
        return new Hop(Kind.DATASTORE, type, ref, null, port, null, facts);
    }
}
