package io.exposureguard.core.kinds;

import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.Inventory;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OT-Container-Kit redis-operator's four kinds, read through the inventory: the password comes only from
 * kubernetesConfig.redisSecret, the pods carry the operator's labels (so a hand-written Service selecting them is
 * followed), the -additional Service takes kubernetesConfig.service.serviceType, and bad input is a named problem.
 */
class OtRedisTest {

    private static final InventoryBuilder BUILDER = new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE);

    static Stream<KindCase> datastores() {
        return Stream.of(
                new KindCase("Redis without redisSecret: no password", redis("Redis", "v1beta2", ""),
                        List.of("OFF app=cache,redis_setup_type=standalone,role=standalone 6379 redis-client")),
                new KindCase("v1beta1 reads the same", redis("Redis", "v1beta1", ""),
                        List.of("OFF app=cache,redis_setup_type=standalone,role=standalone 6379 redis-client")),
                new KindCase("Redis with redisSecret: password", redis("Redis", "v1beta2", "redisSecret: {name: redis-secret, key: password}"),
                        List.of("ON app=cache,redis_setup_type=standalone,role=standalone 6379 redis-client")),
                new KindCase("ACL users from a Secret not read: unknown", redis("Redis", "v1beta2", "").replace("spec:\n", "spec:\n  acl: {secret: {secretName: acl}}\n"),
                        List.of("UNKNOWN app=cache,redis_setup_type=standalone,role=standalone 6379 redis-client")),
                new KindCase("the resource's labels are on its pods", redis("Redis", "v1beta2", "").replace("name: cache,", "name: cache, labels: {team: web},"),
                        List.of("OFF app=cache,redis_setup_type=standalone,role=standalone,team=web 6379 redis-client")),
                new KindCase("RedisCluster: leaders and followers on spec.port", redis("RedisCluster", "v1beta2", "").replace("spec:\n", "spec:\n  port: 7000\n"),
                        List.of("OFF app=cache-leader,redis_setup_type=cluster,role=leader 7000 redis-client",
                                "OFF app=cache-follower,redis_setup_type=cluster,role=follower 7000 redis-client")),
                new KindCase("RedisReplication", redis("RedisReplication", "v1beta2", "redisSecret: {name: s, key: k}"),
                        List.of("ON app=cache,redis_setup_type=replication,role=replication 6379 redis-client")),
                new KindCase("RedisSentinel on 26379", redis("RedisSentinel", "v1beta2", ""),
                        List.of("OFF app=cache-sentinel,redis_setup_type=sentinel,role=sentinel 26379 sentinel-client")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datastores")
    void everyGroupOfPodsIsARedisWithTheOperatorsLabels(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.datastores()).extracting(d -> d.auth().state() + " " + new java.util.TreeMap<>(d.podLabels()).toString()
                .replace("{", "").replace("}", "").replace(", ", ",") + " " + d.ports().get(0).number() + " " + d.ports().get(0).name())
                .containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> services() {
        return Stream.of(
                new KindCase("no service settings: -additional is ClusterIP", redis("Redis", "v1beta2", ""), List.of("cache-additional ClusterIP 6379")),
                new KindCase("serviceType NodePort", redis("Redis", "v1beta2", "service: {serviceType: NodePort}"), List.of("cache-additional NodePort 6379")),
                new KindCase("additional disabled", redis("Redis", "v1beta2", "service: {serviceType: LoadBalancer, additional: {enabled: false}}"), List.of()),
                new KindCase("RedisCluster: one per role", redis("RedisCluster", "v1beta2", "service: {serviceType: LoadBalancer, annotations: {a: b}}"),
                        List.of("cache-leader-additional LoadBalancer 6379 {a=b}", "cache-follower-additional LoadBalancer 6379 {a=b}")),
                new KindCase("RedisSentinel", redis("RedisSentinel", "v1beta2", "service: {serviceType: NodePort}"),
                        List.of("cache-sentinel-additional NodePort 26379")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theAdditionalServiceTakesTheResourcesServiceType(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.services()).extracting(s -> s.name() + " " + s.type() + " " + s.ports().get(0).port()
                + (s.annotations().isEmpty() ? "" : " " + s.annotations())).containsExactlyElementsOf(c.expected());
        assertThat(inventory.services()).allSatisfy(s -> assertThat(s.owner().name()).isEqualTo("cache"));
    }

    static Stream<KindCase> verdicts() {
        String handWritten = """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: shop}
                spec:
                  type: NodePort
                  selector: {app: cache, redis_setup_type: standalone, role: standalone}
                  ports: [{name: redis-client, port: 6379, targetPort: 6379}]
                """;
        return Stream.of(
                new KindCase("a hand-written NodePort of the operator's Service name in front of a Redis without password: critical",
                        redis("Redis", "v1beta2", "") + handWritten, List.of("EG-EXP-001 critical")),
                new KindCase("the same with redisSecret: published but authenticated", redis("Redis", "v1beta2", "redisSecret: {name: s, key: k}") + handWritten,
                        List.of("EG-EXP-004 medium")),
                new KindCase("serviceType LoadBalancer without password: critical", redis("Redis", "v1beta2", "service: {serviceType: LoadBalancer}"),
                        List.of("EG-EXP-001 critical")),
                new KindCase("ClusterIP only: inside the cluster", redis("Redis", "v1beta2", ""), List.of("EG-EXP-003 low")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void theVerdictFollowsThePasswordAndTheServices(KindCase c) {
        assertThat(Manifests.verdicts(c.yaml())).containsExactlyElementsOf(c.expected());
    }

    static Stream<KindCase> badInput() {
        return Stream.of(
                new KindCase("a version not read", redis("Redis", "v1alpha1", ""),
                        List.of("apiVersion: redis.redis.opstreelabs.in/v1alpha1 is not a version of Redis that exposure-guard reads (v1beta2, v1beta1)")),
                new KindCase("kubernetesConfig not an object", redis("Redis", "v1beta2", "").replace("  kubernetesConfig:\n    image: quay.io/opstree/redis:v7.0.15\n", "  kubernetesConfig: x\n"),
                        List.of("spec.kubernetesConfig: expected an object, found a string")),
                new KindCase("redisSecret not an object", redis("Redis", "v1beta2", "redisSecret: 5"),
                        List.of("spec.kubernetesConfig.redisSecret: expected an object, found an integer")),
                new KindCase("serviceType not a string", redis("RedisCluster", "v1beta2", "service: {serviceType: [NodePort]}"),
                        List.of("spec.kubernetesConfig.service.serviceType: expected a string, found a list")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsAnInputProblemNamingTheField(KindCase c) {
        Inventory inventory = BUILDER.build(Manifests.objects(c.yaml()));

        assertThat(inventory.problems()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo(c.expected().get(0)));
        assertThat(inventory.datastores()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "NodePort     | set spec.kubernetesConfig.service.serviceType: ClusterIP on Redis shop/cache (not NodePort)",
            "LoadBalancer | set spec.kubernetesConfig.service.serviceType: ClusterIP on Redis shop/cache (not LoadBalancer), or make it"
                    + " internal with a load-balancer annotation in spec.kubernetesConfig.service.annotations"})
    void theFixClosesTheServiceThroughTheFieldTheOperatorReads(String type, String fix) {
        var findings = io.exposureguard.core.engine.ExposureEngine.standard()
                .evaluate(Manifests.objects(redis("Redis", "v1beta2", "service: {serviceType: " + type + "}"))).findings();

        assertThat(findings).filteredOn(f -> f.rule().id().equals("EG-EXP-001")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.remediation()).contains(fix).doesNotContain("service.type", "loadBalancerSourceRanges"));
    }

    /** A resource "cache" in namespace shop; {@code kubernetesConfig} lines are added under kubernetesConfig. */
    private static String redis(String kind, String version, String kubernetesConfig) {
        return """
                apiVersion: redis.redis.opstreelabs.in/%s
                kind: %s
                metadata: {name: cache, namespace: shop}
                spec:
                  kubernetesConfig:
                    image: quay.io/opstree/redis:v7.0.15
                %s""".formatted(version, kind, kubernetesConfig.isEmpty() ? "" : "    " + kubernetesConfig + "\n");
    }
}
