package io.exposureguard.core.exposure;

import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.InputProblem;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TCP proxies on a public LoadBalancer whose configuration names a datastore Service: nginx {@code stream} blocks,
 * Envoy static configuration and socat relays expose the datastore behind them, through the port that forwards there.
 */
class ProxyForwardingTest {

    private static final String REDIS = """
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: cache, namespace: relay}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  containers:
                    - {name: redis, image: 'redis:7.2', ports: [{name: redis, containerPort: 6379}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cache, namespace: relay}
            spec: {selector: {app: cache}, ports: [{port: 6379, targetPort: redis}]}
            """;

    /** A proxy Deployment with a config file from ConfigMap proxy-config (when {@code config} is given), on a LoadBalancer port. */
    private static String proxy(String image, String args, String config, int servicePort, int targetPort) {
        String configMap = config == null ? "" : """
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: proxy-config, namespace: relay}
                data:
                  proxy.conf: |
                %s
                """.formatted(config.indent(4).stripTrailing());
        String mount = config == null ? "" : """
                      volumes: [{name: config, configMap: {name: proxy-config}}]
                """;
        String volumeMount = config == null ? "" : "volumeMounts: [{name: config, mountPath: /etc/proxy}]";
        return configMap + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: proxy, namespace: relay}
                spec:
                  selector: {matchLabels: {app: proxy}}
                  template:
                    metadata: {labels: {app: proxy}}
                    spec:
                %s
                      containers:
                        - name: proxy
                          image: '%s'
                          args: %s
                          %s
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: proxy, namespace: relay}
                spec: {type: LoadBalancer, selector: {app: proxy}, ports: [{port: %d, targetPort: %d}]}
                """.formatted(mount.stripTrailing(), image, args, volumeMount, servicePort, targetPort);
    }

    private static final String NGINX_STREAM = """
            events {}
            stream {
              upstream redis_backend {
                server cache.relay.svc.cluster.local:6379;  # the cache
              }
              server {
                listen 6379;
                proxy_pass redis_backend;
              }
              server {
                listen 7000;
                proxy_pass elsewhere.example.com:7000;
              }
            }
            """;

    private static final String ENVOY_YAML = """
            static_resources:
              listeners:
                - name: redis
                  address:
                    socket_address:
                      address: 0.0.0.0
                      port_value: 6379
                  filter_chains:
                    - filters:
                        - name: envoy.filters.network.tcp_proxy
                          typed_config:
                            "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
                            stat_prefix: redis
                            cluster: redis
              clusters:
                - name: redis
                  type: STRICT_DNS
                  load_assignment:
                    cluster_name: redis
                    endpoints:
                      - lb_endpoints:
                          - endpoint:
                              address:
                                socket_address:
                                  address: cache
                                  port_value: 6379
            """;

    private static final String ENVOY_JSON = """
            {"static_resources": {"listeners": [{"name": "redis", "address": {"socket_address": {"address": "0.0.0.0", "port_value": 6379}}}],
              "clusters": [{"name": "redis", "load_assignment": {"endpoints": [{"lb_endpoints": [
              {"endpoint": {"address": {"socket_address": {"address": "cache.relay", "port_value": 6379}}}}]}]}}]}}
            """;

    static Stream<Arguments> exposed() {
        return Stream.of(
                Arguments.of("nginx stream server to a named upstream", REDIS + proxy("nginx:1.27", "[]", NGINX_STREAM, 6379, 6379),
                        "nginx stream proxy in Deployment relay/proxy port 6379"),
                Arguments.of("Envoy static YAML tcp_proxy cluster", REDIS + proxy("envoyproxy/envoy:v1.31.2", "[]", ENVOY_YAML, 6379, 6379),
                        "Envoy proxy in Deployment relay/proxy port 6379"),
                Arguments.of("Envoy static JSON cluster", REDIS + proxy("envoyproxy/envoy:v1.31.2", "[]", ENVOY_JSON, 16379, 6379),
                        "Envoy proxy in Deployment relay/proxy port 6379"),
                Arguments.of("socat image relaying its listen port", REDIS
                        + proxy("alpine/socat:1.8.0.0", "[TCP-LISTEN:6379,fork,reuseaddr, 'TCP:cache:6379']", null, 6379, 6379),
                        "socat relay in Deployment relay/proxy port 6379"),
                Arguments.of("socat run by another image", REDIS
                        + proxy("busybox:1.36", "[socat, TCP4-LISTEN:16379,fork, 'TCP4:cache.relay.svc:6379']", null, 6379, 16379),
                        "socat relay in Deployment relay/proxy port 16379"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exposed")
    void aProxyExposesTheDatastoreItsConfigurationNames(String description, String yaml, String proxyHop) {
        EvaluationResult result = Manifests.evaluate(yaml);

        Finding f = result.findings().stream().filter(x -> x.resource().name().equals("proxy")).findFirst().orElseThrow();
        assertThat(Manifests.verdict(f)).isEqualTo("EG-EXP-001 critical");
        assertThat(f.path().stream().map(FindingText::hop).toList()).containsSubsequence(proxyHop,
                "ClusterIP Service relay/cache port 6379 (redis)", "Redis/Valkey in StatefulSet relay/cache port 6379 (redis)");
        assertThat(result.problems()).isEmpty();
    }

    static Stream<Arguments> notExposed() {
        return Stream.of(
                Arguments.of("an nginx stream server whose listen port the Service does not publish",
                        REDIS + proxy("nginx:1.27", "[]", NGINX_STREAM, 7000, 7000)),
                Arguments.of("an nginx without a stream block is a web server",
                        REDIS + proxy("nginx:1.27", "[]", "http { server { listen 80; location / { proxy_pass http://cache:6379; } } }", 80, 80)),
                Arguments.of("a socat relay to a host outside the input",
                        REDIS + proxy("alpine/socat:1.8.0.0", "[TCP-LISTEN:6379,fork, 'TCP:db.example.com:6379']", null, 6379, 6379)),
                Arguments.of("a socat relay entered on another port than its listen port",
                        REDIS + proxy("alpine/socat:1.8.0.0", "[TCP-LISTEN:6379,fork, 'TCP:cache:6379']", null, 8080, 8080)),
                Arguments.of("an Envoy that only names its xDS control plane", REDIS + proxy("envoyproxy/envoy:v1.31.2", "[]",
                        "static_resources:\n  clusters:\n    - name: xds\n      load_assignment:\n        endpoints:\n          - lb_endpoints:\n"
                                + "              - endpoint:\n                  address:\n                    socket_address:\n"
                                + "                      address: contour\n                      port_value: 8001\n", 6379, 6379)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notExposed")
    void aProxyThatForwardsNoDatastoreIsNoFinding(String description, String yaml) {
        EvaluationResult result = Manifests.evaluate(yaml);

        assertThat(result.findings()).noneMatch(f -> f.resource().name().equals("proxy"));
        assertThat(result.problems()).isEmpty();
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("an nginx stream block that is never closed",
                        proxy("nginx:1.27", "[]", "stream {\n  server { listen 6379; proxy_pass cache:6379; }\n", 6379, 6379),
                        "nginx stream block at character 0 of the mounted configuration is never closed (unbalanced braces), so where it forwards is not read"),
                Arguments.of("a huge Envoy configuration", proxy("envoyproxy/envoy:v1.31.2", "[]",
                        "# socket_address\n" + "# padding padding padding padding padding padding padding padding\n".repeat(17000), 6379, 6379),
                        "the mounted Envoy configuration is "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void unreadableProxyConfigurationIsAClearProblemNeverACrash(String description, String proxyYaml, String message) {
        EvaluationResult result = Manifests.evaluate(REDIS + proxyYaml);

        List<String> problems = result.problems().stream().map(InputProblem::message).toList();
        assertThat(problems).singleElement().asString().startsWith(message).doesNotContain("Exception");
    }
}
