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

    private final List<EntryObject> policies;

    GatewayAuth(Inventory inventory) {
        this.policies = inventory.entryObjects(GatewayApiKinds.ENVOY_SECURITY_POLICY);
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
        for (EntryObject p : policies) {
            if (!targets(p, targets)) {
                continue;
            }
            String label = "Envoy Gateway SecurityPolicy " + p.ref().display();
            for (String kind : AUTHENTICATION) {
                if (p.spec().has(kind)) {
                    if (layer4) {
                        facts.add(label + " (" + kind + ") does not apply to " + route.ref().kind() + " streams");
                    } else {
                        facts.add(label + " (" + kind + ")");
                        auth = true;
                    }
                }
            }
            Tree authorization = p.spec().map("authorization");
            if ("Deny".equals(authorization.string("defaultAction").orElse("Allow"))) {
                for (Tree rule : authorization.maps("rules")) {
                    if ("Allow".equals(rule.string("action").orElse(""))) {
                        allowlist.addAll(rule.map("principal").strings("clientCIDRs"));
                    }
                }
            }
        }
        return new Verdict(auth, allowlist, facts);
    }

    private static boolean targets(EntryObject policy, List<ObjectRef> candidates) {
        List<Tree> refs = new ArrayList<>(policy.spec().maps("targetRefs"));
        if (policy.spec().has("targetRef")) {
            refs.add(policy.spec().map("targetRef"));
        }
        for (Tree t : refs) {
            String kind = t.string("kind").orElse("");
            String name = t.string("name").orElse("");
            if (candidates.stream().anyMatch(c -> c.kind().equals(kind) && c.name().equals(name)
                    && c.namespace().equals(policy.namespace()))) {
                return true;
            }
        }
        return false;
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
