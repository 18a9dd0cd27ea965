package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.IngressView;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.WatchedKind;
import io.exposureguard.core.inventory.Tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an Ingress does before traffic reaches its backends. ingress-nginx: basic/digest auth with a
 * secret, external auth (auth-url) and required client certificates are authentication; the source
 * allowlist is a mitigation, not authentication; {@code satisfy: any} lets allowlisted clients skip
 * authentication. Traefik: router middlewares (with chains followed) — basicAuth, digestAuth and
 * forwardAuth authenticate, ipAllowList restricts.
 */
final class IngressAuth {

    private static final String NGINX = "nginx.ingress.kubernetes.io/";
    private static final String TRAEFIK_MIDDLEWARES = "traefik.ingress.kubernetes.io/router.middlewares";
    private static final int MAX_CHAIN_DEPTH = 10;

    /** Traefik's Middleware, under its current and its former group. */
    static final List<WatchedKind> TRAEFIK_MIDDLEWARE = List.of(
            new WatchedKind("traefik.io", List.of("v1alpha1"), "Middleware", "middlewares"),
            new WatchedKind("traefik.containo.us", List.of("v1alpha1"), "Middleware", "middlewares"));

    private IngressAuth() {
    }

    static EntryDecision decide(IngressView ingress, Inventory inventory) {
        return decide(ingress, inventory, InternalNetworks.NONE);
    }

    static EntryDecision decide(IngressView ingress, Inventory inventory, InternalNetworks internal) {
        Map<String, String> a = ingress.annotations();
        List<String> facts = new ArrayList<>();
        List<String> allowlist = new ArrayList<>();
        boolean auth = nginxAuth(a, facts);
        String nginxAllow = a.getOrDefault(NGINX + "allowlist-source-range", a.get(NGINX + "whitelist-source-range"));
        allowlist.addAll(Cidrs.split(nginxAllow));
        String middlewares = a.get(TRAEFIK_MIDDLEWARES);
        if (middlewares != null) {
            for (String ref : Cidrs.split(middlewares)) {
                auth |= traefik(ref, ingress.namespace(), inventory, facts, allowlist, new HashSet<>(), 0);
            }
        }
        Reach reach = Reach.PUBLIC;
        if (!allowlist.isEmpty() && !Cidrs.anyOpen(allowlist)) {
            reach = Reach.RESTRICTED;
            facts.add("source allowlist " + allowlist + " (a mitigation, not authentication)");
        } else if (!allowlist.isEmpty()) {
            facts.add("source allowlist " + allowlist + " includes every address");
        } else {
            facts.add("no source allowlist: the Ingress accepts clients from any address");
        }
        if (auth && reach == Reach.RESTRICTED && "any".equalsIgnoreCase(a.get(NGINX + "satisfy"))) {
            auth = false;
            facts.add(NGINX + "satisfy: any lets clients in the allowlist skip authentication");
        }
        return internal.narrow(new EntryDecision(reach, auth, facts), allowlist, "source allowlist");
    }

    private static boolean nginxAuth(Map<String, String> a, List<String> facts) {
        boolean auth = false;
        String type = a.get(NGINX + "auth-type");
        if (type != null && (type.equalsIgnoreCase("basic") || type.equalsIgnoreCase("digest")) && a.containsKey(NGINX + "auth-secret")) {
            facts.add("ingress-nginx " + type + " authentication (auth-secret " + a.get(NGINX + "auth-secret") + ")");
            auth = true;
        } else if (type != null) {
            facts.add("ingress-nginx auth-type " + type + " without auth-secret: no authentication is enforced");
        }
        if (a.containsKey(NGINX + "auth-url")) {
            facts.add("ingress-nginx external authentication (auth-url)");
            auth = true;
        }
        if ("on".equalsIgnoreCase(a.get(NGINX + "auth-tls-verify-client")) && a.containsKey(NGINX + "auth-tls-secret")) {
            facts.add("ingress-nginx requires client certificates (auth-tls-verify-client: on)");
            auth = true;
        } else if (a.containsKey(NGINX + "auth-tls-verify-client")) {
            facts.add("ingress-nginx auth-tls-verify-client: " + a.get(NGINX + "auth-tls-verify-client")
                    + ": client certificates are not required");
        }
        return auth;
    }

    /** Resolves "namespace-name@kubernetescrd" (or a bare name inside a chain) and reports whether it authenticates. */
    private static boolean traefik(String reference, String namespace, Inventory inventory, List<String> facts,
                                   List<String> allowlist, Set<String> seen, int depth) {
        Optional<EntryObject> found = resolve(reference, namespace, inventory);
        if (found.isEmpty()) {
            facts.add("Traefik middleware " + reference + " is not in the input, so its effect is unknown");
            return false;
        }
        EntryObject m = found.get();
        if (!seen.add(m.namespace() + "/" + m.name()) || depth > MAX_CHAIN_DEPTH) {
            return false;
        }
        Tree spec = m.spec();
        String label = "Traefik middleware " + m.namespace() + "/" + m.name();
        boolean auth = false;
        for (String kind : new String[] {"basicAuth", "digestAuth", "forwardAuth"}) {
            if (spec.has(kind)) {
                facts.add(label + " (" + kind + ")");
                auth = true;
            }
        }
        for (String kind : new String[] {"ipAllowList", "ipWhiteList"}) {
            if (spec.has(kind)) {
                allowlist.addAll(spec.map(kind).strings("sourceRange"));
            }
        }
        for (Tree link : spec.map("chain").maps("middlewares")) {
            Optional<String> name = link.string("name");
            if (name.isPresent()) {
                auth |= traefik(name.get(), m.namespace(), inventory, facts, allowlist, seen, depth + 1);
            }
        }
        return auth;
    }

    private static Optional<EntryObject> resolve(String reference, String namespace, Inventory inventory) {
        String ref = reference.trim();
        int at = ref.indexOf('@');
        String bare = at >= 0 ? ref.substring(0, at) : ref;
        Optional<EntryObject> sameNamespace = inventory.entryObject(TRAEFIK_MIDDLEWARE, namespace, bare);
        if (sameNamespace.isPresent() && at < 0) {
            return sameNamespace;
        }
        for (EntryObject m : inventory.entryObjects(TRAEFIK_MIDDLEWARE)) {
            if ((m.namespace() + "-" + m.name()).equals(bare)) {
                return Optional.of(m);
            }
        }
        return sameNamespace;
    }
}
