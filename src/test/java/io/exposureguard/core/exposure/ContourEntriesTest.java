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

/** Contour HTTPProxy: root proxies, includes, tcpproxy, and what authorization and IP allow policies add. */
class ContourEntriesTest {

    private static final ContourEntries MODULE = new ContourEntries();

    private static String proxy(String namespace, String name, String spec) {
        return """
                ---
                apiVersion: projectcontour.io/v1
                kind: HTTPProxy
                metadata: {name: %s, namespace: %s}
                spec: %s
                """.formatted(name, namespace, spec);
    }

    private static final String ENVOY_INTERNAL = """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: envoy, namespace: projectcontour}
            spec: {type: ClusterIP, selector: {app: envoy}, ports: [{port: 80}]}
            """;

    private static final String HTTP_PATH = "HTTPProxy web/root cache.example.com route 1 to Service cache:6379"
            + " -> ClusterIP Service web/cache port 6379 (redis) -> " + DATASTORE_HOP;
    private static final String TCP_PATH = "HTTPProxy web/root cache.example.com tcpproxy to Service cache:6379"
            + " -> ClusterIP Service web/cache port 6379 (redis) -> " + DATASTORE_HOP;
    private static final String ROUTE = "routes: [{services: [{name: cache, port: 6379}]}]";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("root route, no Envoy Service in the input: assumed internet-facing",
                        REDIS + proxy("web", "root", "{virtualhost: {fqdn: cache.example.com}, " + ROUTE + "}"),
                        List.of("internet -> " + HTTP_PATH)),
                Arguments.of("Envoy only inside the cluster", REDIS + ENVOY_INTERNAL
                        + proxy("web", "root", "{virtualhost: {fqdn: cache.example.com}, " + ROUTE + "}"), List.of("cluster -> " + HTTP_PATH)),
                Arguments.of("tcpproxy", REDIS + proxy("web", "root",
                        "{virtualhost: {fqdn: cache.example.com, tls: {passthrough: true}}, tcpproxy: {services: [{name: cache, port: 6379}]}}"),
                        List.of("internet -> " + TCP_PATH)),
                Arguments.of("weight 0 carries no traffic", REDIS + proxy("web", "root",
                        "{virtualhost: {fqdn: cache.example.com}, routes: [{services: [{name: cache, port: 6379, weight: 0}]}]}"), List.of()),
                Arguments.of("an included proxy's routes through the root", REDIS
                        + proxy("edge", "root", "{virtualhost: {fqdn: cache.example.com}, includes: [{name: child, namespace: web}]}")
                        + proxy("web", "child", "{" + ROUTE + "}"),
                        List.of("internet -> HTTPProxy web/child cache.example.com route 1 to Service cache:6379"
                                + " -> ClusterIP Service web/cache port 6379 (redis) -> " + DATASTORE_HOP)),
                Arguments.of("IP allow policy restricts", REDIS + proxy("web", "root",
                        "{virtualhost: {fqdn: cache.example.com, ipAllowPolicy: [{cidr: 192.0.2.0/24, source: Peer}]}, " + ROUTE + "}"),
                        List.of("restricted networks -> " + HTTP_PATH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsEachRouteToTheDatastore(String description, String yaml, List<String> expected) {
        assertThat(RouteFixtures.paths(MODULE, yaml)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> auth() {
        return Stream.of(
                Arguments.of("external authorization on the virtual host", "{fqdn: cache.example.com, authorization: {extensionRef: {name: auth}}}",
                        "{services: [{name: cache, port: 6379}]}", true),
                Arguments.of("the route turns authorization off", "{fqdn: cache.example.com, authorization: {extensionRef: {name: auth}}}",
                        "{authPolicy: {disabled: true}, services: [{name: cache, port: 6379}]}", false),
                Arguments.of("the route requires a JWT", "{fqdn: cache.example.com}",
                        "{jwtVerificationPolicy: {require: true}, services: [{name: cache, port: 6379}]}", true),
                Arguments.of("nothing required", "{fqdn: cache.example.com}", "{services: [{name: cache, port: 6379}]}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auth")
    void authenticationOnTheRoute(String description, String vhost, String route, boolean authenticates) {
        String yaml = REDIS + proxy("web", "root", "{virtualhost: " + vhost + ", routes: [" + route + "]}");

        assertThat(RouteFixtures.run(MODULE, yaml).paths()).singleElement()
                .satisfies(p -> assertThat(p.authOnPath()).isEqualTo(authenticates));
    }

    @Test
    void aProxyNoRootIncludesIsUnconfirmed() {
        List<ExposurePath> paths = RouteFixtures.run(MODULE, REDIS + proxy("web", "child", "{" + ROUTE + "}")).paths();

        assertThat(paths).singleElement().satisfies(p -> assertThat(p.unconfirmed())
                .containsExactly("no root HTTPProxy in the input includes HTTPProxy web/child (without one Contour serves none of its routes)"));
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("an include loop", proxy("web", "root", "{virtualhost: {fqdn: a.example.com}, includes: [{name: a}]}")
                                + proxy("web", "a", "{includes: [{name: b}]}") + proxy("web", "b", "{includes: [{name: a}]}"),
                        "HTTPProxy includes loop: HTTPProxy web/a -> HTTPProxy web/b -> HTTPProxy web/a; Contour refuses the whole tree"),
                Arguments.of("an include not in the input", proxy("web", "root", "{virtualhost: {fqdn: a.example.com}, includes: [{name: gone}]}"),
                        "HTTPProxy web/root includes HTTPProxy web/gone, which is not in the input"),
                Arguments.of("routes of the wrong type", proxy("web", "root", "{virtualhost: {fqdn: a.example.com}, routes: {services: []}}"),
                        "spec.routes: expected a list, found an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAClearProblemNeverACrash(String description, String objects, String message) {
        assertThat(RouteFixtures.run(MODULE, REDIS + objects).problems()).extracting(InputProblem::message).containsExactly(message);
    }
}
