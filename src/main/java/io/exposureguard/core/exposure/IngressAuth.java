package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.IngressView;
import io.exposureguard.core.inventory.Inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an Ingress does before traffic reaches its backends. ingress-nginx: basic/digest auth with a
 * secret, external auth (auth-url) and required client certificates are authentication; the source
 * allowlist is a mitigation, not authentication; {@code satisfy: any} lets allowlisted clients skip
 * authentication. Traefik: router middlewares, read by {@link TraefikMiddlewares}.
 */
final class IngressAuth {

    private static final String NGINX = "nginx.ingress.kubernetes.io/";
    private static final String TRAEFIK_MIDDLEWARES = "traefik.ingress.kubernetes.io/router.middlewares";

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
            TraefikMiddlewares.Effect traefik = TraefikMiddlewares.of(Cidrs.split(middlewares).stream()
                    .map(ref -> new TraefikMiddlewares.Ref(ref, ingress.namespace())).toList(), TraefikMiddlewares.HTTP, inventory);
            auth |= traefik.authenticates();
            facts.addAll(traefik.facts());
            allowlist.addAll(traefik.allowlist());
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
}
