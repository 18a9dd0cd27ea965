package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the proxy route modules (Istio VirtualService, Traefik IngressRoute, ...) share: a route's backend resolved to a
 * Service port (by number or name; no port is the Service's only port), with the reason when it cannot be, and the
 * paths from a resolved backend on to each datastore port its Service sends to. Pure.
 */
final class RoutedBackends {

    private RoutedBackends() {
    }

    /** A Service port a route sends to. */
    record Backend(ServiceView service, ServicePortView port) {
    }

    /**
     * The backend, or why the route leads nowhere: a problem naming the route, Service and port when the Service is in
     * the input but has no such port; none when the Service is not in the input (it may be in files not scanned, or not
     * created yet: there is no datastore to reach through it, and no input to blame).
     */
    record Resolution(Optional<Backend> backend, String problem) {

        static Resolution of(Backend b) {
            return new Resolution(Optional.of(b), null);
        }

        static Resolution not(String problem) {
            return new Resolution(Optional.empty(), problem);
        }
    }

    /**
     * @param port a Service port number or name as the route gives it; null or empty: the Service's only port
     * @param what the route, as the problem names it ("IngressRoute web/es route 1")
     */
    static Resolution resolve(Inventory inventory, String namespace, String name, String port, String what) {
        Optional<ServiceView> service = inventory.service(namespace, name);
        if (service.isEmpty()) {
            return new Resolution(Optional.empty(), null);
        }
        ServiceView s = service.get();
        if (port == null || port.isBlank()) {
            return s.ports().size() == 1 ? Resolution.of(new Backend(s, s.ports().get(0)))
                    : Resolution.not(what + " names no port of " + s.ref().display() + ", which has "
                    + s.ports().size() + " ports");
        }
        String p = port.trim();
        Optional<ServicePortView> found = s.ports().stream()
                .filter(sp -> p.equals(String.valueOf(sp.port())) || p.equals(sp.name())).findFirst();
        return found.map(sp -> Resolution.of(new Backend(s, sp))).orElseGet(() -> Resolution.not(what + " sends to port "
                + p + " of " + s.ref().display() + ", which has no port of that number or name"));
    }

    /**
     * How one route reaches a backend: its kind of entry, the decision on the way (reach, authentication, facts), the
     * hops before the backend Service (the proxy's, the route's), the object to change, the objects on the way, how to
     * close it and what the input lacks to confirm it.
     */
    record Route(EntryType type, EntryDecision decision, List<Hop> hops, ObjectRef blame, List<ObjectRef> through,
                 String fix, List<String> unconfirmed) {
    }

    /** The paths through {@code b} to each datastore port its Service sends to, each by its datastore's route. */
    static List<ExposurePath> paths(java.util.function.Function<Datastore, Route> routes, Backend b, Inventory inventory) {
        ServiceView s = b.service();
        List<ExposurePath> paths = new ArrayList<>();
        for (Datastore d : inventory.selectedBy(s.namespace(), s.selector())) {
            Optional<DataPort> target = EntryHops.target(d, b.port());
            if (target.isEmpty()) {
                continue;
            }
            Route route = routes.apply(d);
            List<Hop> hops = new ArrayList<>();
            hops.add(EntryHops.origin(route.decision()));
            hops.addAll(route.hops());
            hops.add(Hop.backendService(s.type(), s.ref(), s.owner(), EntryHops.port(b.port())));
            hops.add(d.hop(target.get()));
            List<ObjectRef> through = new ArrayList<>(route.through());
            through.addAll(List.of(s.ref(), s.blame(), d.ref()));
            paths.add(new ExposurePath(d, target.get(), route.type(), route.decision().reach(), route.blame(), hops,
                    route.decision().facts(), route.decision().authenticates(), route.fix(), through, route.unconfirmed()));
        }
        return paths;
    }

    /**
     * The proxy's decision with what the route adds on top: authentication, and a source allowlist as a limit on
     * reach (a mitigation, not authentication; one that includes every address changes nothing).
     */
    static EntryDecision restrict(EntryDecision front, boolean authenticates, List<String> allowlist, String allowlistLabel,
                                  List<String> facts, InternalNetworks internal) {
        List<String> all = new ArrayList<>(front.facts());
        all.addAll(facts);
        Reach reach = front.reach();
        if (!allowlist.isEmpty() && !Cidrs.anyOpen(allowlist)) {
            if (reach == Reach.PUBLIC) {
                reach = Reach.RESTRICTED;
            }
            all.add(allowlistLabel + " " + allowlist + " (a mitigation, not authentication)");
        } else if (!allowlist.isEmpty()) {
            all.add(allowlistLabel + " " + allowlist + " includes every address");
        }
        EntryDecision d = new EntryDecision(reach, front.authenticates() || authenticates, all);
        return allowlist.isEmpty() ? d : internal.narrow(d, allowlist, allowlistLabel);
    }
}
