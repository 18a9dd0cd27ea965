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
import java.util.Optional;

/**
 * Contour's HTTPProxy (projectcontour.io/v1): a root proxy (one with {@code spec.virtualhost}) and the proxies it
 * {@code includes} (followed through any depth; a loop is an input problem naming it), each {@code routes[].services}
 * entry (weight 0 carries no traffic) and {@code tcpproxy.services} (or {@code tcpproxy.include}) on to the datastore
 * ports its Service sends to. Authentication: the root's {@code virtualhost.authorization} (external authorization)
 * unless the route sets {@code authPolicy.disabled}, or a route's {@code jwtVerificationPolicy.require}; IP allow
 * policies ({@code ipAllowPolicy} of the virtual host or the route) restrict the reach. How far Contour's Envoy reaches
 * is {@link FrontDoor}'s decision over the Services selecting {@code app: envoy} or
 * {@code app.kubernetes.io/component: envoy} (the upstream manifests' and the chart's labels), else assumed
 * internet-facing. A proxy without a virtual host that no root in the input includes is followed, unconfirmed.
 */
final class ContourEntries implements EntryModule {

    static final List<WatchedKind> HTTP_PROXY = List.of(new WatchedKind("projectcontour.io", List.of("v1"), "HTTPProxy", "httpproxies"));

