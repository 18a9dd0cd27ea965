package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.DataPort;
import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServicePortView;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gateway API: each route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) attached through its {@code parentRefs}
 * to a Gateway listener (or a ListenerSet's) that accepts it, on to each {@code backendRef} Service whose port leads to
 * a datastore port. How far the Gateway reaches is {@link GatewayListeners}' decision; what an Envoy Gateway
 * SecurityPolicy adds is {@link GatewayAuth}'s. Backends of weight 0 carry no traffic; a backend in another namespace
 * counts with a matching ReferenceGrant, and without one in the input the path is unconfirmed. A route whose parent is
 * not in the input is followed as if it attached, unconfirmed: unclear is a verdict, not silence.
 */
final class GatewayApiEntries implements EntryModule {

    @Override
    public List<WatchedKind> watched() {
        return Stream.of(GatewayApiKinds.GATEWAY, GatewayApiKinds.LISTENER_SET, GatewayApiKinds.ROUTES,
                GatewayApiKinds.REFERENCE_GRANT, GatewayApiKinds.ENVOY_SECURITY_POLICY).flatMap(List::stream).toList();
    }

    @Override
    public List<WatchedKind> listeners() {
        return Stream.of(GatewayApiKinds.GATEWAY, GatewayApiKinds.LISTENER_SET).flatMap(List::stream).toList();
    }

    @Override
    public List<ExposurePath> paths(Inventory inventory, Context context) {
        List<EntryObject> routes = inventory.entryObjects(GatewayApiKinds.ROUTES);
        if (routes.isEmpty()) {
            return List.of();
        }
        GatewayListeners listeners = GatewayListeners.read(inventory, context);
        GatewayAuth auth = new GatewayAuth(inventory, context);
        ReferenceGrants grants = new ReferenceGrants(inventory, context);
        List<ExposurePath> paths = new ArrayList<>();
        for (EntryObject route : routes) {
            context.read(route.ref(), () -> paths.addAll(route(route, listeners, auth, grants, inventory, context)));
        }
        return paths;
    }

    private static List<ExposurePath> route(EntryObject route, GatewayListeners listeners, GatewayAuth auth,
                                            ReferenceGrants grants, Inventory inventory, Context context) {
        List<GatewayListeners.Attachment> attachments = new ArrayList<>();
        for (Tree parent : route.spec().maps("parentRefs")) {
            attachments.addAll(listeners.attach(route, parent));
        }
        List<ExposurePath> paths = new ArrayList<>();
        if (attachments.isEmpty()) {
            return paths;
        }
        List<Tree> rules = route.spec().maps("rules");
        for (int r = 0; r < rules.size(); r++) {
            for (Tree backend : rules.get(r).maps("backendRefs")) {
                backend(route, "rule " + (r + 1), backend, attachments, auth, grants, inventory, context, paths);
            }
        }
        return paths;
    }

    private static void backend(EntryObject route, String rule, Tree backend, List<GatewayListeners.Attachment> attachments,
                                GatewayAuth auth, ReferenceGrants grants, Inventory inventory, Context context,
                                List<ExposurePath> paths) {
        String group = backend.string("group").orElse("");
        String kind = backend.string("kind").orElse("Service");
        if (!(group.isEmpty() || "core".equals(group)) || !"Service".equals(kind) || backend.integer("weight").orElse(1) == 0) {
            return;
        }
        Optional<String> name = backend.string("name");
        Optional<Integer> port = backend.integer("port");
        if (name.isEmpty() || port.isEmpty()) {
            return;
        }
        String namespace = backend.string("namespace").orElse(route.namespace());
        Optional<ServiceView> service = inventory.service(namespace, name.get());
        if (service.isEmpty()) {
            return;
        }
        ServiceView s = service.get();
        Optional<ServicePortView> servicePort = s.ports().stream().filter(p -> p.port() == port.get()).findFirst();
        if (servicePort.isEmpty()) {
            return;
        }
        List<String> unconfirmed = new ArrayList<>();
        List<String> routeFacts = new ArrayList<>();
        if (!namespace.equals(route.namespace())) {
            Optional<EntryObject> grant = grants.admitting(route, s.ref());
            if (grant.isPresent()) {
                routeFacts.add("ReferenceGrant " + grant.get().ref().display() + " lets " + route.ref().kind() + "s of namespace "
                        + route.namespace() + " reach " + s.ref().display());
            } else {
                unconfirmed.add("no ReferenceGrant in the input lets " + route.ref().display() + " reach "
                        + s.ref().display() + " in another namespace (without one the Gateway refuses the backend)");
            }
        }
        for (Datastore d : inventory.backends(s)) {
            Optional<DataPort> target = EntryHops.target(d, servicePort.get());
            if (target.isEmpty()) {
                continue;
            }
            for (GatewayListeners.Attachment a : attachments) {
                paths.add(path(route, rule, s, servicePort.get(), d, target.get(), a, auth, unconfirmed, routeFacts, context));
            }
        }
    }

    private static ExposurePath path(EntryObject route, String rule, ServiceView s, ServicePortView servicePort, Datastore d,
                                     DataPort target, GatewayListeners.Attachment a, GatewayAuth auth, List<String> unconfirmedBackend,
                                     List<String> backendFacts, Context context) {
        boolean l4 = GatewayApiKinds.layer4(route.ref().kind());
        GatewayAuth.Verdict onPath = auth.on(route, a, l4);
        EntryDecision decision = onPath.apply(a.decision(), context.internal());
        List<String> routeFacts = new ArrayList<>(backendFacts);
        routeFacts.addAll(onPath.facts());
        List<String> unconfirmed = new ArrayList<>(a.unconfirmed());
        unconfirmed.addAll(unconfirmedBackend);
        List<Hop> hops = new ArrayList<>();
        hops.add(EntryHops.origin(decision));
        hops.add(Hop.entryRoute(a.gateway(), a.listener(), decision.facts()));
        hops.add(Hop.entryRoute(route.ref(), rule + " to Service " + s.name() + ":" + servicePort.port(), routeFacts));
        hops.add(Hop.backendService(s.type(), s.ref(), s.owner(), EntryHops.port(servicePort)));
        hops.add(d.hop(target));
        List<String> facts = new ArrayList<>(decision.facts());
        facts.addAll(routeFacts);
        List<ObjectRef> through = new ArrayList<>();
        through.add(route.ref());
        through.addAll(a.through());
        through.addAll(List.of(s.ref(), s.blame(), d.ref()));
        String fix = "remove the backendRef to Service " + s.name() + " from " + route.ref().display()
                + ", or attach the route only to an internal Gateway"
                + (l4 ? "" : ", or require authentication on it (an Envoy Gateway SecurityPolicy with basicAuth, jwt, oidc or extAuth)");
        return new ExposurePath(d, target, l4 ? EntryType.GATEWAY_L4 : EntryType.GATEWAY_HTTP, decision.reach(), route.ref(),
                hops, facts, decision.authenticates(), fix, through, unconfirmed);
    }
}
