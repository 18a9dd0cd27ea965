package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.InputProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenShift's Route (route.openshift.io/v1): {@code spec.to} and {@code spec.alternateBackends} (kind Service; weight 0
 * carries no traffic) on {@code spec.port.targetPort} (a Service port name or target port number; absent: the Service's
 * first port, as the router does) to the datastore ports the Service sends to. TLS {@code passthrough} carries the
 * datastore's own protocol; other terminations carry HTTP, which the router does not authenticate. Reach: the
 * IngressControllers (operator.openshift.io/v1) in the input whose {@code routeSelector}/{@code namespaceSelector}
 * matchLabels admit the Route (an Internal load-balancer scope restricts; a Private strategy stays in the cluster);
 * the default router, when the input does not have it, counts as admitting every Route and as internet-facing (a
 * cluster's default IngressController publishes a public load balancer on most platforms), which the facts say.
 */
final class OpenShiftRoutes implements EntryModule {

    static final List<WatchedKind> ROUTE = List.of(new WatchedKind("route.openshift.io", List.of("v1"), "Route", "routes"));
    static final List<WatchedKind> INGRESS_CONTROLLER = List.of(
            new WatchedKind("operator.openshift.io", List.of("v1"), "IngressController", "ingresscontrollers"));

    @Override
    public List<WatchedKind> watched() {
        return List.of(ROUTE.get(0), INGRESS_CONTROLLER.get(0));
    }

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<EntryObject> routes = inventory.entryObjects(ROUTE);
        if (routes.isEmpty()) {
            return List.of();
        }
        List<EntryObject> controllers = inventory.entryObjects(INGRESS_CONTROLLER);
        List<ExposurePath> paths = new ArrayList<>();
        for (EntryObject route : routes) {
            context.read(route.ref(), () -> route(route, reach(route, controllers, inventory, context), inventory, context, paths));
        }
        return paths;
    }

    private static void route(EntryObject route, EntryDecision decision, Inventory inventory, Context context, List<ExposurePath> paths) {
        List<Tree> backends = new ArrayList<>();
        if (route.spec().has("to")) {
            backends.add(route.spec().map("to"));
        }
        backends.addAll(route.spec().maps("alternateBackends"));
        boolean passthrough = "passthrough".equalsIgnoreCase(route.spec().map("tls").string("termination").orElse(""));
        Optional<String> targetPort = route.spec().map("port").string("targetPort");
        String host = route.spec().string("host").orElse("(generated host)");
        for (Tree b : backends) {
            if (!"Service".equals(b.string("kind").orElse("Service")) || b.integer("weight").orElse(1) == 0) {
                continue;
            }
            String name = b.string("name").orElse("");
            Optional<ServiceView> service = inventory.service(route.namespace(), name);
            if (service.isEmpty()) {
                continue;
            }
            ServiceView s = service.get();
            Optional<ServicePortView> port = targetPort.isEmpty() ? s.ports().stream().findFirst()
                    : s.ports().stream().filter(p -> targetPort.get().equals(p.name()) || targetPort.get().equals(p.targetName())
                    || targetPort.get().equals(String.valueOf(p.targetNumber())) || targetPort.get().equals(String.valueOf(p.port()))).findFirst();
            if (port.isEmpty()) {
                context.problems().add(new InputProblem(route.ref(), route.ref().display() + " sends to target port "
                        + targetPort.orElse("") + " of " + s.ref().display() + ", which has no port of that name or number"));
                continue;
            }
            String fix = "delete " + route.ref().display() + " or admit it only to an internal router shard (an IngressController"
                    + " with an Internal load balancer and a routeSelector)";
            RoutedBackends.Route way = new RoutedBackends.Route(passthrough ? EntryType.OPENSHIFT_L4 : EntryType.OPENSHIFT_HTTP, decision,
                    List.of(Hop.entryRoute(route.ref(), host + (passthrough ? " (TLS passthrough)" : "") + " to Service " + s.name()
                            + ":" + port.get().port(), decision.facts())), route.ref(), List.of(route.ref()), fix, List.of());
            paths.addAll(RoutedBackends.paths(d -> way, new RoutedBackends.Backend(s, port.get()), inventory));
        }
    }

    /** How far the routers that admit the Route reach: the farthest of them. */
    private static EntryDecision reach(EntryObject route, List<EntryObject> controllers, Inventory inventory, Context context) {
        Map<String, String> namespaceLabels = inventory.labels().entrySet().stream()
                .filter(e -> "Namespace".equals(e.getKey().kind()) && route.namespace().equals(e.getKey().name()))
                .map(Map.Entry::getValue).findFirst().orElse(Map.of());
        List<EntryDecision> admitting = new ArrayList<>();
        boolean defaultInInput = false;
        for (EntryObject c : controllers) {
            defaultInInput |= "default".equals(c.name());
            Tree spec = c.spec();
            if (admits(spec.map("routeSelector").stringMap("matchLabels"), route.labels())
                    && admits(spec.map("namespaceSelector").stringMap("matchLabels"), namespaceLabels)) {
                admitting.add(controller(c));
            }
        }
        if (!defaultInInput) {
            admitting.add(FrontDoor.assumedPublic("OpenShift's default router"));
        }
        if (admitting.isEmpty()) {
            return new EntryDecision(Reach.CLUSTER, false, List.of("no IngressController in the input admits " + route.ref().display()));
        }
        EntryDecision farthest = admitting.get(0);
        List<String> facts = new ArrayList<>();
        for (EntryDecision d : admitting) {
            facts.addAll(d.facts());
            if (d.reach().compareTo(farthest.reach()) > 0) {
                farthest = d;
            }
        }
        return new EntryDecision(farthest.reach(), false, facts);
    }

    private static boolean admits(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static EntryDecision controller(EntryObject c) {
        Tree strategy = c.spec().map("endpointPublishingStrategy");
        String type = strategy.string("type").orElse("LoadBalancerService");
        String what = "IngressController " + c.ref().display();
        if ("Private".equals(type)) {
            return new EntryDecision(Reach.CLUSTER, false, List.of(what + " is Private: reachable only inside the cluster"));
        }
        if ("LoadBalancerService".equals(type) && "Internal".equals(strategy.map("loadBalancer").string("scope").orElse("External"))) {
            return new EntryDecision(Reach.RESTRICTED, false, List.of(what + " publishes an Internal load balancer"));
        }
        return new EntryDecision(Reach.PUBLIC, false, List.of(what + " publishes its router through " + type));
    }
}
