package io.exposureguard.core.inventory;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.model.EvaluationResult;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Severity;
import io.exposureguard.testing.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operator's cache keeps of an object ({@link LeanObjects}): bounded for ConfigMaps and Secrets
 * whatever their size, and what it leaves out reads as unknown, never as empty, so no verdict is lowered.
 */
class LeanObjectsTest {

    private static final int MB = 1024 * 1024;
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final LeanObjects LEAN = new LeanObjects(LeanObjects.Limits.DEFAULT);

    static Stream<Arguments> oneMegabyteConfigMaps() {
        return Stream.of(
                Arguments.of("one 1 MB value", (Supplier<ConfigMap>) () -> configMap(Map.of("blob", "x".repeat(MB))), 1024),
                Arguments.of("one 1 MB config file of comments", (Supplier<ConfigMap>) () -> configMap(Map.of("app.conf",
                        "# padding\n".repeat(MB / 10))), 1024),
                Arguments.of("1,000 values of 1 KiB", (Supplier<ConfigMap>) () -> configMap(values(1_000, 1024)), 24 * 1024),
                Arguments.of("100,000 keys of 10 bytes", (Supplier<ConfigMap>) () -> configMap(values(100_000, 0)), 24 * 1024),
                Arguments.of("1 MB of binaryData and a 256 KiB annotation", (Supplier<ConfigMap>) () -> new ConfigMapBuilder()
                        .withMetadata(new ObjectMetaBuilder().withName("big").withNamespace("tenant")
                                .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "y".repeat(256 * 1024)).build())
                        .addToBinaryData("blob", Base64.getEncoder().encodeToString(new byte[MB])).build(), 1024));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneMegabyteConfigMaps")
    void aOneMegabyteConfigMapCostsTheCacheAFewKiB(String shape, Supplier<ConfigMap> make, int maxBytes) {
        ConfigMap full = make.get();

        HasMetadata lean = LEAN.lean(full);

        assertThat(JSON.asJson(full).length()).as("the full object").isGreaterThan(MB / 2);
        assertThat(JSON.asJson(lean).length()).as("what the cache keeps of " + shape).isLessThan(maxBytes);
    }

    @Test
    void aOneMegabyteSecretCostsTheCacheAFewKiB() {
        Secret full = new SecretBuilder().withMetadata(meta("big")).addToData("blob",
                Base64.getEncoder().encodeToString("x".repeat(MB).getBytes(StandardCharsets.UTF_8))).build();

        assertThat(JSON.asJson(LEAN.lean(full)).length()).isLessThan(1024);
    }

    @Test
    void smallConfigMapsAreKeptAsTheyAre() {
        ConfigMap full = configMap(Map.of("REDIS_PASSWORD", "s3cret", "redis.conf", "requirepass s3cret\n"));

        ConfigMap lean = (ConfigMap) LEAN.lean(full);

        assertThat(lean.getData()).isEqualTo(full.getData());
        assertThat(((LeanObjects.TrimmedConfigMap) lean).omissions()).isEqualTo(LeanObjects.Omissions.NONE);
        assertThat(lean.getMetadata().getName()).isEqualTo("cfg");
        assertThat(lean.getMetadata().getNamespace()).isEqualTo("tenant");
    }

    @Test
    void managedFieldsAreDroppedFromEveryKindAndStatusWhereTheEngineDoesNotReadIt() {
        var pod = new PodBuilder().withMetadata(withManagedFields()).withNewStatus().withPodIP("10.0.0.1").endStatus().build();
        var deployment = new DeploymentBuilder().withMetadata(withManagedFields()).withNewStatus().withReplicas(1).endStatus().build();
        var service = new ServiceBuilder().withMetadata(withManagedFields()).withNewStatus().withNewLoadBalancer()
                .addNewIngress().withIp("203.0.113.7").endIngress().endLoadBalancer().endStatus().build();

        LEAN.lean(pod);
        LEAN.lean(deployment);
        LEAN.lean(service);

        assertThat(List.<HasMetadata>of(pod, deployment, service)).allSatisfy(o -> assertThat(o.getMetadata().getManagedFields()).isNullOrEmpty());
        assertThat(pod.getStatus()).isNull();
        assertThat(deployment.getStatus()).isNull();
        // the probe reads load balancer addresses
        assertThat(service.getStatus().getLoadBalancer().getIngress()).hasSize(1);
    }

    // ---- verdicts: what the cache leaves out never lowers one ----

