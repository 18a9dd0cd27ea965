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

/** Traefik IngressRoute and IngressRouteTCP: which routes lead to the datastore, how far, and what their middlewares add. */
class TraefikEntriesTest {

    private static final TraefikEntries MODULE = new TraefikEntries();

    private static String route(String kind, String group, String routeFields) {
        return """
                ---
                apiVersion: %s/v1alpha1
                kind: %s
                metadata: {name: r, namespace: web}
                spec:
                  entryPoints: [redis]
                  routes:
                    - %s
                """.formatted(group, kind, routeFields);
    }

    private static String tcp(String routeFields) {
        return route("IngressRouteTCP", "traefik.io", "{match: 'HostSNI(`*`)', " + routeFields + "}");
    }

    private static String object(String apiVersion, String kind, String namespace, String name, String spec) {
        return """
                ---
                apiVersion: %s
                kind: %s
                metadata: {name: %s, namespace: %s}
                spec: %s
                """.formatted(apiVersion, kind, name, namespace, spec);
    }

    private static final String TRAEFIK_LB = object("v1", "Service", "traefik", "traefik",
            "{type: LoadBalancer, selector: {app.kubernetes.io/name: traefik}, ports: [{name: redis, port: 6379}]}");
    private static final String TRAEFIK_INTERNAL = object("v1", "Service", "traefik", "traefik",
            "{type: ClusterIP, selector: {app.kubernetes.io/name: traefik}, ports: [{name: redis, port: 6379}]}");

