package io.exposureguard.core.exposure;

import io.exposureguard.core.inventory.ServiceView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How far a proxy that a routing object configures (a Gateway, an Istio ingress gateway, Traefik, the ingress-nginx
 * controller) reaches from outside. Decided, in this order, by the Services in front of the proxy's pods when the input
 * has them, by what the object itself says (internal load-balancer annotations, its addresses), and otherwise it counts
 * as internet-facing, as most implementations provision a public load balancer by default: the decision then says that
 * it assumed so. Shared by the route modules; pure.
 */
final class FrontDoor {

    private FrontDoor() {
    }

    /**
     * @param what     the proxy, as a sentence names it ("Gateway infra/public")
     * @param services the Services in front of its pods found in the input (may be empty)
     */
    static EntryDecision of(String what, List<ServiceView> services, EntryModule.Context context) {
        if (services.isEmpty()) {
            return assumedPublic(what);
        }
        Reach farthest = Reach.CLUSTER;
        List<String> facts = new ArrayList<>();
        for (ServiceView s : services) {
            EntryDecision d = reach(s, context);
            facts.add(what + " is published by " + s.type() + " Service " + s.ref().display() + ": " + String.join("; ", d.facts()));
            if (d.reach().compareTo(farthest) > 0) {
                farthest = d.reach();
            }
        }
        return new EntryDecision(farthest, false, facts);
    }

    /** What the object itself says about its load balancer: internal annotations, or its addresses. */
    static EntryDecision ofOwnSettings(String what, Map<String, String> loadBalancerAnnotations, List<String> addresses,
                                       EntryModule.Context context) {
        LoadBalancerReach.Claim claim = LoadBalancerReach.internalClaim(loadBalancerAnnotations, null, context.provider());
        if (claim.internal()) {
            List<String> facts = new ArrayList<>(claim.facts());
            facts.add(0, what + " asks its implementation for an internal load balancer");
            return new EntryDecision(Reach.RESTRICTED, false, facts);
        }
        if (!addresses.isEmpty()) {
            boolean allPrivate = addresses.stream().allMatch(Cidrs::privateAddress);
            EntryDecision d = new EntryDecision(allPrivate ? Reach.RESTRICTED : Reach.PUBLIC, false,
                    List.of(what + " has the addresses " + addresses + (allPrivate ? " (private addresses)" : " (not all private)")));
            return context.internal().narrow(d, addresses, "addresses");
        }
        return assumedPublic(what);
    }

    static EntryDecision assumedPublic(String what) {
        return new EntryDecision(Reach.PUBLIC, false, List.of("nothing in the input shows that " + what
                + " is internal, so it is assumed internet-facing (most implementations provision a public load balancer"
                + " by default)"));
    }

    private static EntryDecision reach(ServiceView s, EntryModule.Context context) {
        List<String> externalIPs = s.externalIPs();
        if ("LoadBalancer".equals(s.type())) {
            return context.internal().narrow(LoadBalancerReach.decide(s, context.provider()), LoadBalancerReach.sourceRanges(s),
                    "loadBalancerSourceRanges");
        }
        if ("NodePort".equals(s.type())) {
            return new EntryDecision(Reach.PUBLIC, false, List.of("type NodePort: the port is open on every node's address"));
        }
        if (!externalIPs.isEmpty()) {
            boolean allPrivate = externalIPs.stream().allMatch(Cidrs::privateAddress);
            return context.internal().narrow(new EntryDecision(allPrivate ? Reach.RESTRICTED : Reach.PUBLIC, false,
                    List.of("externalIPs " + externalIPs)), externalIPs, "externalIPs");
        }
        return new EntryDecision(Reach.CLUSTER, false, List.of("type " + s.type() + ": reachable only inside the cluster"));
    }
}