    private static final String REDIS_LB = """
            apiVersion: v1
            kind: Service
            metadata: {name: cache, namespace: tenant}
            spec:
              type: LoadBalancer
              selector: {app: cache}
              ports: [{port: 6379}]
            ---
            """;

    static Stream<Arguments> largeConfig() {
        return Stream.of(
                Arguments.of("a password from a too-large ConfigMap value still counts as set", REDIS_LB + """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: cache, namespace: tenant}
                        spec:
                          selector: {matchLabels: {app: cache}}
                          template:
                            metadata: {labels: {app: cache}}
                            spec:
                              containers:
                              - name: redis
                                image: bitnami/redis:7.2
                                env:
                                - name: REDIS_PASSWORD
                                  valueFrom: {configMapKeyRef: {name: cfg, key: password}}
                        ---
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: cfg, namespace: tenant}
                        data:
                          password: "%s"
                        """.formatted("p".repeat(MB))),
                Arguments.of("a password from envFrom of a too-large Secret value still counts as set", REDIS_LB + """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: cache, namespace: tenant}
                        spec:
                          selector: {matchLabels: {app: cache}}
                          template:
                            metadata: {labels: {app: cache}}
                            spec:
                              containers:
                              - name: redis
                                image: bitnami/redis:7.2
                                envFrom: [{secretRef: {name: auth}}]
                        ---
                        apiVersion: v1
                        kind: Secret
                        metadata: {name: auth, namespace: tenant}
                        data:
                          REDIS_PASSWORD: "%s"
                        """.formatted(Base64.getEncoder().encodeToString("p".repeat(MB).getBytes(StandardCharsets.UTF_8)))),
                Arguments.of("security switched off in a config file padded with 1 MB of comments stays off", searchWithConfig(
                        "    # padding padding padding padding padding padding padding padding padding\n".repeat(MB / 80))),
                Arguments.of("security switched off in a config file padded with 1 MB of real settings stays off", searchWithConfig(
                        "    node.attr.rack_padding_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: r1\n".repeat(MB / 64))));
    }

