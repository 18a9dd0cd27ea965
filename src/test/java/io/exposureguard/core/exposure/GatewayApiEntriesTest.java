package io.exposureguard.core.exposure;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gateway API as a way in: which routes reach a datastore through which Gateway listener, how far the Gateway reaches,
 * what a ReferenceGrant or an Envoy Gateway SecurityPolicy changes, and what the input leaves unconfirmed.
 */
class GatewayApiEntriesTest {

    /** Redis without a password in namespace shop, its ClusterIP Service "sessions" on 6379 (and a second port 8001). */
    private static final String REDIS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: sessions, namespace: shop}
            spec:
              selector: {matchLabels: {app: sessions}}
              template:
                metadata: {labels: {app: sessions}}
                spec:
                  containers:
                    - name: redis
                      image: redis:7.2
                      ports: [{name: redis, containerPort: 6379}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: sessions, namespace: shop}
            spec:
              selector: {app: sessions}
              ports: [{name: redis, port: 6379}, {name: other, port: 8001}]
            """;

    private static String gateway(String namespace, String listeners, String extra) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/v1
                kind: Gateway
                metadata: {name: edge, namespace: %s}
                spec:
                  gatewayClassName: eg
                  listeners: %s
                %s""".formatted(namespace, listeners, extra);
    }

    private static String route(String kind, String apiVersion, String parentRefs, String backendRefs) {
        return """
                ---
                apiVersion: gateway.networking.k8s.io/%s
                kind: %s
                metadata: {name: r, namespace: shop}
                spec:
                  parentRefs: %s
                  rules:
                    - backendRefs: %s
                """.formatted(apiVersion, kind, parentRefs, backendRefs);
    }

    private static final String TCP_ALL = "[{name: redis, protocol: TCP, port: 6379, allowedRoutes: {namespaces: {from: All}}}]";
    private static final String TO_REDIS = "[{name: sessions, port: 6379}]";
    private static final String PARENT_INFRA = "[{name: edge, namespace: infra}]";

    private static List<String> verdicts(String yaml) {
        return Manifests.evaluate(yaml).findings().stream().map(Manifests::verdict).sorted().toList();
    }

    static Stream<Arguments> routesThatExpose() {
        return Stream.of(
                Arguments.of("a TCPRoute on a TCP listener", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS)),
                Arguments.of("a TCPRoute of the v1 API", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1", PARENT_INFRA, TO_REDIS)),
                Arguments.of("a TLSRoute passing TLS through to the datastore",
                        REDIS + gateway("infra", "[{name: tls, protocol: TLS, port: 443, tls: {mode: Passthrough},"
                                + " allowedRoutes: {namespaces: {from: All}}}]", "")
                                + route("TLSRoute", "v1alpha2", PARENT_INFRA, TO_REDIS)),
                Arguments.of("an HTTPRoute (a proxy that adds no authentication)",
                        REDIS + gateway("shop", "[{name: http, protocol: HTTP, port: 80}]", "")
                                + route("HTTPRoute", "v1", "[{name: edge}]", TO_REDIS)),
                Arguments.of("an HTTPRoute of v1beta1", REDIS + gateway("shop", "[{name: http, protocol: HTTP, port: 80}]", "")
                        + route("HTTPRoute", "v1beta1", "[{name: edge}]", TO_REDIS)),
                Arguments.of("a GRPCRoute", REDIS + gateway("shop", "[{name: h2, protocol: HTTPS, port: 443}]", "")
                        + route("GRPCRoute", "v1", "[{name: edge}]", TO_REDIS)),
                Arguments.of("a parentRef naming the listener by sectionName", REDIS
                        + gateway("infra", "[{name: web, protocol: HTTP, port: 80}," + TCP_ALL.substring(1), "")
                        + route("TCPRoute", "v1alpha2", "[{name: edge, namespace: infra, sectionName: redis}]", TO_REDIS)),
                Arguments.of("a parentRef naming the listener by port", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", "[{name: edge, namespace: infra, port: 6379}]", TO_REDIS)),
                Arguments.of("one of two weighted backends", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA,
                        "[{name: sessions, port: 6379, weight: 1}, {name: sessions, port: 8001, weight: 9}]")),
                Arguments.of("a listener admitting routes by namespace selector (labels not in the input)", REDIS
                        + gateway("infra", "[{name: redis, protocol: TCP, port: 6379, allowedRoutes:"
                        + " {namespaces: {from: Selector, selector: {matchLabels: {shared: 'yes'}}}}}]", "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS)),
                Arguments.of("a LoadBalancer Service the implementation created for the Gateway", REDIS
                        + gateway("infra", TCP_ALL, "") + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS) + """
                        ---
                        apiVersion: v1
                        kind: Service
                        metadata: {name: edge-eg, namespace: infra, labels: {gateway.networking.k8s.io/gateway-name: edge}}
                        spec: {type: LoadBalancer, selector: {app: envoy}, ports: [{port: 6379}]}
                        """),
                Arguments.of("a ListenerSet attached to a Gateway that allows it", REDIS
                        + gateway("infra", "[{name: web, protocol: HTTP, port: 80}]", "  allowedListeners: {namespaces: {from: All}}\n") + """
                        ---
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: ListenerSet
                        metadata: {name: shop-listeners, namespace: shop}
                        spec:
                          parentRef: {name: edge, namespace: infra}
                          listeners: [{name: redis, protocol: TCP, port: 6379}]
                        """ + route("TCPRoute", "v1alpha2", "[{kind: ListenerSet, name: shop-listeners}]", TO_REDIS)),
                Arguments.of("a backend in another namespace admitted by a ReferenceGrant", REDIS.replace("shop", "data")
                        + gateway("shop", TCP_ALL, "") + route("TCPRoute", "v1alpha2", "[{name: edge}]",
                        "[{name: sessions, namespace: data, port: 6379}]") + """
                        ---
                        apiVersion: gateway.networking.k8s.io/v1beta1
                        kind: ReferenceGrant
                        metadata: {name: from-shop, namespace: data}
                        spec:
                          from: [{group: gateway.networking.k8s.io, kind: TCPRoute, namespace: shop}]
                          to: [{group: '', kind: Service}]
                        """),
                Arguments.of("basic auth on a TCP route (it cannot apply to a Redis stream)", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS) + securityPolicy("TCPRoute", "basicAuth: {users: {name: htpasswd}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesThatExpose")
    void aRouteThroughAnInternetFacingGatewayExposesTheDatastore(String name, String yaml) {
        assertThat(verdicts(yaml)).containsExactly("EG-EXP-001 critical");
    }

    static Stream<Arguments> routesThatDoNot() {
        return Stream.of(
                Arguments.of("a listener in another namespace that admits only its own (the default)", REDIS
                        + gateway("infra", "[{name: redis, protocol: TCP, port: 6379}]", "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS)),
                Arguments.of("a listener whose protocol does not carry the route kind", REDIS
                        + gateway("infra", "[{name: web, protocol: HTTP, port: 80, allowedRoutes: {namespaces: {from: All}}}]", "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS)),
                Arguments.of("a listener whose allowedRoutes kinds exclude the route", REDIS
                        + gateway("infra", "[{name: t, protocol: TLS, port: 443, allowedRoutes: {namespaces: {from: All},"
                        + " kinds: [{kind: TLSRoute}]}}]", "") + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS)),
                Arguments.of("a sectionName that names no listener", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", "[{name: edge, namespace: infra, sectionName: nope}]", TO_REDIS)),
                Arguments.of("a backend of weight 0", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, "[{name: sessions, port: 6379, weight: 0}]")),
                Arguments.of("a backend port that is not the datastore's", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, "[{name: sessions, port: 8001}]")),
                Arguments.of("a backend that is not a Service", REDIS + gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, "[{group: example.com, kind: Backend, name: sessions, port: 6379}]")),
                Arguments.of("a parentRef to a Service (mesh traffic, not an entry)", REDIS
                        + route("HTTPRoute", "v1", "[{group: '', kind: Service, name: sessions}]", TO_REDIS)),
                Arguments.of("a ListenerSet on a Gateway that allows none (the default)", REDIS
                        + gateway("infra", "[{name: web, protocol: HTTP, port: 80}]", "") + """
                        ---
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: ListenerSet
                        metadata: {name: shop-listeners, namespace: shop}
                        spec:
                          parentRef: {name: edge, namespace: infra}
                          listeners: [{name: redis, protocol: TCP, port: 6379}]
                        """ + route("TCPRoute", "v1alpha2", "[{kind: ListenerSet, name: shop-listeners}]", TO_REDIS)),
                Arguments.of("an HTTPRoute with an Envoy Gateway SecurityPolicy requiring basic auth", REDIS
                        + gateway("shop", "[{name: http, protocol: HTTP, port: 80}]", "")
                        + route("HTTPRoute", "v1", "[{name: edge}]", TO_REDIS) + securityPolicy("HTTPRoute", "basicAuth: {users: {name: htpasswd}}")),
                Arguments.of("a Gateway-wide Envoy Gateway SecurityPolicy with OIDC", REDIS
                        + gateway("shop", "[{name: http, protocol: HTTP, port: 80}]", "")
                        + route("HTTPRoute", "v1", "[{name: edge}]", TO_REDIS)
                        + securityPolicy("Gateway", "oidc: {provider: {issuer: 'https://idp'}, clientID: x}").replace("name: r}", "name: edge}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routesThatDoNot")
    void aRouteThatCannotCarryTrafficOrAuthenticatesOpensNoPathFromOutside(String name, String yaml) {
        assertThat(verdicts(yaml)).containsExactly("EG-EXP-003 low");
    }

    private static String securityPolicy(String targetKind, String body) {
        return """
                ---
                apiVersion: gateway.envoyproxy.io/v1alpha1
                kind: SecurityPolicy
                metadata: {name: guard, namespace: shop}
                spec:
                  targetRefs: [{group: gateway.networking.k8s.io, kind: %s, name: r}]
                  %s
                """.formatted(targetKind, body);
    }

    @Test
    void aGatewayWithPrivateAddressesIsReachableOnlyFromSomeNetworks() {
        assertThat(verdicts(REDIS + gateway("infra", TCP_ALL, "  addresses: [{type: IPAddress, value: 10.0.0.7}]\n")
                + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS))).containsExactly("EG-EXP-001 high");
    }

    @Test
    void anInternalLoadBalancerAskedForInInfrastructureAnnotationsCountsOnlyOnTheCloudThePolicyNames() {
        String yaml = REDIS + gateway("infra", TCP_ALL,
                "  infrastructure: {annotations: {service.beta.kubernetes.io/aws-load-balancer-scheme: internal}}\n")
                + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS);
        var inventory = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE)
                .build(Manifests.objects(yaml));

        assertThat(new PathAnalyzer().analyze(inventory, InternalNetworks.NONE, CloudProvider.AWS))
                .extracting(ExposurePath::reach).containsExactly(Reach.RESTRICTED);
        assertThat(new PathAnalyzer().analyze(inventory, InternalNetworks.NONE, CloudProvider.AUTO))
                .extracting(ExposurePath::reach).containsExactly(Reach.PUBLIC);
    }

    @Test
    void aSecurityPolicyAllowingOnlySomeClientCidrsRestrictsTheRoute() {
        String yaml = REDIS + gateway("infra", TCP_ALL, "") + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS)
                + securityPolicy("TCPRoute", "authorization: {defaultAction: Deny, rules: [{action: Allow,"
                + " principal: {clientCIDRs: [203.0.113.0/24]}}]}");

        assertThat(verdicts(yaml)).containsExactly("EG-EXP-001 high");
    }

    @Test
    void aGatewayWhoseOnlyServiceIsClusterIpOpensNothingFromOutside() {
        String yaml = REDIS + gateway("infra", TCP_ALL, "") + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS) + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: edge-gw, namespace: infra, labels: {gateway.networking.k8s.io/gateway-name: edge}}
                spec: {selector: {app: gw}, ports: [{port: 6379}]}
                """;

        assertThat(verdicts(yaml)).containsExactly("EG-EXP-003 low");
    }

    @Test
    void thePathNamesGatewayListenerRouteServiceAndDatastoreAndSaysTheGatewayWasAssumedPublic() {
        Finding f = Manifests.evaluate(REDIS + gateway("infra", TCP_ALL, "") + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS))
                .findings().get(0);

        assertThat(FindingText.path(f)).isEqualTo("internet -> Gateway infra/edge listener redis (TCP 6379)"
                + " -> TCPRoute shop/r rule 1 to Service sessions:6379 -> ClusterIP Service shop/sessions port 6379 (redis)"
                + " -> Redis/Valkey in Deployment shop/sessions port 6379 (redis)");
        assertThat(f.resource().kind()).isEqualTo("TCPRoute");
        assertThat(f.facts()).anyMatch(x -> x.contains("assumed internet-facing"));
        assertThat(f.remediation()).contains("remove the backendRef to Service sessions from TCPRoute shop/r");
    }

    static Stream<Arguments> unconfirmed() {
        return Stream.of(
                Arguments.of("the parent Gateway is not in the input", REDIS + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS),
                        "Gateway infra/edge that TCPRoute shop/r attaches to is not in the input"),
                Arguments.of("no ReferenceGrant admits the cross-namespace backend", REDIS.replace("shop", "data")
                                + gateway("shop", TCP_ALL, "")
                                + route("TCPRoute", "v1alpha2", "[{name: edge}]", "[{name: sessions, namespace: data, port: 6379}]"),
                        "no ReferenceGrant in the input lets TCPRoute shop/r reach Service data/sessions"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unconfirmed")
    void aPathTheInputCannotConfirmIsUnverifiedAtMediumAndNamesTheMissingFact(String name, String yaml, String missing) {
        EvaluationResult result = Manifests.evaluate(yaml);

        assertThat(result.findings()).extracting(Manifests::verdict).contains("EG-EXP-006 medium").doesNotContain("EG-EXP-001 critical");
        assertThat(result.findings().stream().filter(f -> f.rule().id().equals("EG-EXP-006")).findFirst().orElseThrow().facts())
                .anyMatch(x -> x.startsWith("not confirmed: " + missing));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("listeners of the wrong type", gateway("infra", "'none'", "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS), "Gateway"),
                Arguments.of("parentRefs of the wrong type", route("TCPRoute", "v1alpha2", "5", TO_REDIS), "TCPRoute"),
                Arguments.of("a backend port given as text", gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, "[{name: sessions, port: redis}]"), "TCPRoute"),
                Arguments.of("a version exposure-guard does not read", route("TCPRoute", "v9", PARENT_INFRA, TO_REDIS), "TCPRoute"),
                Arguments.of("a SecurityPolicy whose targetRefs are text", gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS) + """
                        ---
                        apiVersion: gateway.envoyproxy.io/v1alpha1
                        kind: SecurityPolicy
                        metadata: {name: guard, namespace: shop}
                        spec: {targetRefs: everything, basicAuth: {users: {name: htpasswd}}}
                        """, "SecurityPolicy"),
                Arguments.of("a ReferenceGrant whose from is a number", gateway("infra", TCP_ALL, "")
                        + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS) + """
                        ---
                        apiVersion: gateway.networking.k8s.io/v1beta1
                        kind: ReferenceGrant
                        metadata: {name: g, namespace: shop}
                        spec: {from: 7, to: []}
                        """, "ReferenceGrant"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void aRoutingObjectThatCannotBeReadIsAnInputProblemAndTheRestStillCounts(String name, String objects, String kind) {
        EvaluationResult result = io.exposureguard.core.engine.ExposureEngine.standard().evaluate(Manifests.asInformed(REDIS + objects + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: open, namespace: shop}
                spec: {type: LoadBalancer, selector: {app: sessions}, ports: [{port: 6379}]}
                """));

        assertThat(result.problems()).extracting(p -> p.object().kind()).contains(kind);
        assertThat(result.problems()).extracting(InputProblem::message).allMatch(m -> !m.contains("Exception"));
        assertThat(result.findings()).extracting(Manifests::verdict).contains("EG-EXP-001 critical");
    }

    @Test
    void theOperatorWatchesEveryRouteKindAndTheGatewaysWithListOnly() {
        assertThat(ResourceKinds.ENTRY_SIDE).extracting(k -> k.kind() + "." + k.group()).contains(
                "Gateway.gateway.networking.k8s.io", "ListenerSet.gateway.networking.k8s.io",
                "XListenerSet.gateway.networking.x-k8s.io", "HTTPRoute.gateway.networking.k8s.io",
                "GRPCRoute.gateway.networking.k8s.io", "TLSRoute.gateway.networking.k8s.io",
                "TCPRoute.gateway.networking.k8s.io", "UDPRoute.gateway.networking.k8s.io",
                "ReferenceGrant.gateway.networking.k8s.io", "SecurityPolicy.gateway.envoyproxy.io");
        assertThat(new GatewayApiEntries().listeners()).extracting(k -> k.kind() + "." + k.group()).containsExactlyInAnyOrder(
                "Gateway.gateway.networking.k8s.io", "ListenerSet.gateway.networking.k8s.io", "XListenerSet.gateway.networking.x-k8s.io");
        assertThat(ResourceKinds.LISTENERS).containsAll(new GatewayApiEntries().listeners());
    }

    @Test
    void typedAndGenericObjectsOfAGatewayKindReadTheSame() {
        var typed = Manifests.objects(REDIS + gateway("infra", TCP_ALL, "") + route("TCPRoute", "v1alpha2", PARENT_INFRA, TO_REDIS));
        var generic = typed.stream().map(o -> o.getKind().equals("Gateway") || o.getKind().equals("TCPRoute")
                ? (io.fabric8.kubernetes.api.model.HasMetadata) Manifests.generic(o) : o).toList();
        InventoryBuilder builder = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

        assertThat(new PathAnalyzer().analyze(builder.build(generic))).extracting(p -> p.hops().size())
                .isEqualTo(new PathAnalyzer().analyze(builder.build(typed)).stream().map(p -> p.hops().size()).toList())
                .isNotEmpty();
    }
}
