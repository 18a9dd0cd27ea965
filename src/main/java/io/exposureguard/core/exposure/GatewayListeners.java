package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.ServiceView;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Gateways and ListenerSets of one input, read once: their listeners (name, protocol, port, the routes they
 * admit) and how far each Gateway reaches ({@link FrontDoor}: the Service its implementation created, labelled
 * {@code gateway.networking.k8s.io/gateway-name} or by Envoy Gateway's owning-gateway labels; else its
 * {@code spec.infrastructure.annotations} and {@code spec.addresses}; else internet-facing, assumed). A route's
 * {@code parentRef} is matched against them by kind, namespace, name, {@code sectionName} and {@code port}.
 */
final class GatewayListeners {

    static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
    private static final String ENVOY_OWNING_NAME = "gateway.envoyproxy.io/owning-gateway-name";
    private static final String ENVOY_OWNING_NAMESPACE = "gateway.envoyproxy.io/owning-gateway-namespace";
    private static final Set<String> PARENT_KINDS = Set.of("Gateway", "ListenerSet", "XListenerSet");

    /** One listener of a Gateway or ListenerSet. {@code kinds} empty: those the protocol carries. */
    private record Listener(String name, String protocol, int port, Set<String> kinds, String from) {
    }

    /** A Gateway or ListenerSet: its listeners, its reach, and what the input lacks to confirm it. */
    private record Parent(ObjectRef ref, List<Listener> listeners, EntryDecision decision, List<String> unconfirmed,
                          List<ObjectRef> through) {
    }

    /**
     * A route attached to one listener.
     *
     * @param gateway  the object the route attaches to (a Gateway, or a ListenerSet)
     * @param listener the listener, as a path shows it ("listener redis (TCP 6379)")
     * @param through  the objects behind the attachment (a ListenerSet's Gateway)
     */
    record Attachment(ObjectRef gateway, String listener, EntryDecision decision, List<String> unconfirmed, List<ObjectRef> through) {
    }

    private final Map<String, Parent> parents;

    private GatewayListeners(Map<String, Parent> parents) {
        this.parents = parents;
    }

    static GatewayListeners read(Inventory inventory, EntryModule.Context context) {
        Map<String, Parent> parents = new HashMap<>();
        Map<String, EntryObject> gateways = new HashMap<>();
        List<EntryObject> all = inventory.entryObjects(GatewayApiKinds.GATEWAY);
        Map<String, List<ServiceView>> created = all.isEmpty() ? Map.of() : createdServices(inventory);
        for (EntryObject g : all) {
            context.read(g.ref(), () -> {
                parents.put(key("Gateway", g.namespace(), g.name()), new Parent(g.ref(), listeners(g.spec()),
                        reach(g, created.getOrDefault(key("Gateway", g.namespace(), g.name()), List.of()), context),
                        List.of(), List.of()));
                gateways.put(key("Gateway", g.namespace(), g.name()), g);
            });
        }
        for (EntryObject set : inventory.entryObjects(GatewayApiKinds.LISTENER_SET)) {
            context.read(set.ref(), () -> parents.put(key("ListenerSet", set.namespace(), set.name()),
                    listenerSet(set, gateways, parents)));
        }
        return new GatewayListeners(parents);
    }

    /** The listeners a route's parentRef attaches it to; one unconfirmed attachment when the parent is not in the input. */
    List<Attachment> attach(EntryObject route, Tree parentRef) {
        String group = parentRef.string("group").orElse(GatewayApiKinds.GROUP);
        String kind = parentRef.string("kind").orElse("Gateway");
        Optional<String> name = parentRef.string("name");
        if (!(GatewayApiKinds.GROUP.equals(group) || GatewayApiKinds.EXPERIMENTAL.equals(group))
                || !PARENT_KINDS.contains(kind) || name.isEmpty()) {
            return List.of();
        }
        String namespace = parentRef.string("namespace").orElse(route.namespace());
        Optional<String> section = parentRef.string("sectionName");
        Optional<Integer> port = parentRef.integer("port");
        Parent parent = parents.get(key(kind.endsWith("ListenerSet") ? "ListenerSet" : "Gateway", namespace, name.get()));
        if (parent == null) {
            ObjectRef missing = ObjectRef.of(group + "/v1", kind, namespace, name.get());
            return List.of(new Attachment(missing, section.map(s -> "listener " + s).orElse("(any listener)"),
                    FrontDoor.assumedPublic(missing.display()),
                    List.of(missing.display() + " that " + route.ref().display() + " attaches to is not in the input"),
                    List.of()));
        }
        List<Attachment> out = new ArrayList<>();
        for (Listener l : parent.listeners()) {
            if (section.isPresent() && !section.get().equals(l.name()) || port.isPresent() && port.get() != l.port()) {
                continue;
            }
            Optional<String> admitted = admits(l, route, parent.ref().namespace());
            if (admitted.isEmpty()) {
                continue;
            }
            EntryDecision decision = parent.decision();
            if (!admitted.get().isEmpty()) {
                List<String> facts = new ArrayList<>(decision.facts());
                facts.add(admitted.get());
                decision = new EntryDecision(decision.reach(), decision.authenticates(), facts);
            }
            out.add(new Attachment(parent.ref(), "listener " + l.name() + " (" + l.protocol() + " " + l.port() + ")", decision,
                    parent.unconfirmed(), parent.through()));
        }
        return out;
    }

