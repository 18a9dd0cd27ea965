package io.exposureguard.core.exposure;

import io.exposureguard.core.kinds.ResourceKinds;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Each entry module on its own: which typed paths it finds in an inventory, and nothing of the other entry kinds. */
class EntryModulesTest {

    private static final String REDIS = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: cache, namespace: web}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  %s
                  containers:
                    - name: redis
                      image: redis:7.2
                      ports: [{name: redis, containerPort: 6379%s}]
                    - name: exporter
                      image: oliver006/redis_exporter:v1.62.0
                      ports: [{name: metrics, containerPort: 9121}]
            """;

    private static final String REDIS_PLAIN = REDIS.formatted("", "");
    private static final String DATASTORE_HOP = "Redis/Valkey in StatefulSet web/cache port 6379 (redis)";

    private static String service(String name, String spec) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: web}
                spec: %s
                """.formatted(name, spec);
    }

    private static String ingress(String annotations, String service, String port) {
        return """
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: cache, namespace: web, annotations: %s}
                spec:
                  rules:
                    - host: cache.example.com
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: %s, port: %s}}}
                """.formatted(annotations, service, port);
    }

    static Stream<Arguments> cases() {
        EntryModule services = new ServiceEntries();
        EntryModule ingresses = new IngressEntries();
        EntryModule hosts = new HostEntries();
        String clusterIp = service("cache", "{selector: {app: cache}, ports: [{name: redis, port: 6379, targetPort: redis}]}");
        return Stream.of(
                Arguments.of("LoadBalancer", services,
                        REDIS_PLAIN + service("lb", "{type: LoadBalancer, selector: {app: cache}, ports: [{port: 6379}]}"),
                        List.of("internet -> LoadBalancer Service web/lb port 6379 -> " + DATASTORE_HOP)),
                Arguments.of("LoadBalancer with source ranges", services,
                        REDIS_PLAIN + service("lb", "{type: LoadBalancer, loadBalancerSourceRanges: [10.0.0.0/8], selector: {app: cache}, ports: [{port: 6379}]}"),
                        List.of("restricted networks -> LoadBalancer Service web/lb port 6379 -> " + DATASTORE_HOP)),
                Arguments.of("NodePort shows its node port", services,
                        REDIS_PLAIN + service("np", "{type: NodePort, selector: {app: cache}, ports: [{name: redis, port: 6379, nodePort: 30379}]}"),
                        List.of("internet -> NodePort Service web/np port 6379 (redis) (nodePort 30379) -> " + DATASTORE_HOP)),
                Arguments.of("private externalIPs", services,
                        REDIS_PLAIN + service("ext", "{externalIPs: [10.1.2.3], selector: {app: cache}, ports: [{port: 6379}]}"),
                        List.of("restricted networks -> externalIPs Service web/ext port 6379 -> " + DATASTORE_HOP)),
                Arguments.of("LoadBalancer with externalIPs: two entries", services,
                        REDIS_PLAIN + service("both", "{type: LoadBalancer, externalIPs: [203.0.113.7], selector: {app: cache}, ports: [{port: 6379}]}"),
                        List.of("internet -> LoadBalancer Service web/both port 6379 -> " + DATASTORE_HOP,
                                "internet -> externalIPs Service web/both port 6379 -> " + DATASTORE_HOP)),
                Arguments.of("LoadBalancer in front of the metrics port", services,
                        REDIS_PLAIN + service("metrics", "{type: LoadBalancer, selector: {app: cache}, ports: [{port: 9121}]}"),
                        List.of()),
                Arguments.of("ClusterIP is no entry", services, REDIS_PLAIN + clusterIp, List.of()),
                Arguments.of("an Ingress is not a Service entry", services,
                        REDIS_PLAIN + clusterIp + ingress("{}", "cache", "{number: 6379}"), List.of()),
                Arguments.of("Ingress to a ClusterIP Service", ingresses,
                        REDIS_PLAIN + clusterIp + ingress("{}", "cache", "{number: 6379}"),
                        List.of("internet -> Ingress web/cache cache.example.com/ -> ClusterIP Service web/cache port 6379 (redis) -> "
                                + DATASTORE_HOP)),
                Arguments.of("Ingress by port name, allowlisted", ingresses,
                        REDIS_PLAIN + clusterIp + ingress("{nginx.ingress.kubernetes.io/allowlist-source-range: 10.0.0.0/8}", "cache", "{name: redis}"),
                        List.of("restricted networks -> Ingress web/cache cache.example.com/ -> ClusterIP Service web/cache port 6379 (redis) -> "
                                + DATASTORE_HOP)),
                Arguments.of("Ingress to a Service not in the input", ingresses,
                        REDIS_PLAIN + ingress("{}", "missing", "{number: 6379}"), List.of()),
                Arguments.of("a LoadBalancer is not an Ingress entry", ingresses,
                        REDIS_PLAIN + service("lb", "{type: LoadBalancer, selector: {app: cache}, ports: [{port: 6379}]}"), List.of()),
                Arguments.of("hostNetwork", hosts, REDIS.formatted("hostNetwork: true", ""),
                        List.of("internet -> node address (hostNetwork) of StatefulSet web/cache -> " + DATASTORE_HOP)),
                Arguments.of("hostPort", hosts, REDIS.formatted("", ", hostPort: 6379"),
                        List.of("internet -> node address (hostPort) of StatefulSet web/cache -> " + DATASTORE_HOP)),
                Arguments.of("no host entry", hosts,
                        REDIS_PLAIN + service("lb", "{type: LoadBalancer, selector: {app: cache}, ports: [{port: 6379}]}"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachModuleFindsItsOwnPaths(String description, EntryModule module, String yaml, List<String> expected) {
        List<ExposurePath> paths = module.paths(inventory(yaml), EntryModule.Context.standard());

        assertThat(paths).map(p -> FindingText.path(p.hops())).containsExactlyElementsOf(expected);
    }

    @Test
    void theEntryHopCarriesItsObjectPortAndFacts() {
        ExposurePath p = new ServiceEntries().paths(inventory(REDIS_PLAIN
                + service("np", "{type: NodePort, selector: {app: cache}, ports: [{name: redis, port: 6379, nodePort: 30379}]}")),
                EntryModule.Context.standard()).get(0);

        assertThat(p.hops()).extracting(Hop::kind).containsExactly(Hop.Kind.INTERNET, Hop.Kind.ENTRY_SERVICE, Hop.Kind.DATASTORE);
        Hop entry = p.hops().get(1);
        assertThat(entry.ref()).isEqualTo(ObjectRef.of("Service", "web", "np"));
        assertThat(entry.port()).isEqualTo(new Hop.Port(6379, "redis", 30379));
        assertThat(entry.facts()).isEqualTo(p.facts()).containsExactly("type NodePort: the port is open on every node's address");
        assertThat(p.hops().get(2).ref()).isEqualTo(ObjectRef.of("StatefulSet", "web", "cache"));
    }

    @Test
    void anIngressPathNamesTheServiceBehindTheRouter() {
        ExposurePath p = new IngressEntries().paths(inventory(REDIS_PLAIN
                + service("cache", "{selector: {app: cache}, ports: [{name: redis, port: 6379, targetPort: redis}]}")
                + ingress("{nginx.ingress.kubernetes.io/auth-url: 'https://auth'}", "cache", "{number: 6379}")), EntryModule.Context.standard()).get(0);

        assertThat(p.hops()).extracting(Hop::kind)
                .containsExactly(Hop.Kind.INTERNET, Hop.Kind.ENTRY_ROUTE, Hop.Kind.BACKEND_SERVICE, Hop.Kind.DATASTORE);
        assertThat(p.hops().get(1).ref()).isEqualTo(ObjectRef.of("Ingress", "web", "cache"));
        assertThat(p.hops().get(1).route()).isEqualTo("cache.example.com/");
        assertThat(p.hops().get(1).facts()).contains("ingress-nginx external authentication (auth-url)");
        assertThat(p.hops().get(2).ref()).isEqualTo(ObjectRef.of("Service", "web", "cache"));
        assertThat(p.authOnPath()).isTrue();
    }

    @Test
    void theAnalyzerRunsItsModulesInOrderWithTheCallersContext() {
        InternalNetworks internal = InternalNetworks.NONE;
        List<EntryModule.Context> seen = new ArrayList<>();
        ExposurePath found = new ServiceEntries().paths(inventory(REDIS_PLAIN
                + service("lb", "{type: LoadBalancer, selector: {app: cache}, ports: [{port: 6379}]}")), EntryModule.Context.standard()).get(0);
        EntryModule first = (inventory, context) -> {
            seen.add(context);
            return List.of(found);
        };
        EntryModule second = (inventory, context) -> {
            seen.add(context);
            return List.of(found, found);
        };

        List<ExposurePath> paths = new PathAnalyzer(List.of(first, second)).analyze(inventory(REDIS_PLAIN), internal, CloudProvider.AWS);

        assertThat(paths).hasSize(3);
        assertThat(seen).extracting(c -> c.internal(), c -> c.provider()).containsExactly(org.assertj.core.groups.Tuple.tuple(internal, CloudProvider.AWS), org.assertj.core.groups.Tuple.tuple(internal, CloudProvider.AWS));
    }

    private static Inventory inventory(String yaml) {
        return new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE).build(Manifests.objects(yaml));
    }
}
