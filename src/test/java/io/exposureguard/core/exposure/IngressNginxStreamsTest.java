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

/** ingress-nginx's tcp-services / udp-services ConfigMaps: which mappings lead to the datastore, through which controller Service. */
class IngressNginxStreamsTest {

    private static final IngressNginxStreams MODULE = new IngressNginxStreams();

    private static String configMap(String name, String data) {
        return """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: ingress-nginx}
                data: %s
                """.formatted(name, data);
    }

    /** The controller Deployment (chart labels), with these extra args. */
    private static String controller(String args) {
        return """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
                spec:
                  selector: {matchLabels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
                  template:
                    metadata: {labels: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}}
                    spec:
                      containers:
                        - name: controller
                          image: registry.k8s.io/ingress-nginx/controller:v1.12.1
                          args: [/nginx-ingress-controller, --publish-service=$(POD_NAMESPACE)/ingress-nginx-controller%s]
                """.formatted(args);
    }

    private static String controllerService(String type, String ports) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
                spec:
                  type: %s
                  selector: {app.kubernetes.io/name: ingress-nginx, app.kubernetes.io/component: controller}
                  ports: %s
                """.formatted(type, ports);
    }

    private static final String TCP_FLAG = ", --tcp-services-configmap=$(POD_NAMESPACE)/ingress-nginx-tcp";
    private static final String MAPPING = "ConfigMap ingress-nginx/ingress-nginx-tcp tcp 6379 to Service web/cache:6379 -> ClusterIP Service web/cache port 6379 (redis) -> "
            + DATASTORE_HOP;
    private static final String LB_6379 = controllerService("LoadBalancer", "[{name: http, port: 80}, {name: 6379-tcp, port: 6379, targetPort: 6379-tcp}]");

    static Stream<Arguments> cases() {
        String tcp = configMap("ingress-nginx-tcp", "{'6379': web/cache:6379}");
        return Stream.of(
                Arguments.of("the controller names the ConfigMap and a LoadBalancer publishes the port",
                        REDIS + controller(TCP_FLAG) + LB_6379 + tcp,
                        List.of("internet -> LoadBalancer Service ingress-nginx/ingress-nginx-controller port 6379 (6379-tcp) -> " + MAPPING)),
                Arguments.of("the controller's Service by target port number, the Service port by name",
                        REDIS + controller(TCP_FLAG)
                                + controllerService("NodePort", "[{name: redis, port: 16379, targetPort: 6379, nodePort: 31379}]")
                                + configMap("ingress-nginx-tcp", "{'6379': web/cache:redis}"),
                        List.of("internet -> NodePort Service ingress-nginx/ingress-nginx-controller port 16379 (redis) (nodePort 31379) -> "
                                + MAPPING.replace("web/cache:6379 ->", "web/cache:redis ->"))),
                Arguments.of("no controller Service in the input: assumed internet-facing",
                        REDIS + controller(TCP_FLAG) + tcp, List.of("internet -> " + MAPPING)),
                Arguments.of("the controller only inside the cluster",
                        REDIS + controller(TCP_FLAG) + LB_6379.replace("LoadBalancer", "ClusterIP") + tcp,
                        List.of("cluster -> ClusterIP Service ingress-nginx/ingress-nginx-controller port 6379 (6379-tcp) -> " + MAPPING)),
                Arguments.of("the controller's Service does not publish the mapped port",
                        REDIS + controller(TCP_FLAG) + controllerService("LoadBalancer", "[{name: http, port: 80}]") + tcp, List.of()),
                Arguments.of("a ConfigMap the controller does not name is not read",
                        REDIS + controller(TCP_FLAG) + configMap("tcp-services", "{'6379': web/cache:6379}"), List.of()),
                Arguments.of("PROXY protocol flags are shown on the route",
                        REDIS + controller(TCP_FLAG) + configMap("ingress-nginx-tcp", "{'6379': 'web/cache:6379:PROXY:PROXY'}"),
                        List.of("internet -> " + MAPPING.replace("web/cache:6379 ->", "web/cache:6379 (PROXY protocol:PROXY:PROXY) ->"))),
                Arguments.of("udp-services through --udp-services-configmap",
                        REDIS + controller(", --udp-services-configmap=ingress-nginx/ingress-nginx-udp")
                                + configMap("ingress-nginx-udp", "{'6379': web/cache:6379}"),
                        List.of("internet -> " + MAPPING.replace("ingress-nginx-tcp tcp", "ingress-nginx-udp udp"))),
                Arguments.of("a mapped Service port the datastore does not serve", REDIS + controller(TCP_FLAG)
                        + configMap("ingress-nginx-tcp", "{'7000': web/two:7000}"), List.of()),
                Arguments.of("a controller without the flag does not read the usual name",
                        REDIS + controller("") + configMap("tcp-services", "{'6379': web/cache:6379}"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void followsEachMappingToTheDatastore(String description, String yaml, List<String> expected) {
        assertThat(RouteFixtures.paths(MODULE, yaml)).containsExactlyElementsOf(expected);
    }

    @Test
    void aMappingIsAStreamOfTheDatastoresOwnProtocolBlamingTheConfigMap() {
        ExposurePath p = RouteFixtures.run(MODULE, REDIS + controller(TCP_FLAG) + LB_6379
                + configMap("ingress-nginx-tcp", "{'6379': web/cache:6379}")).paths().get(0);

        assertThat(p.entry()).isEqualTo(EntryType.INGRESS_NGINX_L4);
        assertThat(p.entry().direct()).isTrue();
        assertThat(p.blame().display()).isEqualTo("ConfigMap ingress-nginx/ingress-nginx-tcp");
        assertThat(p.entryFix()).contains("remove the key \"6379\" from ConfigMap ingress-nginx/ingress-nginx-tcp");
        assertThat(p.confirmed()).isTrue();
    }

    static Stream<Arguments> usualNames() {
        return Stream.of(
                Arguments.of("tcp-services", true),
                Arguments.of("ingress-nginx-tcp", true),
                Arguments.of("my-release-ingress-nginx-tcp", true),
                Arguments.of("udp-services", true),
                Arguments.of("shop-settings", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usualNames")
    void withoutAControllerInTheInputTheUsualNamesCountUnconfirmed(String name, boolean counted) {
        List<ExposurePath> paths = RouteFixtures.run(MODULE, REDIS + configMap(name, "{'6379': web/cache:6379}")).paths();

        if (counted) {
            assertThat(paths).singleElement().satisfies(p -> assertThat(p.unconfirmed()).singleElement().asString()
                    .contains("no ingress-nginx controller in the input names ConfigMap ingress-nginx/" + name));
        } else {
            assertThat(paths).isEmpty();
        }
    }

    static Stream<Arguments> badInput() {
        String key = "ConfigMap ingress-nginx/ingress-nginx-tcp key ";
        return Stream.of(
                Arguments.of("a value without a namespace", "{'6379': cache:6379}",
                        key + "\"6379\": the value \"cache:6379\" is not namespace/service:port[:PROXY][:PROXY]"),
                Arguments.of("a value without a port", "{'6379': web/cache}",
                        key + "\"6379\": the value \"web/cache\" is not namespace/service:port[:PROXY][:PROXY]"),
                Arguments.of("an unknown flag", "{'6379': 'web/cache:6379:TLS'}",
                        key + "\"6379\": the value \"web/cache:6379:TLS\" is not namespace/service:port[:PROXY][:PROXY]"),
                Arguments.of("a key that is not a port", "{redis: web/cache:6379}",
                        key + "\"redis\": the key is not a port number (1-65535)"),
                Arguments.of("a key out of range", "{'70000': web/cache:6379}",
                        key + "\"70000\": the key is not a port number (1-65535)"),
                Arguments.of("a huge value", "{'6379': " + "a".repeat(5000) + "}",
                        key + "\"6379\": the value is 5000 characters long; a namespace/service:port is at most 512"),
                Arguments.of("a port name that matches nothing", "{'6379': web/cache:nope}",
                        key + "\"6379\" sends to port nope of Service web/cache, which has no port of that number or name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void aValueThatDoesNotParseIsAProblemNamingTheKeyNeverACrash(String description, String data, String message) {
        PathAnalyzer.Result result = RouteFixtures.run(MODULE, REDIS + controller(TCP_FLAG) + configMap("ingress-nginx-tcp", data));

        assertThat(result.problems()).extracting(InputProblem::message).containsExactly(message);
        assertThat(result.paths()).isEmpty();
    }

    @Test
    void aBadMappingDoesNotHideTheGoodOnesOfTheSameConfigMap() {
        PathAnalyzer.Result result = RouteFixtures.run(MODULE, REDIS + controller(TCP_FLAG)
                + configMap("ingress-nginx-tcp", "{'6379': web/cache:6379, '6380': nonsense}"));

        assertThat(result.paths()).hasSize(1);
        assertThat(result.problems()).hasSize(1);
    }

    @Test
    void aFlagThatIsNotNamespaceSlashNameIsAProblemOfTheController() {
        PathAnalyzer.Result result = RouteFixtures.run(MODULE, REDIS + controller(", --tcp-services-configmap=ingress-nginx-tcp"));

        assertThat(result.problems()).extracting(InputProblem::message)
                .containsExactly("argument --tcp-services-configmap=ingress-nginx-tcp is not namespace/name, which ingress-nginx requires");
    }
}
