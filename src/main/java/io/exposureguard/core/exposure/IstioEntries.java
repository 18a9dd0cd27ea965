package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Istio: each VirtualService bound to an ingress Gateway ({@code gateways}: {@code name} in its own namespace,
 * {@code ns/name}; {@code mesh} is in-mesh traffic, no entry), its http, tcp and tls routes on the Gateway servers of a
 * matching protocol (and {@code match.port}/{@code match.gateways} when given), on to each
 * {@code route[].destination} (host {@code name}, {@code name.ns} or {@code name.ns.svc.<cluster domain>}, port
 * {@code number}, optional when the Service has one; weight 0 carries no traffic) and the datastore ports its Service
 * sends to. How far the Gateway reaches is {@link IstioGateways}' decision; what security policies add,
 * {@link IstioAuth}'s. A Gateway not in the input: followed as if bound, unconfirmed.
 */
final class IstioEntries implements EntryModule {

    static final List<WatchedKind> VIRTUAL_SERVICE = List.of(
            new WatchedKind("networking.istio.io", List.of("v1", "v1beta1", "v1alpha3"), "VirtualService", "virtualservices"));

    private static final Set<String> HTTP_SERVERS = Set.of("HTTP", "HTTPS", "HTTP2", "GRPC", "GRPC-WEB");
    private static final Set<String> TCP_SERVERS = Set.of("TCP", "TLS", "MONGO", "MYSQL", "REDIS");
    private static final Set<String> TLS_SERVERS = Set.of("TLS", "HTTPS");
    private static final List<String> SECTIONS = List.of("http", "tcp", "tls");

    @Override
    public List<WatchedKind> watched() {
        return Stream.of(IstioGateways.GATEWAY, VIRTUAL_SERVICE, IstioAuth.AUTHORIZATION_POLICY, IstioAuth.REQUEST_AUTHENTICATION)
                .flatMap(List::stream).toList();
    }

