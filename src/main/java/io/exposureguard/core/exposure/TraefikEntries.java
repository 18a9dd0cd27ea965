package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Traefik's IngressRoute (HTTP) and IngressRouteTCP (the datastore's own protocol), under traefik.io and the former
 * traefik.containo.us: each {@code routes[].services[]} entry (a Service by name, namespace, and port number or name;
 * weight 0 carries no traffic; a TraefikService is followed through its weighted services and its mirroring) on to
 * the datastore ports its Service sends to. The route's middlewares are {@link TraefikMiddlewares}' to read (HTTP
 * Middlewares for an IngressRoute, MiddlewareTCPs for an IngressRouteTCP, whose streams no middleware authenticates).
 * How far Traefik reaches is {@link FrontDoor}'s decision over the Services in front of the Traefik pods (selector
 * {@code app.kubernetes.io/name: traefik}, as the official chart labels them, in any namespace), else assumed
 * internet-facing: the chart's default Service is a LoadBalancer. A backend in another namespace than its route
 * counts, unconfirmed: Traefik refuses it unless its provider sets allowCrossNamespace, which the input does not show.
 */
final class TraefikEntries implements EntryModule {

    static final List<WatchedKind> INGRESS_ROUTE = kinds("IngressRoute", "ingressroutes");
    static final List<WatchedKind> INGRESS_ROUTE_TCP = kinds("IngressRouteTCP", "ingressroutetcps");
    static final List<WatchedKind> TRAEFIK_SERVICE = kinds("TraefikService", "traefikservices");
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    private static final int MAX_SERVICE_DEPTH = 10;

    private static List<WatchedKind> kinds(String kind, String plural) {
        return List.of(new WatchedKind("traefik.io", List.of("v1alpha1"), kind, plural),
                new WatchedKind("traefik.containo.us", List.of("v1alpha1"), kind, plural));
    }