    /** A public Elasticsearch 8 whose mounted elasticsearch.yml is {@code padding} followed by security switched off. */
    private static String searchWithConfig(String padding) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: search, namespace: tenant}
                spec:
                  type: LoadBalancer
                  selector: {app: search}
                  ports: [{port: 9200}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: search, namespace: tenant}
                spec:
                  selector: {matchLabels: {app: search}}
                  template:
                    metadata: {labels: {app: search}}
                    spec:
                      containers:
                      - name: elasticsearch
                        image: elasticsearch:8.15.0
                        volumeMounts: [{name: config, mountPath: /usr/share/elasticsearch/config/elasticsearch.yml, subPath: elasticsearch.yml}]
                      volumes:
                      - name: config
                        configMap: {name: es-config}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: es-config, namespace: tenant}
                data:
                  elasticsearch.yml: |
                %s    xpack.security.enabled: false
                """.formatted(padding);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largeConfig")
    void whatTheCacheKeepsOfALargeConfigMapOrSecretGivesTheSameVerdicts(String behaviour, String yaml) {
        List<HasMetadata> objects = Manifests.objects(yaml);

        assertThat(verdicts(evaluate(lean(objects)))).isEqualTo(verdicts(evaluate(objects))).isNotEmpty();
    }

    @Test
    void aConfigFileTooLargeToKeepMakesAProtectedDatastoreUnverifiedNeverOpenOrProtected() {
        String settings = "requirepass s3cret\n" + "rename-command FLUSHALL \"\"\n".repeat(MB / 25);
        List<HasMetadata> objects = Manifests.objects(REDIS_LB + """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cache, namespace: tenant}
                spec:
                  selector: {matchLabels: {app: cache}}
                  template:
                    metadata: {labels: {app: cache}}
                    spec:
                      containers:
                      - name: redis
                        image: redis:7.2
                        args: [/etc/redis/redis.conf]
                        volumeMounts: [{name: config, mountPath: /etc/redis}]
                      volumes:
                      - name: config
                        configMap: {name: redis-config}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: redis-config, namespace: tenant}
                data:
                  redis.conf: |
                %s""".formatted(settings.indent(4)));

        Finding full = worst(evaluate(objects));
        Finding lean = worst(evaluate(lean(objects)));

        // EG-EXP-004: published but authenticated; EG-EXP-005: published, authentication cannot be verified
        assertThat(full.rule().id()).as(full.toString()).isEqualTo("EG-EXP-004");
        assertThat(lean.rule().id()).as(lean.toString()).isEqualTo("EG-EXP-005");
        assertThat(lean.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(lean.facts()).anyMatch(f -> f.contains("ConfigMap redis-config (too large for exposure-guard to read in full)"));
    }

    @Test
    void aDatastoreThatLooksProtectedIsUnverifiedWhenAConfigFileItMountsIsTooLargeToRead() {
        // the unread part might say xpack.security.enabled: false
        String settings = "node.attr.padding: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n".repeat(MB / 50);
        List<HasMetadata> objects = Manifests.objects("""
                apiVersion: v1
                kind: Service
                metadata: {name: search, namespace: tenant}
                spec:
                  type: LoadBalancer
                  selector: {app: search}
                  ports: [{port: 9200}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: search, namespace: tenant}
                spec:
                  selector: {matchLabels: {app: search}}
                  template:
                    metadata: {labels: {app: search}}
                    spec:
                      containers:
                      - name: elasticsearch
                        image: elasticsearch:8.15.0
                        volumeMounts: [{name: config, mountPath: /usr/share/elasticsearch/config}]
                      volumes:
                      - name: config
                        configMap: {name: es-config}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: es-config, namespace: tenant}
                data:
                  elasticsearch.yml: |
                %s""".formatted(settings.indent(4)));

        Finding full = worst(evaluate(objects));
        Finding lean = worst(evaluate(lean(objects)));

        assertThat(full.rule().id()).as(full.toString()).isEqualTo("EG-EXP-004");
        assertThat(lean.rule().id()).as(lean.toString()).isEqualTo("EG-EXP-005");
        assertThat(lean.facts()).anyMatch(f -> f.contains("reads ConfigMap es-config (too large for exposure-guard to read in full)"));
    }

    @Test
    void aPasswordInAKeyBeyondTheKeysTheCacheKeepsReadsAsUnknownNeverAsUnset() {
        Map<String, String> data = new LinkedHashMap<>(values(300, 4));
        data.put("~MEMCACHED_PASSWORD", "s3cret");
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v1
                kind: Service
                metadata: {name: cache, namespace: tenant}
                spec:
                  type: LoadBalancer
                  selector: {app: cache}
                  ports: [{port: 11211}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: cache, namespace: tenant}
                spec:
                  selector: {matchLabels: {app: cache}}
                  template:
                    metadata: {labels: {app: cache}}
                    spec:
                      containers:
                      - name: memcached
                        image: bitnami/memcached:1.6
                        env:
                        - name: MEMCACHED_PASSWORD
                          valueFrom: {configMapKeyRef: {name: cfg, key: "~MEMCACHED_PASSWORD"}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: cfg, namespace: tenant}
                data:
                """);
        data.forEach((k, v) -> yaml.append("  \"").append(k).append("\": \"").append(v).append("\"\n"));
        List<HasMetadata> objects = Manifests.objects(yaml.toString());

        assertThat(((LeanObjects.TrimmedConfigMap) lean(objects).get(2)).omissions().keysDropped()).isTrue();
        assertThat(verdicts(evaluate(lean(objects)))).isEqualTo(verdicts(evaluate(objects))).isNotEmpty()
                .noneMatch(v -> v.contains("critical"));
    }

    // ---- helpers ----

    static List<HasMetadata> lean(List<HasMetadata> objects) {
        return objects.stream().map(o -> LEAN.lean(JSON.clone(o))).toList();
    }

    private static EvaluationResult evaluate(List<HasMetadata> objects) {
        return ExposureEngine.standard().evaluate(objects);
    }

    private static List<String> verdicts(EvaluationResult r) {
        return r.findings().stream().map(f -> Manifests.verdict(f) + " " + f.resource().display()).toList();
    }

    private static Finding worst(EvaluationResult r) {
        return r.findings().stream().filter(f -> f.rule().id().startsWith("EG-EXP"))
                .reduce((a, b) -> b.severity().atLeast(a.severity()) && b.severity() != a.severity() ? b : a).orElseThrow();
    }

    private static ConfigMap configMap(Map<String, String> data) {
        return new ConfigMapBuilder().withMetadata(meta("cfg")).withData(data).build();
    }

    private static Map<String, String> values(int count, int size) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            data.put("key-" + i, "v".repeat(size));
        }
        return data;
    }

    private static ObjectMeta meta(String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace("tenant").build();
    }

    private static ObjectMeta withManagedFields() {
        return new ObjectMetaBuilder().withName("x").withNamespace("tenant")
                .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build()).build();
    }
}
