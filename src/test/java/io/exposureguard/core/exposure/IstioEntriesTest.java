package io.exposureguard.core.exposure;

import io.exposureguard.core.model.InputProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.exposureguard.core.exposure.RouteFixtures.DATASTORE_HOP;
import static io.exposureguard.core.exposure.RouteFixtures.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

/** Istio Gateway + VirtualService: which routes lead to the datastore, how far, and what security policies add. */
class IstioEntriesTest {

    private static final IstioEntries MODULE = new IstioEntries();

    private static String object(String apiVersion, String kind, String namespace, String name, String spec) {
        return """
                ---
                apiVersion: %s
                kind: %s
                metadata: {name: %s, namespace: %s}
                spec: %s
                """.formatted(apiVersion, kind, name, namespace, spec);
    }

    private static String gateway(String version, String servers) {
        return object("networking.istio.io/" + version, "Gateway", "web", "edge",
                "{selector: {istio: ingressgateway}, servers: " + servers + "}");
    }

    private static final String TCP_GATEWAY = gateway("v1", "[{port: {number: 6379, name: redis, protocol: TCP}, hosts: ['*']}]");
    private static final String HTTP_GATEWAY = gateway("v1", "[{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]");

    private static String vs(String spec) {
        return object("networking.istio.io/v1", "VirtualService", "web", "vs", spec);
    }

    private static final String INGRESS_LB = object("v1", "Service", "istio-system", "istio-ingressgateway",
            "{type: LoadBalancer, selector: {app: istio-ingressgateway, istio: ingressgateway}, ports: [{name: redis, port: 6379}]}");
    private static final String INGRESS_INTERNAL = object("v1", "Service", "istio-system", "istio-ingressgateway",
            "{type: ClusterIP, selector: {istio: ingressgateway}, ports: [{name: redis, port: 6379}]}");
    private static final String OTHER_LB = object("v1", "Service", "istio-system", "other",
            "{type: LoadBalancer, selector: {istio: eastwestgateway}, ports: [{port: 6379}]}");

    private static final String TCP_PATH = "Gateway web/edge server redis (TCP 6379) -> VirtualService web/vs tcp route to Service"
            + " cache:6379 -> ClusterIP Service web/cache port 6379 (redis) -> " + DATASTORE_HOP;
    private static final String HTTP_PATH = "Gateway web/edge server http (HTTP 80) -> VirtualService web/vs http route to Service"
            + " cache:6379 -> ClusterIP Service web/cache port 6379 (redis) -> " + DATASTORE_HOP;
    private static final String TCP_ROUTE = "tcp: [{route: [{destination: {host: %s, port: {number: 6379}}}]}]";