    @Override
    public List<WatchedKind> watched() {
        return Stream.of(INGRESS_ROUTE, INGRESS_ROUTE_TCP, TRAEFIK_SERVICE, TraefikMiddlewares.HTTP, TraefikMiddlewares.TCP)
                .flatMap(List::stream).toList();
    }

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<EntryObject> routes = inventory.entryObjects(Stream.concat(INGRESS_ROUTE.stream(), INGRESS_ROUTE_TCP.stream()).toList());
        if (routes.isEmpty()) {
            return List.of();
        }
        List<ServiceView> front = inventory.services().stream()
                .filter(s -> "traefik".equals(s.selector().get(NAME_LABEL))).toList();
        EntryDecision decision = FrontDoor.of("Traefik", front, context);
        List<ExposurePath> paths = new ArrayList<>();
        for (EntryObject route : routes) {
            context.read(route.ref(), () -> paths.addAll(route(route, decision, inventory, context)));
        }
        return paths;
    }

    private static List<ExposurePath> route(EntryObject route, EntryDecision front, Inventory inventory, Context context) {
        boolean tcp = "IngressRouteTCP".equals(route.ref().kind());
        List<String> entryPoints = route.spec().strings("entryPoints");
        List<ExposurePath> paths = new ArrayList<>();
        List<Tree> rules = route.spec().maps("routes");
        for (int r = 0; r < rules.size(); r++) {
            Tree rule = rules.get(r);
            List<TraefikMiddlewares.Ref> refs = new ArrayList<>();
            for (Tree m : rule.maps("middlewares")) {
                m.string("name").ifPresent(n -> refs.add(new TraefikMiddlewares.Ref(n, m.string("namespace").orElse(route.namespace()))));
            }
            TraefikMiddlewares.Effect effect = TraefikMiddlewares.of(refs, tcp ? TraefikMiddlewares.TCP : TraefikMiddlewares.HTTP, inventory);
            effect.loops().forEach(loop -> context.problems().add(new InputProblem(route.ref(), loop)));
            EntryDecision decision = RoutedBackends.restrict(front, !tcp && effect.authenticates(), effect.allowlist(),
                    "Traefik ipAllowList", effect.facts(), context.internal());
            String what = route.ref().display() + " route " + (r + 1);
            String routeText = "entryPoints " + (entryPoints.isEmpty() ? "(all)" : String.join(",", entryPoints))
                    + rule.string("match").map(m -> " " + m).orElse("");
            for (Tree service : rule.maps("services")) {
                List<Target> targets = new ArrayList<>();
                follow(service, route.namespace(), what, inventory, context, route.ref(), new ArrayList<>(), targets);
                for (Target t : targets) {
                    RoutedBackends.Route way = route(route, tcp, decision, routeText, t);
                    paths.addAll(RoutedBackends.paths(d -> way, t.backend(), inventory));
                }
            }
        }
        return paths;
    }

    private static RoutedBackends.Route route(EntryObject route, boolean tcp, EntryDecision decision, String routeText, Target t) {
        ServiceView s = t.backend().service();
        List<String> unconfirmed = new ArrayList<>();
        if (!s.namespace().equals(route.namespace())) {
            unconfirmed.add(route.ref().display() + " sends to Service " + s.ref().display() + " in another namespace, which"
                    + " Traefik refuses unless its Kubernetes CRD provider sets allowCrossNamespace (not in the input)");
        }
        List<ObjectRef> through = new ArrayList<>(List.of(route.ref()));
        through.addAll(t.via());
        String fix = "remove the service " + s.name() + " from " + route.ref().display()
                + ", or bind it only to an internal entry point"
                + (tcp ? ", or add a MiddlewareTCP ipAllowList for the client networks"
                : ", or require authentication on the route (a basicAuth, digestAuth or forwardAuth middleware)");
        return new RoutedBackends.Route(tcp ? EntryType.TRAEFIK_L4 : EntryType.TRAEFIK_HTTP, decision,
                List.of(Hop.entryRoute(route.ref(), routeText + " to Service " + s.name() + ":" + t.backend().port().port(),
                        decision.facts())), route.ref(), through, fix, unconfirmed);
    }

    private static void problem(Context context, ObjectRef route, String problem) {
        if (problem != null) {
            context.problems().add(new InputProblem(route, problem));
        }
    }

    /** A Service port a route's service entry leads to, and the TraefikServices on the way. */
    private record Target(RoutedBackends.Backend backend, List<ObjectRef> via) {
    }

    /** Follows one service entry (a Service, or a TraefikService's weighted services and mirrors) to Service ports. */
    private static void follow(Tree entry, String namespace, String what, Inventory inventory, Context context, ObjectRef route,
                               List<ObjectRef> via, List<Target> out) {
        if (entry.integer("weight").orElse(1) == 0) {
            return;
        }
        String kind = entry.string("kind").orElse("Service");
        String name = entry.string("name").orElse("");
        String ns = entry.string("namespace").orElse(namespace);
        if ("Service".equals(kind)) {
            RoutedBackends.Resolution r = RoutedBackends.resolve(inventory, ns, name, entry.string("port").orElse(null), what);
            r.backend().ifPresentOrElse(b -> out.add(new Target(b, List.copyOf(via))),
                    () -> problem(context, route, r.problem()));
            return;
        }
        if (!"TraefikService".equals(kind)) {
            context.problems().add(new InputProblem(route, what + " names a service of kind " + kind
                    + ", which is neither Service nor TraefikService"));
            return;
        }
        java.util.Optional<EntryObject> found = inventory.entryObject(TRAEFIK_SERVICE, ns, name);
        if (found.isEmpty()) {
            context.problems().add(new InputProblem(route, what + " sends to TraefikService " + ns + "/" + name
                    + ", which is not in the input, so where it sends is unknown"));
            return;
        }
        EntryObject ts = found.get();
        if (via.contains(ts.ref()) || via.size() >= MAX_SERVICE_DEPTH) {
            List<String> loop = new ArrayList<>(via.stream().map(ObjectRef::display).toList());
            loop.add(ts.ref().display());
            context.problems().add(new InputProblem(route, what + ": TraefikServices loop: " + String.join(" -> ", loop)));
            return;
        }
        List<ObjectRef> deeper = new ArrayList<>(via);
        deeper.add(ts.ref());
        String inside = what + " through " + ts.ref().display();
        Tree spec = ts.spec();
        for (Tree s : spec.map("weighted").maps("services")) {
            follow(s, ts.namespace(), inside, inventory, context, route, deeper, out);
        }
        Tree mirroring = spec.map("mirroring");
        if (spec.has("mirroring")) {
            follow(mirroring, ts.namespace(), inside, inventory, context, route, deeper, out);
            for (Tree m : mirroring.maps("mirrors")) {
                follow(m, ts.namespace(), inside, inventory, context, route, deeper, out);
            }
        }
        if (!spec.has("weighted") && !spec.has("mirroring")) {
            context.problems().add(new InputProblem(route, inside + ": a TraefikService without weighted or mirroring"
                    + " services is not followed, so where it sends is unknown"));
        }
    }
}
