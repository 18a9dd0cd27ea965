package io.exposureguard.core.exposure;

import io.exposureguard.core.model.InputProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.exposureguard.core.exposure.RouteFixtures.DATASTORE_HOP;
import static io.exposureguard.core.exposure.RouteFixtures.REDIS;
import static org.assertj.core.api.Assertions.assertThat;

/** OpenShift Routes: which backends they reach, and how far the router shards that admit them reach. */
class OpenShiftRoutesTest {

    private static final OpenShiftRoutes MODULE = new OpenShiftRoutes();

    private static String route(String labels, String spec) {
        return """
                ---
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata: {name: cache, namespace: web, labels: %s}
                spec: %s
                """.formatted(labels, spec);
    }

    private static String controller(String name, String spec) {
        return """
                ---
                apiVersion: operator.openshift.io/v1
                kind: IngressController
                metadata: {name: %s, namespace: openshift-ingress-operator}
                spec: %s
                """.formatted(name, spec);
    }

    private static final String PASSTHROUGH = "{host: cache.apps.example.com, to: {kind: Service, name: cache}, port: {targetPort: redis},"
            + " tls: {termination: passthrough}}";
    private static final String PATH = "Route web/cache cache.apps.example.com (TLS passthrough) to Service cache:6379"
            + " -> ClusterIP Service web/cache port 6379 (redis) -> " + DATASTORE_HOP;
    private static final String INTERNAL_DEFAULT = controller("default",
            "{endpointPublishingStrategy: {type: LoadBalancerService, loadBalancer: {scope: Internal}}}");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the default router, not in the input: assumed internet-facing", REDIS + route("{}", PASSTHROUGH),
                        List.of("internet -> " + PATH)),
                Arguments.of("an internal default router", REDIS + INTERNAL_DEFAULT + route("{}", PASSTHROUGH),
                        List.of("restricted networks -> " + PATH)),
                Arguments.of("a private shard for labelled routes, the default router excluding nothing",
                        REDIS + INTERNAL_DEFAULT + controller("private", "{routeSelector: {matchLabels: {shard: private}},"
                                + " endpointPublishingStrategy: {type: Private}}") + route("{shard: private}", PASSTHROUGH),
                        List.of("restricted networks -> " + PATH)),
                Arguments.of("a public shard that does not admit the route", REDIS + INTERNAL_DEFAULT
                                + controller("public", "{routeSelector: {matchLabels: {shard: public}}}") + route("{}", PASSTHROUGH),
                        List.of("restricted networks -> " + PATH)),
                Arguments.of("target port by number", REDIS + route("{}", PASSTHROUGH.replace("targetPort: redis", "targetPort: 6379")),
                        List.of("internet -> " + PATH)),
                Arguments.of("weight 0 carries no traffic", REDIS + route("{}", PASSTHROUGH.replace("name: cache}", "name: cache, weight: 0}")),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsEachRouteToTheDatastore(String description, String yaml, List<String> expected) {
        assertThat(RouteFixtures.paths(MODULE, yaml)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("a target port that matches nothing", route("{}", "{to: {kind: Service, name: cache}, port: {targetPort: nope}}"),
                        "Route web/cache sends to target port nope of Service web/cache, which has no port of that name or number"),
                Arguments.of("alternateBackends of the wrong type", route("{}", "{to: {name: cache}, alternateBackends: {name: x}}"),
                        "spec.alternateBackends: expected a list, found an object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAClearProblemNeverACrash(String description, String objects, String message) {
        assertThat(RouteFixtures.run(MODULE, REDIS + objects).problems()).extracting(InputProblem::message).containsExactly(message);
    }
}
