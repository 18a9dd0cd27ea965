package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.ArrayList;
import java.util.List;

/**
 * What a Gateway implementation declares on a route's way: Envoy Gateway's SecurityPolicy, targeting the route or its
 * Gateway (or ListenerSet). basicAuth, jwt, oidc, extAuth and apiKeyAuth authenticate HTTP and gRPC requests (not TCP,
 * TLS or UDP streams, which carry the datastore's own protocol); an authorization whose default is Deny and whose Allow
 * rules name client CIDRs limits where clients may come from, a mitigation, not authentication.
 */
final class GatewayAuth {

    private static final String[] AUTHENTICATION = {"basicAuth", "jwt", "oidc", "extAuth", "apiKeyAuth"};

    /** One SecurityPolicy as read: its name, the authentication it declares, the client CIDRs it alone allows. */
    private record Policy(String label, List<String> authentication, List<String> allowlist) {
    }

    /** The policies by each object they target ("namespace/kind/name"), so a path costs its own targets only. */
    private final java.util.Map<String, List<Policy>> byTarget = new java.util.HashMap<>();

    /** Reads every policy once; one that cannot be read is its own input problem and targets nothing. */
    GatewayAuth(Inventory inventory, EntryModule.Context context) {
        for (EntryObject p : inventory.entryObjects(GatewayApiKinds.ENVOY_SECURITY_POLICY)) {
            context.read(p.ref(), () -> {
                Tree spec = p.spec();
                List<Tree> refs = new ArrayList<>(spec.maps("targetRefs"));
                if (spec.has("targetRef")) {
                    refs.add(spec.map("targetRef"));
                }
                List<String> authentication = java.util.Arrays.stream(AUTHENTICATION).filter(spec::has).toList();
                List<String> allowlist = new ArrayList<>();
                Tree authorization = spec.map("authorization");
                if ("Deny".equals(authorization.string("defaultAction").orElse("Allow"))) {
                    for (Tree rule : authorization.maps("rules")) {
                        if ("Allow".equals(rule.string("action").orElse(""))) {
                            allowlist.addAll(rule.map("principal").strings("clientCIDRs"));
                        }
                    }
                }
                Policy policy = new Policy("Envoy Gateway SecurityPolicy " + p.ref().display(), authentication, allowlist);
                List<String> keys = new ArrayList<>();
                for (Tree t : refs) {
                    keys.add(p.namespace() + "/" + t.string("kind").orElse("") + "/" + t.string("name").orElse(""));
                }
                keys.forEach(k -> byTarget.computeIfAbsent(k, x -> new ArrayList<>()).add(policy));
            });
        }
    }

    /** What the policies targeting the route or its attachment add. */
    Verdict on(EntryObject route, GatewayListeners.Attachment a, boolean layer4) {
        List<ObjectRef> targets = new ArrayList<>();
        targets.add(route.ref());
        targets.add(a.gateway());
        targets.addAll(a.through());
        boolean auth = false;
        List<String> allowlist = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        java.util.Set<Policy> policies = new java.util.LinkedHashSet<>();
        targets.forEach(t -> policies.addAll(byTarget.getOrDefault(t.namespace() + "/" + t.kind() + "/" + t.name(), List.of())));
        for (Policy p : policies) {
            for (String kind : p.authentication()) {
                if (layer4) {
                    facts.add(p.label() + " (" + kind + ") does not apply to " + route.ref().kind() + " streams");
                } else {
                    facts.add(p.label() + " (" + kind + ")");
                    auth = true;
                }
            }
            allowlist.addAll(p.allowlist());
        }
        return new Verdict(auth, allowlist, facts);
    }

    /** Whether the policies authenticate, the client CIDRs they allow, and what they say. */
    record Verdict(boolean authenticates, List<String> allowlist, List<String> facts) {

        /** The Gateway's decision with this verdict on top: authentication, and the allowlist as a limit on reach. */
        EntryDecision apply(EntryDecision gateway, InternalNetworks internal) {
            List<String> all = new ArrayList<>(gateway.facts());
            Reach reach = gateway.reach();
            if (!allowlist.isEmpty() && !Cidrs.anyOpen(allowlist)) {
                if (reach == Reach.PUBLIC) {
                    reach = Reach.RESTRICTED;
                }
                all.add("SecurityPolicy client CIDRs " + allowlist + " (a mitigation, not authentication)");
            } else if (!allowlist.isEmpty()) {
                all.add("SecurityPolicy client CIDRs " + allowlist + " include every address");
            }
            EntryDecision d = new EntryDecision(reach, gateway.authenticates() || authenticates, all);
            return allowlist.isEmpty() ? d : internal.narrow(d, allowlist, "SecurityPolicy client CIDRs");
        }
    }
}