    @Override
    public List<WatchedKind> watched() {
        return HTTP_PROXY;
    }

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<EntryObject> proxies = inventory.entryObjects(HTTP_PROXY);
        if (proxies.isEmpty()) {
            return List.of();
        }
        List<ServiceView> envoy = inventory.services().stream().filter(s -> "envoy".equals(s.selector().get("app"))
                || "envoy".equals(s.selector().get("app.kubernetes.io/component"))).toList();
        EntryDecision front = FrontDoor.of("Contour's Envoy", envoy, context);
        List<ExposurePath> paths = new ArrayList<>();
        java.util.Set<ObjectRef> included = new java.util.HashSet<>();
        for (EntryObject root : proxies) {
            context.read(root.ref(), () -> {
                if (root.spec().has("virtualhost")) {
                    walk(root, root, front, inventory, context, new ArrayList<>(), included, List.of(), paths);
                }
            });
        }
        java.util.Set<String> children = new java.util.HashSet<>();
        for (EntryObject p : proxies) {
            try {
                List<Tree> includes = new ArrayList<>(p.spec().maps("includes"));
                includes.add(p.spec().path("tcpproxy", "include"));
                includes.forEach(i -> children.add(i.string("namespace").orElse(p.namespace()) + "/" + i.string("name").orElse("")));
            } catch (io.exposureguard.core.inventory.InvalidFieldException e) {
                // reported where the proxy itself is followed
            }
        }
        for (EntryObject orphan : proxies) {
            if (!included.contains(orphan.ref()) && !children.contains(orphan.namespace() + "/" + orphan.name())) {
                context.read(orphan.ref(), () -> walk(orphan, orphan, front, inventory, context, new ArrayList<>(), included,
                        List.of("no root HTTPProxy in the input includes " + orphan.ref().display()
                                + " (without one Contour serves none of its routes)"), paths));
            }
        }
        return paths;
    }

    /** Follows {@code proxy} (reached from {@code root} through {@code way}) and what it includes. */
    private static void walk(EntryObject root, EntryObject proxy, EntryDecision front, Inventory inventory, Context context,
                             List<ObjectRef> way, java.util.Set<ObjectRef> included, List<String> unconfirmed, List<ExposurePath> paths) {
        if (way.contains(proxy.ref())) {
            List<String> loop = new ArrayList<>(way.subList(way.indexOf(proxy.ref()), way.size()).stream().map(ObjectRef::display).toList());
            loop.add(proxy.ref().display());
            context.problems().add(new InputProblem(root.ref(), "HTTPProxy includes loop: " + String.join(" -> ", loop)
                    + "; Contour refuses the whole tree"));
            return;
        }
        included.add(proxy.ref());
        List<ObjectRef> deeper = new ArrayList<>(way);
        deeper.add(proxy.ref());
        Tree vhost = root.spec().map("virtualhost");
        List<Tree> routes = proxy.spec().maps("routes");
        for (int r = 0; r < routes.size(); r++) {
            Tree route = routes.get(r);
            boolean auth = vhost.has("authorization") && !route.map("authPolicy").bool("disabled").orElse(false)
                    || route.map("jwtVerificationPolicy").bool("require").orElse(false);
            List<String> allowlist = cidrs(vhost.maps("ipAllowPolicy"));
            allowlist.addAll(cidrs(route.maps("ipAllowPolicy")));
            List<String> facts = auth ? List.of("Contour requires authentication on this route (virtualhost.authorization"
                    + " or jwtVerificationPolicy)") : List.of();
            EntryDecision decision = RoutedBackends.restrict(front, auth, allowlist, "Contour ipAllowPolicy", facts, context.internal());
            String prefix = route.maps("conditions").stream().map(c -> c.string("prefix").orElse("")).reduce("", String::concat);
            services(root, proxy, "route " + (r + 1) + (prefix.isEmpty() ? "" : " " + prefix), route.maps("services"), false,
                    decision, deeper, unconfirmed, inventory, context, paths);
        }
        Tree tcp = proxy.spec().map("tcpproxy");
        EntryDecision tcpDecision = RoutedBackends.restrict(front, false, cidrs(vhost.maps("ipAllowPolicy")), "Contour ipAllowPolicy",
                List.of(), context.internal());
        services(root, proxy, "tcpproxy", tcp.maps("services"), true, tcpDecision, deeper, unconfirmed, inventory, context, paths);
        List<Tree> includes = new ArrayList<>(proxy.spec().maps("includes"));
        if (tcp.has("include")) {
            includes.add(tcp.map("include"));
        }
        for (Tree include : includes) {
            String ns = include.string("namespace").orElse(proxy.namespace());
            String name = include.string("name").orElse("");
            Optional<EntryObject> child = inventory.entryObject(HTTP_PROXY, ns, name);
            if (child.isEmpty()) {
                context.problems().add(new InputProblem(proxy.ref(), proxy.ref().display() + " includes HTTPProxy " + ns + "/" + name
                        + ", which is not in the input"));
                continue;
            }
            context.read(child.get().ref(), () -> walk(root, child.get(), front, inventory, context, deeper, included, unconfirmed, paths));
        }
    }

    private static void services(EntryObject root, EntryObject proxy, String routeText, List<Tree> services, boolean tcp,
                                 EntryDecision decision, List<ObjectRef> way, List<String> unconfirmed, Inventory inventory,
                                 Context context, List<ExposurePath> paths) {
        for (Tree s : services) {
            if (s.integer("weight").orElse(1) == 0) {
                continue;
            }
            RoutedBackends.Resolution r = RoutedBackends.resolve(inventory, proxy.namespace(), s.string("name").orElse(""),
                    s.string("port").orElse(null), proxy.ref().display() + " " + routeText);
            if (r.backend().isEmpty()) {
                if (r.problem() != null) {
                    context.problems().add(new InputProblem(proxy.ref(), r.problem()));
                }
                continue;
            }
            RoutedBackends.Backend b = r.backend().get();
            String fqdn = root.spec().map("virtualhost").string("fqdn").orElse("");
            String fix = "remove the service " + b.service().name() + " from " + proxy.ref().display()
                    + (tcp ? ", or allow only the client networks (virtualhost.ipAllowPolicy)"
                    : ", or require authentication (virtualhost.authorization or a jwtVerificationPolicy)");
            RoutedBackends.Route route = new RoutedBackends.Route(tcp ? EntryType.CONTOUR_L4 : EntryType.CONTOUR_HTTP, decision,
                    List.of(Hop.entryRoute(proxy.ref(), (fqdn.isEmpty() ? "" : fqdn + " ") + routeText + " to Service "
                            + b.service().name() + ":" + b.port().port(), decision.facts())), proxy.ref(), way, fix, unconfirmed);
            paths.addAll(RoutedBackends.paths(d -> route, b, inventory));
        }
    }

    private static List<String> cidrs(List<Tree> rules) {
        List<String> out = new ArrayList<>();
        for (Tree t : rules) {
            t.string("cidr").ifPresent(out::add);
        }
        return out;
    }
}