    static Stream<Arguments> cases() {
        String tcpVs = vs("{gateways: [edge], " + TCP_ROUTE.formatted("cache") + "}");
        return Stream.of(
                Arguments.of("TCP route, no gateway Service in the input: assumed internet-facing", REDIS + TCP_GATEWAY + tcpVs,
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("Gateway v1beta1", REDIS + gateway("v1beta1", "[{port: {number: 6379, name: redis, protocol: TCP}}]") + tcpVs,
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("Gateway v1alpha3", REDIS + gateway("v1alpha3", "[{port: {number: 6379, name: redis, protocol: TCP}}]") + tcpVs,
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("ingress gateway behind a LoadBalancer in istio-system", REDIS + INGRESS_LB + TCP_GATEWAY + tcpVs,
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("ingress gateway only inside the cluster; another gateway's LoadBalancer does not count",
                        REDIS + INGRESS_INTERNAL + OTHER_LB + TCP_GATEWAY + tcpVs, List.of("cluster -> " + TCP_PATH)),
                Arguments.of("gateway by namespace/name", REDIS + TCP_GATEWAY + vs("{gateways: [web/edge], " + TCP_ROUTE.formatted("cache") + "}"),
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("host name.namespace", REDIS + TCP_GATEWAY + vs("{gateways: [edge], " + TCP_ROUTE.formatted("cache.web") + "}"),
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("host as an FQDN", REDIS + TCP_GATEWAY
                        + vs("{gateways: [edge], " + TCP_ROUTE.formatted("cache.web.svc.cluster.local") + "}"), List.of("internet -> " + TCP_PATH)),
                Arguments.of("no port: the Service's only port", REDIS + TCP_GATEWAY
                        + vs("{gateways: [edge], tcp: [{route: [{destination: {host: cache}}]}]}"), List.of("internet -> " + TCP_PATH)),
                Arguments.of("mesh only is no entry", REDIS + TCP_GATEWAY + vs("{gateways: [mesh], " + TCP_ROUTE.formatted("cache") + "}"),
                        List.of()),
                Arguments.of("no gateways means mesh", REDIS + TCP_GATEWAY + vs("{" + TCP_ROUTE.formatted("cache") + "}"), List.of()),
                Arguments.of("weight 0 carries no traffic", REDIS + TCP_GATEWAY
                        + vs("{gateways: [edge], tcp: [{route: [{destination: {host: cache, port: {number: 6379}}, weight: 0}]}]}"), List.of()),
                Arguments.of("match.port names another server", REDIS + TCP_GATEWAY
                        + vs("{gateways: [edge], tcp: [{match: [{port: 9000}], route: [{destination: {host: cache}}]}]}"), List.of()),
                Arguments.of("match.port names the server", REDIS + TCP_GATEWAY
                        + vs("{gateways: [edge], tcp: [{match: [{port: 6379}], route: [{destination: {host: cache}}]}]}"),
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("a tcp route does not work on an HTTP server", REDIS + HTTP_GATEWAY + tcpVs, List.of()),
                Arguments.of("http route on an HTTP server", REDIS + HTTP_GATEWAY
                        + vs("{gateways: [edge], http: [{route: [{destination: {host: cache, port: {number: 6379}}}]}]}"),
                        List.of("internet -> " + HTTP_PATH)),
                Arguments.of("an external host is no Service", REDIS + TCP_GATEWAY
                        + vs("{gateways: [edge], " + TCP_ROUTE.formatted("redis.example.com") + "}"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsEachRouteToTheDatastore(String description, String yaml, List<String> expected) {
        assertThat(RouteFixtures.paths(MODULE, yaml)).containsExactlyElementsOf(expected);
    }

    @Test
    void aGatewayNotInTheInputIsAnUnconfirmedPublicPath() {
        List<ExposurePath> paths = RouteFixtures.run(MODULE, REDIS + vs("{gateways: [infra/edge], " + TCP_ROUTE.formatted("cache.web") + "}")).paths();

        assertThat(paths).singleElement().satisfies(p -> {
            assertThat(p.reach()).isEqualTo(Reach.PUBLIC);
            assertThat(p.unconfirmed()).containsExactly("Istio Gateway infra/edge that VirtualService web/vs binds to is not in the input");
        });
    }

    private static final String JWT = object("security.istio.io/v1", "RequestAuthentication", "istio-system", "jwt",
            "{selector: {matchLabels: {istio: ingressgateway}}, jwtRules: [{issuer: 'https://issuer'}]}");
    private static final String REQUIRE_PRINCIPAL = object("security.istio.io/v1", "AuthorizationPolicy", "istio-system", "need-jwt",
            "{selector: {matchLabels: {istio: ingressgateway}}, action: ALLOW, rules: [{from: [{source: {requestPrincipals: ['*']}}]}]}");
    private static final String DENY_NO_PRINCIPAL = object("security.istio.io/v1beta1", "AuthorizationPolicy", "web", "deny",
            "{selector: {matchLabels: {app: cache}}, action: DENY, rules: [{from: [{source: {notRequestPrincipals: ['*']}}]}]}");
    private static final String WORKLOAD_JWT = object("security.istio.io/v1", "RequestAuthentication", "web", "jwt",
            "{selector: {matchLabels: {app: cache}}, jwtRules: [{issuer: 'https://issuer'}]}");
    private static final String IP_BLOCKS = object("security.istio.io/v1", "AuthorizationPolicy", "istio-system", "office",
            "{selector: {matchLabels: {istio: ingressgateway}}, rules: [{from: [{source: {remoteIpBlocks: [192.0.2.0/24]}}]}]}");

    static Stream<Arguments> policies() {
        String http = REDIS + INGRESS_LB + HTTP_GATEWAY
                + vs("{gateways: [edge], http: [{route: [{destination: {host: cache, port: {number: 6379}}}]}]}");
        String tcp = REDIS + INGRESS_LB + TCP_GATEWAY + vs("{gateways: [edge], " + TCP_ROUTE.formatted("cache") + "}");
        return Stream.of(
                Arguments.of("JWT required at the gateway", http + JWT + REQUIRE_PRINCIPAL, true, Reach.PUBLIC),
                Arguments.of("JWT validated but not required", http + JWT, false, Reach.PUBLIC),
                Arguments.of("principal required without a RequestAuthentication", http + REQUIRE_PRINCIPAL, false, Reach.PUBLIC),
                Arguments.of("JWT required on the datastore's pods", http + WORKLOAD_JWT + DENY_NO_PRINCIPAL, true, Reach.PUBLIC),
                Arguments.of("JWT does not authenticate a TCP stream", tcp + JWT + REQUIRE_PRINCIPAL, false, Reach.PUBLIC),
                Arguments.of("remoteIpBlocks restrict the reach", tcp + IP_BLOCKS, false, Reach.RESTRICTED),
                Arguments.of("a policy for other pods changes nothing",
                        tcp + IP_BLOCKS.replace("istio: ingressgateway", "istio: eastwestgateway"), false, Reach.PUBLIC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void securityPoliciesOnTheGatewayOrTheWorkload(String description, String yaml, boolean authenticates, Reach reach) {
        assertThat(RouteFixtures.run(MODULE, yaml).paths()).singleElement().satisfies(p -> {
            assertThat(p.authOnPath()).isEqualTo(authenticates);
            assertThat(p.reach()).isEqualTo(reach);
        });
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("a port that matches nothing", TCP_GATEWAY + vs("{gateways: [edge], tcp: [{route: [{destination: {host: cache, port: {number: 7}}}]}]}"),
                        "VirtualService web/vs tcp route 1 sends to port 7 of Service web/cache, which has no port of that number or name"),
                Arguments.of("a port number that is no number", TCP_GATEWAY + vs("{gateways: [edge], tcp: [{route: [{destination: {host: cache, port: {number: redis}}}]}]}"),
                        "spec.tcp[0].route[0].destination.port.number: expected an integer, found a string"),
                Arguments.of("servers of the wrong type", gateway("v1", "{port: 1}"), "spec.servers: expected a list, found an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAClearProblemNeverACrash(String description, String objects, String message) {
        PathAnalyzer.Result result = RouteFixtures.run(MODULE, REDIS + objects + (objects.contains("VirtualService") ? ""
                : vs("{gateways: [edge], " + TCP_ROUTE.formatted("cache") + "}")));

        assertThat(result.problems()).extracting(InputProblem::message).containsExactly(message);
    }
}