    /** Empty when the listener refuses the route; else a fact to add ("" when there is nothing to say). */
    private static Optional<String> admits(Listener l, EntryObject route, String listenerNamespace) {
        String kind = route.ref().kind();
        boolean kindOk = l.kinds().isEmpty() ? GatewayApiKinds.attaches(kind, l.protocol()) : l.kinds().contains(kind);
        if (!kindOk) {
            return Optional.empty();
        }
        return switch (l.from()) {
            case "All" -> Optional.of("");
            case "Selector" -> Optional.of("listener " + l.name() + " admits routes from the namespaces its selector matches;"
                    + " namespace labels are not part of the input, so it is assumed to admit " + route.namespace());
            default -> route.namespace().equals(listenerNamespace) ? Optional.of("") : Optional.empty();
        };
    }

    private static List<Listener> listeners(Tree spec) {
        List<Listener> out = new ArrayList<>();
        for (Tree l : spec.maps("listeners")) {
            Set<String> kinds = new java.util.HashSet<>();
            for (Tree k : l.map("allowedRoutes").maps("kinds")) {
                k.string("kind").ifPresent(kinds::add);
            }
            out.add(new Listener(l.string("name").orElse("(unnamed)"), l.string("protocol").orElse("HTTP"),
                    l.integer("port").orElse(0), Set.copyOf(kinds),
                    l.map("allowedRoutes").map("namespaces").string("from").orElse("Same")));
        }
        return out;
    }

    private static EntryDecision reach(EntryObject g, List<ServiceView> services, EntryModule.Context context) {
        String what = g.ref().display();
        if (!services.isEmpty()) {
            return FrontDoor.of(what, services, context);
        }
        List<String> addresses = new ArrayList<>();
        for (Tree a : g.spec().maps("addresses")) {
            a.string("value").ifPresent(addresses::add);
        }
        return FrontDoor.ofOwnSettings(what, g.spec().map("infrastructure").stringMap("annotations"), addresses, context);
    }

    /**
     * The Services Gateway implementations created, by the Gateway they were made for (one pass over the Services):
     * labelled {@code gateway.networking.k8s.io/gateway-name} in the Gateway's namespace, or with Envoy Gateway's
     * owning-gateway name and namespace labels in any namespace.
     */
    private static Map<String, List<ServiceView>> createdServices(Inventory inventory) {
        Map<String, List<ServiceView>> out = new HashMap<>();
        for (ServiceView s : inventory.services()) {
            Map<String, String> labels = inventory.labels().getOrDefault(s.ref(), Map.of());
            String name = labels.get(GATEWAY_NAME_LABEL);
            if (name != null) {
                out.computeIfAbsent(key("Gateway", s.namespace(), name), k -> new ArrayList<>()).add(s);
            }
            String envoyName = labels.get(ENVOY_OWNING_NAME);
            String envoyNamespace = labels.get(ENVOY_OWNING_NAMESPACE);
            if (envoyName != null && envoyNamespace != null) {
                out.computeIfAbsent(key("Gateway", envoyNamespace, envoyName), k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }

    /** A ListenerSet counts where its Gateway lets it attach ({@code spec.allowedListeners}; by default none may). */
    private static Parent listenerSet(EntryObject set, Map<String, EntryObject> gateways, Map<String, Parent> parents) {
        Tree parentRef = set.spec().map("parentRef");
        String namespace = parentRef.string("namespace").orElse(set.namespace());
        String name = parentRef.string("name").orElse("");
        String key = key("Gateway", namespace, name);
        Parent gateway = parents.get(key);
        if (gateway == null) {
            String missing = "Gateway " + namespace + "/" + name;
            return new Parent(set.ref(), listeners(set.spec()), FrontDoor.assumedPublic(missing),
                    List.of(missing + " that ListenerSet " + set.ref().display() + " attaches to is not in the input"), List.of());
        }
        String from = gateways.get(key).spec().map("allowedListeners").map("namespaces").string("from").orElse("None");
        boolean allowed = "All".equals(from) || "Selector".equals(from) || "Same".equals(from) && namespace.equals(set.namespace());
        return new Parent(set.ref(), allowed ? listeners(set.spec()) : List.of(), gateway.decision(), List.of(), List.of(gateway.ref()));
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