    @Override
    public List<WatchedKind> listeners() {
        return IstioGateways.GATEWAY;
    }

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<EntryObject> services = inventory.entryObjects(VIRTUAL_SERVICE);
        if (services.isEmpty()) {
            return List.of();
        }
        IstioGateways gateways = IstioGateways.read(inventory, context);
        IstioAuth auth = new IstioAuth(inventory);
        List<ExposurePath> paths = new ArrayList<>();
        for (EntryObject vs : services) {
            context.read(vs.ref(), () -> paths.addAll(virtualService(vs, gateways, auth, inventory, context)));
        }
        return paths;
    }

    /** A Gateway server a route is bound to: the Gateway (one not in the input: unconfirmed, every server). */
    private record Binding(IstioGateways.Gateway gateway, String reference, Optional<IstioGateways.Server> server,
                           List<String> unconfirmed) {

        boolean onPort(Optional<Integer> port) {
            return port.isEmpty() || server.isEmpty() || server.get().port() == port.get();
        }
    }

    private static List<ExposurePath> virtualService(EntryObject vs, IstioGateways gateways, IstioAuth auth, Inventory inventory,
                                                     Context context) {
        List<ExposurePath> paths = new ArrayList<>();
        for (String section : SECTIONS) {
            List<Tree> routes = vs.spec().maps(section);
            for (int i = 0; i < routes.size(); i++) {
                Tree route = routes.get(i);
                List<Binding> bindings = bindings(vs, route, section, gateways);
                if (bindings.isEmpty()) {
                    continue;
                }
                String what = vs.ref().display() + " " + section + " route " + (i + 1);
                for (Tree destination : route.maps("route")) {
                    if (destination.integer("weight").orElse(1) == 0) {
                        continue;
                    }
                    destination(vs, section, what, destination.map("destination"), bindings, auth, inventory, context, paths);
                }
            }
        }
        return paths;
    }

    /** The Gateway servers a route works on: its Gateways (or its matches'), servers of the right protocol and port. */
    private static List<Binding> bindings(EntryObject vs, Tree route, String section, IstioGateways gateways) {
        List<String> top = vs.spec().strings("gateways");
        List<Tree> matches = route.maps("match");
        List<Binding> out = new ArrayList<>();
        List<String> references = new ArrayList<>(top);
        for (Tree m : matches) {
            references.addAll(m.strings("gateways"));
        }
        for (String reference : references.stream().distinct().toList()) {
            if ("mesh".equals(reference)) {
                continue;
            }
            int slash = reference.indexOf('/');
            String namespace = slash < 0 ? vs.namespace() : reference.substring(0, slash);
            String name = slash < 0 ? reference : reference.substring(slash + 1);
            Optional<IstioGateways.Gateway> g = gateways.find(namespace, name);
            if (g.isEmpty()) {
                ObjectRef missing = ObjectRef.of("networking.istio.io/v1", "Gateway", namespace, name);
                out.add(new Binding(new IstioGateways.Gateway(missing, java.util.Map.of(), List.of(),
                        FrontDoor.assumedPublic("Istio " + missing.display()), List.of(namespace)), reference, Optional.empty(),
                        List.of("Istio " + missing.display() + " that " + vs.ref().display() + " binds to is not in the input")));
                continue;
            }
            for (IstioGateways.Server s : g.get().servers()) {
                if (serves(section, s.protocol())) {
                    out.add(new Binding(g.get(), reference, Optional.of(s), List.of()));
                }
            }
        }
        if (matches.isEmpty()) {
            return out.stream().filter(b -> top.contains(b.reference())).toList();
        }
        return out.stream().filter(b -> matches.stream().anyMatch(m -> {
            List<String> on = m.strings("gateways").isEmpty() ? top : m.strings("gateways");
            return on.contains(b.reference()) && b.onPort(m.integer("port"));
        })).toList();
    }

    private static boolean serves(String section, String protocol) {
        return switch (section) {
            case "http" -> HTTP_SERVERS.contains(protocol);
            case "tcp" -> TCP_SERVERS.contains(protocol);
            default -> TLS_SERVERS.contains(protocol);
        };
    }

    private static void destination(EntryObject vs, String section, String what, Tree destination, List<Binding> bindings,
                                    IstioAuth auth, Inventory inventory, Context context, List<ExposurePath> paths) {
        Optional<String> host = destination.string("host");
        if (host.isEmpty()) {
            return;
        }
        String[] parts = host.get().split("\\.");
        boolean inCluster = parts.length == 1 || parts.length == 2 || "svc".equals(parts[2]);
        if (!inCluster) {
            return;
        }
        String namespace = parts.length == 1 ? vs.namespace() : parts[1];
        String port = destination.map("port").integer("number").map(String::valueOf).orElse(null);
        RoutedBackends.Resolution r = RoutedBackends.resolve(inventory, namespace, parts[0], port, what);
        if (r.backend().isEmpty()) {
            if (r.problem() != null) {
                context.problems().add(new InputProblem(vs.ref(), r.problem()));
            }
            return;
        }
        RoutedBackends.Backend b = r.backend().get();
        boolean http = "http".equals(section);
        for (Binding binding : bindings) {
            IstioAuth.Verdict atGateway = auth.gateway(binding.gateway(), http);
            paths.addAll(RoutedBackends.paths(d -> route(vs, section, b, binding, atGateway, auth.workload(d, http), context),
                    b, inventory));
        }
    }

    private static RoutedBackends.Route route(EntryObject vs, String section, RoutedBackends.Backend b, Binding binding,
                                              IstioAuth.Verdict atGateway, IstioAuth.Verdict atWorkload, Context context) {
        boolean http = "http".equals(section);
        List<String> facts = new ArrayList<>(atGateway.facts());
        facts.addAll(atWorkload.facts());
        List<String> allowlist = new ArrayList<>(atGateway.allowlist());
        allowlist.addAll(atWorkload.allowlist());
        EntryDecision decision = RoutedBackends.restrict(binding.gateway().decision(),
                atGateway.authenticates() || atWorkload.authenticates(), allowlist, "Istio AuthorizationPolicy ipBlocks",
                facts, context.internal());
        String server = binding.server().map(IstioGateways.Server::display).orElse("(any server)");
        return new RoutedBackends.Route(http ? EntryType.ISTIO_HTTP : EntryType.ISTIO_L4, decision,
                List.of(Hop.entryRoute(binding.gateway().ref(), server, binding.gateway().decision().facts()),
                        Hop.entryRoute(vs.ref(), section + " route to Service " + b.service().name() + ":" + b.port().port(), facts)),
                vs.ref(), List.of(vs.ref(), binding.gateway().ref()), fix(vs, b, http), binding.unconfirmed());
    }

    private static String fix(EntryObject vs, RoutedBackends.Backend b, boolean http) {
        return "remove the route to " + b.service().name() + " from " + vs.ref().display()
                + ", or bind it only to an internal Gateway or to mesh"
                + (http ? ", or require a JWT at the gateway (a RequestAuthentication and an AuthorizationPolicy requiring"
                + " requestPrincipals)" : ", or allow only the client networks (an AuthorizationPolicy with ipBlocks)");
    }
}
