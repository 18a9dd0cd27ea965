package io.exposureguard.core.exposure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route to a Service that is not in the input (in files not scanned, or not created yet) opens no path and is no
 * input problem: there is no datastore behind it to reach, and nothing wrong with the route itself.
 */
class MissingBackendsTest {

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of(new IstioEntries(), """
                        apiVersion: networking.istio.io/v1
                        kind: VirtualService
                        metadata: {name: vs, namespace: web}
                        spec: {gateways: [edge], tcp: [{route: [{destination: {host: gone, port: {number: 6379}}}]}]}
                        """),
                Arguments.of(new TraefikEntries(), """
                        apiVersion: traefik.io/v1alpha1
                        kind: IngressRoute
                        metadata: {name: r, namespace: web}
                        spec: {routes: [{kind: Rule, services: [{name: gone, port: 6379}]}]}
                        """),
                Arguments.of(new ContourEntries(), """
                        apiVersion: projectcontour.io/v1
                        kind: HTTPProxy
                        metadata: {name: root, namespace: web}
                        spec: {virtualhost: {fqdn: a.example.com}, routes: [{services: [{name: gone, port: 6379}]}]}
                        """),
                Arguments.of(new OpenShiftRoutes(), """
                        apiVersion: route.openshift.io/v1
                        kind: Route
                        metadata: {name: r, namespace: web}
                        spec: {to: {kind: Service, name: gone}}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aRouteToAServiceNotInTheInputOpensNoPathAndIsNoProblem(EntryModule module, String route) {
        PathAnalyzer.Result result = RouteFixtures.run(module, RouteFixtures.REDIS + "---\n" + route);

        assertThat(result.paths()).isEmpty();
        assertThat(result.problems()).isEmpty();
    }
}
