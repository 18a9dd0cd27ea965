package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Istio Gateways of one input, read once: their servers (name, port number, protocol) and how far each reaches.
 * A Gateway's {@code spec.selector} picks the ingress-gateway pods; the Services in front of them are those whose
 * selector agrees with it (no label with another value, at least one in common), in any namespace, because Istio by
 * default applies a Gateway to matching gateway pods of every namespace (and the common {@code istio: ingressgateway}
 * pods live in istio-system while Gateways live with the applications). {@link FrontDoor} decides over those
 * Services; none in the input: assumed internet-facing.
 */
final class IstioGateways {

    static final List<WatchedKind> GATEWAY = List.of(
            new WatchedKind("networking.istio.io", List.of("v1", "v1beta1", "v1alpha3"), "Gateway", "gateways"));

    /** One server of a Gateway. */
    record Server(String name, int port, String protocol) {

        String display() {
            return "server " + name + " (" + protocol + " " + port + ")";
        }
    }

    /**
     * A Gateway: its pods' selector, its servers, its reach, the namespaces its pods are known to run in (those of the
     * Services in front of them; the Gateway's own when none is in the input).
     */
    record Gateway(ObjectRef ref, Map<String, String> selector, List<Server> servers, EntryDecision decision,
                   List<String> podNamespaces) {
    }

    private final Map<String, Gateway> gateways;

    private IstioGateways(Map<String, Gateway> gateways) {
        this.gateways = gateways;
    }

    static IstioGateways read(Inventory inventory, EntryModule.Context context) {
        Map<String, Gateway> out = new HashMap<>();
        for (EntryObject g : inventory.entryObjects(GATEWAY)) {
            context.read(g.ref(), () -> out.put(g.namespace() + "/" + g.name(), gateway(g, inventory, context)));
        }
        return new IstioGateways(out);
    }

    Optional<Gateway> find(String namespace, String name) {
        return Optional.ofNullable(gateways.get(namespace + "/" + name));
    }

    private static Gateway gateway(EntryObject g, Inventory inventory, EntryModule.Context context) {
        Map<String, String> selector = g.spec().stringMap("selector");
        List<Server> servers = new ArrayList<>();
        List<Tree> list = g.spec().maps("servers");
        for (int i = 0; i < list.size(); i++) {
            Tree port = list.get(i).map("port");
            servers.add(new Server(port.string("name").orElse(String.valueOf(i + 1)), port.integer("number").orElse(0),
                    port.string("protocol").orElse("HTTP").toUpperCase(java.util.Locale.ROOT)));
        }
        List<ServiceView> front = inventory.services().stream().filter(s -> agree(s.selector(), selector)).toList();
        List<String> namespaces = front.isEmpty() ? List.of(g.namespace())
                : front.stream().map(ServiceView::namespace).distinct().toList();
        String what = "the ingress-gateway pods of Istio " + g.ref().display() + " (selector " + selector + ")";
        return new Gateway(g.ref(), selector, servers, FrontDoor.of(what, front, context), namespaces);
    }

    /** Whether pods matching {@code a} may match {@code b}: no label with two values, at least one label in common. */
    static boolean agree(Map<String, String> a, Map<String, String> b) {
        boolean common = false;
        for (Map.Entry<String, String> e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (other != null && !other.equals(e.getValue())) {
                return false;
            }
            common |= other != null;
        }
        return common;
    }
}
