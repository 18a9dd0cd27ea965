package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.Datastore;
import io.exposureguard.core.inventory.EntryObject;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.inventory.WatchedKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Istio security policies add on a path, where they select the ingress-gateway pods or the datastore's pods (a
 * policy without a selector covers its namespace; one in the root namespace istio-system covers the mesh). A
 * RequestAuthentication with jwtRules plus AuthorizationPolicies that admit only requests with a principal (every ALLOW
 * rule names {@code requestPrincipals}, or a DENY rule for {@code notRequestPrincipals: ["*"]}) is authentication, for
 * HTTP only; ALLOW policies whose every rule names {@code ipBlocks} or {@code remoteIpBlocks} restrict the sources, a
 * mitigation. On the datastore's pods they hold only where its sidecar enforces them, which the facts say.
 */
final class IstioAuth {

    static final String ROOT_NAMESPACE = "istio-system";

    static final List<WatchedKind> AUTHORIZATION_POLICY = List.of(
            new WatchedKind("security.istio.io", List.of("v1", "v1beta1"), "AuthorizationPolicy", "authorizationpolicies"));
    static final List<WatchedKind> REQUEST_AUTHENTICATION = List.of(
            new WatchedKind("security.istio.io", List.of("v1", "v1beta1"), "RequestAuthentication", "requestauthentications"));

    /** What the policies on one side (the gateway's pods, or the datastore's) say. */
    record Verdict(boolean authenticates, List<String> allowlist, List<String> facts) {
    }

    private final List<EntryObject> authorizations;
    private final List<EntryObject> authentications;

    IstioAuth(Inventory inventory) {
        this.authorizations = inventory.entryObjects(AUTHORIZATION_POLICY);
        this.authentications = inventory.entryObjects(REQUEST_AUTHENTICATION);
    }

    /** The policies selecting the gateway pods of {@code g}. */
    Verdict gateway(IstioGateways.Gateway g, boolean http) {
        return verdict("the ingress-gateway pods of Istio " + g.ref().display(), http,
                p -> (g.podNamespaces().contains(p.namespace()) || ROOT_NAMESPACE.equals(p.namespace()))
                        && selector(p).map(s -> IstioGateways.agree(s, g.selector())).orElse(true));
    }

    /** The policies selecting the pods of {@code d}. */
    Verdict workload(Datastore d, boolean http) {
        return verdict("the pods of " + d.ref().display() + " (where their Istio sidecar enforces it)", http,
                p -> (d.namespace().equals(p.namespace()) || ROOT_NAMESPACE.equals(p.namespace()))
                        && selector(p).map(d::selectedBy).orElse(true));
    }

    private Verdict verdict(String who, boolean http, java.util.function.Predicate<EntryObject> applies) {
        List<String> facts = new ArrayList<>();
        boolean jwt = false;
        for (EntryObject ra : authentications) {
            if (applies.test(ra) && !ra.spec().maps("jwtRules").isEmpty()) {
                jwt = true;
                facts.add("Istio RequestAuthentication " + ra.ref().display() + " validates JWTs for " + who);
            }
        }
        List<Tree> allowRules = new ArrayList<>();
        boolean denyWithoutPrincipal = false;
        for (EntryObject p : authorizations) {
            if (!applies.test(p)) {
                continue;
            }
            String action = p.spec().string("action").orElse("ALLOW");
            if ("ALLOW".equals(action)) {
                allowRules.addAll(p.spec().maps("rules"));
            } else if ("DENY".equals(action) && p.spec().maps("rules").stream().anyMatch(IstioAuth::deniesWithoutPrincipal)) {
                denyWithoutPrincipal = true;
                facts.add("Istio AuthorizationPolicy " + p.ref().display() + " denies requests without a principal to " + who);
            }
        }
        boolean principals = !allowRules.isEmpty() && allowRules.stream().allMatch(r -> every(r, "requestPrincipals"));
        if (principals) {
            facts.add("Istio AuthorizationPolicies allow only requests with a principal (requestPrincipals) to " + who);
        }
        boolean auth = jwt && (principals || denyWithoutPrincipal);
        if (auth && !http) {
            facts.add("Istio request authentication does not apply to TCP or TLS streams");
            auth = false;
        }
        List<String> allowlist = new ArrayList<>();
        if (!allowRules.isEmpty() && allowRules.stream().allMatch(r -> every(r, "ipBlocks") || every(r, "remoteIpBlocks"))) {
            for (Tree r : allowRules) {
                for (Tree from : r.maps("from")) {
                    allowlist.addAll(from.map("source").strings("ipBlocks"));
                    allowlist.addAll(from.map("source").strings("remoteIpBlocks"));
                }
            }
        }
        return new Verdict(auth, allowlist, facts);
    }

    /** Whether every source of the rule names {@code field} (a rule without sources matches any). */
    private static boolean every(Tree rule, String field) {
        List<Tree> from = rule.maps("from");
        return !from.isEmpty() && from.stream().allMatch(f -> !f.map("source").strings(field).isEmpty());
    }

    /** A DENY rule matching every request without a principal, with no other condition. */
    private static boolean deniesWithoutPrincipal(Tree rule) {
        return rule.maps("to").isEmpty() && rule.maps("when").isEmpty() && rule.maps("from").stream()
                .anyMatch(f -> f.map("source").strings("notRequestPrincipals").contains("*"));
    }

    private static java.util.Optional<Map<String, String>> selector(EntryObject policy) {
        Map<String, String> labels = policy.spec().map("selector").stringMap("matchLabels");
        return labels.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(labels);
    }
}
