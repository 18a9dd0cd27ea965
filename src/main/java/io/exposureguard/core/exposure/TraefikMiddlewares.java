package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.inventory.WatchedKind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Traefik middlewares on a router do before traffic reaches its backends, shared by the Ingress annotation
 * ({@code traefik.ingress.kubernetes.io/router.middlewares}) and by IngressRoute and IngressRouteTCP. basicAuth,
 * digestAuth and forwardAuth authenticate; ipAllowList (and its former name ipWhiteList) restricts the sources, a
 * mitigation; chains are followed, and a chain that leads back to itself is reported as a loop. A reference is a
 * bare name (the router's namespace) or Traefik's cross-namespace form {@code <namespace>-<name>@kubernetescrd}. Pure.
 */
final class TraefikMiddlewares {

    private static final int MAX_CHAIN_DEPTH = 10;
    private static final String[] AUTHENTICATION = {"basicAuth", "digestAuth", "forwardAuth"};
    private static final String[] ALLOWLIST = {"ipAllowList", "ipWhiteList"};

    /** Traefik's Middleware (HTTP), under its current and its former group. */
    static final List<WatchedKind> HTTP = List.of(
            new WatchedKind("traefik.io", List.of("v1alpha1"), "Middleware", "middlewares"),
            new WatchedKind("traefik.containo.us", List.of("v1alpha1"), "Middleware", "middlewares"));

    /** Traefik's MiddlewareTCP (an IngressRouteTCP's: ipAllowList, inFlightConn), under both groups. */
    static final List<WatchedKind> TCP = List.of(
            new WatchedKind("traefik.io", List.of("v1alpha1"), "MiddlewareTCP", "middlewaretcps"),
            new WatchedKind("traefik.containo.us", List.of("v1alpha1"), "MiddlewareTCP", "middlewaretcps"));

    /** A middleware as a router names it: {@code reference} in {@code namespace}. */
    record Ref(String reference, String namespace) {
    }

    /**
     * What a router's middlewares add.
     *
     * @param allowlist the source ranges they allow (empty: no allowlist)
     * @param loops     the chains that lead back to a middleware already on the way, as "a -> b -> a"
     */
    record Effect(boolean authenticates, List<String> allowlist, List<String> facts, List<String> loops) {
    }

    private TraefikMiddlewares() {
    }

    /** Resolves each reference among {@code kinds} (HTTP or TCP middlewares), following chains. */
    static Effect of(List<Ref> refs, List<WatchedKind> kinds, Inventory inventory) {
        Walk walk = new Walk(kinds, inventory);
        boolean auth = false;
        for (Ref r : refs) {
            auth |= walk.follow(r.reference(), r.namespace(), new ArrayList<>());
        }
        return new Effect(auth, walk.allowlist, walk.facts, walk.loops);
    }

    /** One resolution: what it found so far. */
    private static final class Walk {
        private final List<WatchedKind> kinds;
        private final Inventory inventory;
        private final Set<String> done = new HashSet<>();
        private final List<String> allowlist = new ArrayList<>();
        private final List<String> facts = new ArrayList<>();
        private final List<String> loops = new ArrayList<>();

        Walk(List<WatchedKind> kinds, Inventory inventory) {
            this.kinds = kinds;
            this.inventory = inventory;
        }

        /** Whether the middleware {@code reference} (reached through {@code way}) authenticates. */
        boolean follow(String reference, String namespace, List<String> way) {
            Optional<EntryObject> found = resolve(reference, namespace);
            String kind = kinds.get(0).kind().toLowerCase(java.util.Locale.ROOT);
            if (found.isEmpty()) {
                facts.add("Traefik " + kind + " " + reference + " is not in the input, so its effect is unknown");
                return false;
            }
            EntryObject m = found.get();
            String id = m.namespace() + "/" + m.name();
            if (way.contains(id)) {
                List<String> loop = new ArrayList<>(way.subList(way.indexOf(id), way.size()));
                loop.add(id);
                loops.add("Traefik " + kind + " chain loops: " + String.join(" -> ", loop));
                return false;
            }
            if (!done.add(id) || way.size() > MAX_CHAIN_DEPTH) {
                return false;
            }
            Tree spec = m.spec();
            String label = "Traefik " + kind + " " + id;
            boolean auth = false;
            for (String a : AUTHENTICATION) {
                if (spec.has(a)) {
                    facts.add(label + " (" + a + ")");
                    auth = true;
                }
            }
            for (String a : ALLOWLIST) {
                if (spec.has(a)) {
                    allowlist.addAll(spec.map(a).strings("sourceRange"));
                }
            }
            List<String> deeper = new ArrayList<>(way);
            deeper.add(id);
            for (Tree link : spec.map("chain").maps("middlewares")) {
                Optional<String> name = link.string("name");
                if (name.isPresent()) {
                    auth |= follow(name.get(), link.string("namespace").orElse(m.namespace()), deeper);
                }
            }
            return auth;
        }

        private Optional<EntryObject> resolve(String reference, String namespace) {
            String ref = reference.trim();
            int at = ref.indexOf('@');
            String bare = at >= 0 ? ref.substring(0, at) : ref;
            Optional<EntryObject> sameNamespace = inventory.entryObject(kinds, namespace, bare);
            if (sameNamespace.isPresent() && at < 0) {
                return sameNamespace;
            }
            for (EntryObject m : inventory.entryObjects(kinds)) {
                if ((m.namespace() + "-" + m.name()).equals(bare)) {
                    return Optional.of(m);
                }
            }
            return sameNamespace;
        }
    }
}
