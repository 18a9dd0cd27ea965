package io.exposureguard.cli;

import io.exposureguard.core.datastore.AuthState;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One hop as the report draws it: a node with its role ("LoadBalancer Service", "Ingress", "Redis/Valkey"), the
 * object, the detail (port, route, the resource a Service is generated from), the datastore's authentication and
 * the facts observed at that hop.
 *
 * @param kind   the node's style: internet, restricted, cluster, entry, route, host, backend or datastore
 * @param auth   off, anonymous, on or unknown on a datastore; null on any other hop
 */
record HtmlHop(String kind, String title, String name, String detail, String auth, List<String> facts) {

    static HtmlHop of(Hop hop, Map<ObjectRef, List<ScanReport.DatastoreAuth>> datastores) {
        ObjectRef ref = hop.ref();
        return switch (hop.kind()) {
            case INTERNET -> origin("internet", "Internet");
            case RESTRICTED_NETWORKS -> origin("restricted", "Restricted networks");
            case CLUSTER -> origin("cluster", "Pods in the cluster");
            case ENTRY_SERVICE -> new HtmlHop("entry", prefixed(hop.label(), "Service"), name(ref), detail(hop), null, hop.facts());
            case BACKEND_SERVICE -> new HtmlHop("backend", prefixed(hop.label(), "Service"), name(ref), detail(hop), null, hop.facts());
            case ENTRY_ROUTE -> new HtmlHop("route", ref.kind(), name(ref), detail(hop), null, hop.facts());
            case ENTRY_HOST -> new HtmlHop("host", "Node address (" + hop.label() + ")", ref.display(), null, null, hop.facts());
            case DATASTORE -> new HtmlHop("datastore", hop.label() == null ? ref.kind() : hop.label(),
                    hop.label() == null ? name(ref) : ref.display(), detail(hop), auth(hop, datastores), hop.facts());
        };
    }

    private static HtmlHop origin(String kind, String title) {
        return new HtmlHop(kind, title, null, null, null, List.of());
    }

    private static String prefixed(String label, String what) {
        return label == null || label.isEmpty() ? what : label + " " + what;
    }

    private static String name(ObjectRef ref) {
        return ref.namespace() == null ? ref.name() : ref.namespace() + "/" + ref.name();
    }

    /** "port 9200 (http) (nodePort 30920); es.example.com/api; generated from Elasticsearch shop/es" */
    private static String detail(Hop hop) {
        List<String> parts = new ArrayList<>();
        if (hop.port() != null) {
            parts.add(FindingText.portText(hop.port()));
        }
        if (hop.route() != null) {
            parts.add(hop.route());
        }
        if (hop.owner() != null) {
            parts.add("generated from " + hop.owner().display());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /**
     * The state of the datastore at this hop: the one of its object and type, or of its object when the hop names no
     * type and the object runs one datastore. Unknown when the input does not tell which.
     */
    private static String auth(Hop hop, Map<ObjectRef, List<ScanReport.DatastoreAuth>> datastores) {
        List<AuthState> states = datastores.getOrDefault(hop.ref(), List.of()).stream()
                .filter(d -> hop.label() == null || hop.label().equals(d.type()))
                .map(ScanReport.DatastoreAuth::auth).distinct().toList();
        return (states.size() == 1 ? states.get(0) : AuthState.UNKNOWN).name().toLowerCase(Locale.ROOT);
    }
}