    private static final String TCP_PATH = "IngressRouteTCP web/r entryPoints redis HostSNI(`*`) to Service cache:6379"
            + " -> ClusterIP Service web/cache port 6379 (redis) -> " + DATASTORE_HOP;
    private static final String HTTP_PATH = "IngressRoute web/r entryPoints redis to Service cache:6379"
            + " -> ClusterIP Service web/cache port 6379 (redis) -> " + DATASTORE_HOP;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("TCP route, no Traefik Service in the input: assumed internet-facing",
                        REDIS + tcp("services: [{name: cache, port: 6379}]"), List.of("internet -> " + TCP_PATH)),
                Arguments.of("the former group traefik.containo.us",
                        REDIS + route("IngressRouteTCP", "traefik.containo.us", "{match: 'HostSNI(`*`)', services: [{name: cache, port: 6379}]}"),
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("port by name", REDIS + tcp("services: [{name: cache, port: redis}]"), List.of("internet -> " + TCP_PATH)),
                Arguments.of("no port: the Service's only port", REDIS + tcp("services: [{name: cache}]"), List.of("internet -> " + TCP_PATH)),
                Arguments.of("Traefik behind a LoadBalancer", REDIS + TRAEFIK_LB + tcp("services: [{name: cache, port: 6379}]"),
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("Traefik only inside the cluster", REDIS + TRAEFIK_INTERNAL + tcp("services: [{name: cache, port: 6379}]"),
                        List.of("cluster -> " + TCP_PATH)),
                Arguments.of("weight 0 carries no traffic", REDIS + tcp("services: [{name: cache, port: 6379, weight: 0}]"), List.of()),
                Arguments.of("a port the datastore does not serve", REDIS + tcp("services: [{name: two, port: 7000}]"), List.of()),
                Arguments.of("MiddlewareTCP ipAllowList restricts",
                        REDIS + tcp("services: [{name: cache, port: 6379}], middlewares: [{name: office}]")
                                + object("traefik.io/v1alpha1", "MiddlewareTCP", "web", "office", "{ipAllowList: {sourceRange: [192.0.2.0/24]}}"),
                        List.of("restricted networks -> " + TCP_PATH)),
                Arguments.of("HTTP IngressRoute to the datastore",
                        REDIS + route("IngressRoute", "traefik.io", "{kind: Rule, services: [{name: cache, port: 6379}]}"),
                        List.of("internet -> " + HTTP_PATH)),
                Arguments.of("TraefikService weighted services are followed",
                        REDIS + route("IngressRoute", "traefik.io", "{kind: Rule, services: [{name: split, kind: TraefikService}]}")
                                + object("traefik.io/v1alpha1", "TraefikService", "web", "split",
                                "{weighted: {services: [{name: cache, port: 6379, weight: 1}, {name: cache, port: 6379, weight: 0}]}}"),
                        List.of("internet -> " + HTTP_PATH)),
                Arguments.of("TraefikService mirrors are followed",
                        REDIS + route("IngressRoute", "traefik.io", "{kind: Rule, services: [{name: mirror, kind: TraefikService}]}")
                                + object("traefik.io/v1alpha1", "TraefikService", "web", "mirror",
                                "{mirroring: {name: other, port: 80, mirrors: [{name: cache, port: 6379, percent: 10}]}}"),
                        List.of("internet -> " + HTTP_PATH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsEachRouteToTheDatastore(String description, String yaml, List<String> expected) {
        assertThat(RouteFixtures.paths(MODULE, yaml)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> middlewares() {
        String basic = object("traefik.io/v1alpha1", "Middleware", "web", "basic", "{basicAuth: {secret: users}}");
        String forward = object("traefik.containo.us/v1alpha1", "Middleware", "auth", "sso", "{forwardAuth: {address: 'http://sso'}}");
        return Stream.of(
                Arguments.of("basicAuth in the route's namespace", basic, "[{name: basic}]", true),
                Arguments.of("forwardAuth in another namespace", forward, "[{name: sso, namespace: auth}]", true),
                Arguments.of("a chain leading to basicAuth",
                        basic + object("traefik.io/v1alpha1", "Middleware", "web", "all", "{chain: {middlewares: [{name: basic}]}}"),
                        "[{name: all}]", true),
                Arguments.of("a middleware not in the input", "", "[{name: basic}]", false),
                Arguments.of("only an ipAllowList", object("traefik.io/v1alpha1", "Middleware", "web", "ips",
                        "{ipAllowList: {sourceRange: [0.0.0.0/0]}}"), "[{name: ips}]", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("middlewares")
    void httpMiddlewaresThatAuthenticateCount(String description, String objects, String refs, boolean authenticates) {
        String yaml = REDIS + objects
                + route("IngressRoute", "traefik.io", "{kind: Rule, middlewares: " + refs + ", services: [{name: cache, port: 6379}]}");

        List<ExposurePath> paths = RouteFixtures.run(MODULE, yaml).paths();

        assertThat(paths).singleElement().satisfies(p -> {
            assertThat(p.authOnPath()).isEqualTo(authenticates);
            assertThat(p.entry()).isEqualTo(EntryType.TRAEFIK_HTTP);
            assertThat(p.confirmed()).isTrue();
        });
    }

    @Test
    void aTcpRouteIsNotAuthenticatedByAnHttpMiddlewareOfTheSameName() {
        String yaml = REDIS + object("traefik.io/v1alpha1", "Middleware", "web", "basic", "{basicAuth: {secret: users}}")
                + tcp("services: [{name: cache, port: 6379}], middlewares: [{name: basic}]");

        assertThat(RouteFixtures.run(MODULE, yaml).paths()).singleElement()
                .satisfies(p -> assertThat(p.authOnPath()).isFalse())
                .satisfies(p -> assertThat(p.entry()).isEqualTo(EntryType.TRAEFIK_L4));
    }

    @Test
    void aBackendInAnotherNamespaceIsUnconfirmed() {
        String yaml = REDIS + route("IngressRoute", "traefik.io", "{kind: Rule, services: [{name: cache, namespace: web, port: 6379}]}")
                .replace("namespace: web}", "namespace: edge}");

        ExposurePath p = RouteFixtures.run(MODULE, yaml).paths().get(0);

        assertThat(p.unconfirmed()).singleElement().asString().contains("allowCrossNamespace");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("a port name that matches nothing", tcp("services: [{name: cache, port: nope}]"),
                        "IngressRouteTCP web/r route 1 sends to port nope of Service web/cache, which has no port of that number or name"),
                Arguments.of("no port on a Service with two", tcp("services: [{name: two}]"),
                        "IngressRouteTCP web/r route 1 names no port of Service web/two, which has 2 ports"),
                Arguments.of("a middleware chain loop",
                        route("IngressRoute", "traefik.io", "{kind: Rule, middlewares: [{name: a}], services: [{name: cache, port: 6379}]}")
                                + object("traefik.io/v1alpha1", "Middleware", "web", "a", "{chain: {middlewares: [{name: b}]}}")
                                + object("traefik.io/v1alpha1", "Middleware", "web", "b", "{chain: {middlewares: [{name: a}]}}"),
                        "Traefik middleware chain loops: web/a -> web/b -> web/a"),
                Arguments.of("a TraefikService loop",
                        route("IngressRoute", "traefik.io", "{kind: Rule, services: [{name: a, kind: TraefikService}]}")
                                + object("traefik.io/v1alpha1", "TraefikService", "web", "a", "{weighted: {services: [{name: a, kind: TraefikService}]}}"),
                        "IngressRoute web/r route 1 through TraefikService web/a: TraefikServices loop: TraefikService web/a -> TraefikService web/a"),
                Arguments.of("a TraefikService not in the input",
                        route("IngressRoute", "traefik.io", "{kind: Rule, services: [{name: a, kind: TraefikService}]}"),
                        "IngressRoute web/r route 1 sends to TraefikService web/a, which is not in the input, so where it sends is unknown"),
                Arguments.of("routes of the wrong type", """
                        ---
                        apiVersion: traefik.io/v1alpha1
                        kind: IngressRoute
                        metadata: {name: r, namespace: web}
                        spec: {routes: {services: []}}
                        """, "spec.routes: expected a list, found an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAClearProblemNeverACrash(String description, String objects, String message) {
        PathAnalyzer.Result result = RouteFixtures.run(MODULE, REDIS + objects);

        assertThat(result.problems()).extracting(InputProblem::message).containsExactly(message);
    }
}
