package io.exposureguard.core.exposure;

import io.exposureguard.core.kinds.ResourceKinds;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.datastore.catalog.DatastoreCatalog;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.exposureguard.testing.Manifests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How Services, Ingresses and host networking are traced to datastore ports. */
class PathAnalysisTest {

    private static final String REDIS = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: cache, namespace: web}
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache, tier: data}}
                spec:
                  containers:
                    - name: redis
                      image: redis:7.2
                      ports: [{name: redis, containerPort: 6379}]
                    - name: exporter
                      image: oliver006/redis_exporter:v1.62.0
                      ports: [{name: metrics, containerPort: 9121}]
            """;

    private static List<ExposurePath> paths(String yaml) {
        return new PathAnalyzer().analyze(new InventoryBuilder(new DatastoreCatalog(), ResourceKinds.DATASTORES, ResourceKinds.ENTRY_SIDE).build(Manifests.objects(yaml)));
    }

    private static String service(String name, String type, String selector, String port, String targetPort) {
        return """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: web}
                spec:
                  type: %s
                  selector: %s
                  ports: [{port: %s, targetPort: %s}]
                """.formatted(name, type, selector, port, targetPort);
    }

    @Test
    void numericTargetPortMatchesTheDatastorePort() {
        assertThat(paths(REDIS + service("lb", "LoadBalancer", "{app: cache}", "6379", "6379")))
                .singleElement().satisfies(p -> {
                    assertThat(p.port().number()).isEqualTo(6379);
                    assertThat(p.entry()).isEqualTo(EntryType.LOAD_BALANCER);
                    assertThat(p.reach()).isEqualTo(Reach.PUBLIC);
                });
    }

    @Test
    void namedTargetPortIsResolvedAgainstTheDatastoreContainer() {
        assertThat(paths(REDIS + service("lb", "LoadBalancer", "{app: cache}", "80", "redis")))
                .singleElement().satisfies(p -> assertThat(p.port().name()).isEqualTo("redis"));
    }

    @Test
    void aServiceThatOnlyPublishesASidecarPortIsNoDatastorePath() {
        assertThat(paths(REDIS + service("metrics", "LoadBalancer", "{app: cache}", "9121", "metrics"))).isEmpty();
        assertThat(paths(REDIS + service("metrics", "LoadBalancer", "{app: cache}", "9121", "9121"))).isEmpty();
    }

    @Test
    void theServicePortNumberAloneDoesNotMatch() {
        assertThat(paths(REDIS + service("lb", "LoadBalancer", "{app: cache}", "6379", "8080"))).isEmpty();
    }

    @Test
    void aSelectorMustMatchEveryLabel() {
        assertThat(paths(REDIS + service("lb", "LoadBalancer", "{app: cache, tier: web}", "6379", "6379"))).isEmpty();
        assertThat(paths(REDIS + service("lb", "LoadBalancer", "{app: cache, tier: data}", "6379", "6379"))).hasSize(1);
    }

    @Test
    void aServiceInAnotherNamespaceDoesNotSelectThePods() {
        String yaml = REDIS + service("lb", "LoadBalancer", "{app: cache}", "6379", "6379").replace("namespace: web", "namespace: other");
        assertThat(paths(yaml)).isEmpty();
    }

    @Test
    void everyPublishingServiceIsItsOwnPath() {
        List<ExposurePath> found = paths(REDIS + service("lb", "LoadBalancer", "{app: cache}", "6379", "6379")
                + service("np", "NodePort", "{app: cache}", "6379", "redis")
                + service("internal", "ClusterIP", "{app: cache}", "6379", "redis"));

        assertThat(found).extracting(p -> p.blame().display()).containsExactlyInAnyOrder("Service web/lb", "Service web/np");
    }

    @Test
    void ingressToServiceToStatefulSetIsOnePathWithEveryHop() {
        String yaml = REDIS.replace("redis:7.2", "docker.elastic.co/elasticsearch/elasticsearch:7.17.22")
                .replace("{name: redis, containerPort: 6379}", "{name: http, containerPort: 9200}")
                + service("es", "ClusterIP", "{app: cache}", "80", "http") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: es, namespace: web}
                spec:
                  rules:
                    - host: es.example.com
                      http:
                        paths:
                          - {path: /api, pathType: Prefix, backend: {service: {name: es, port: {number: 80}}}}
                """;

        assertThat(paths(yaml)).singleElement().satisfies(p -> {
            assertThat(p.entry()).isEqualTo(EntryType.INGRESS);
            assertThat(FindingText.hops(p.hops())).containsExactly("internet", "Ingress web/es es.example.com/api",
                    "ClusterIP Service web/es port 80", "Elasticsearch in StatefulSet web/cache port 9200 (http)");
            assertThat(p.authOnPath()).isFalse();
        });
    }

    @Test
    void eckKeepsAUserChosenPortButTargetsItsOwnContainerPort() {
        String yaml = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: logs, namespace: obs}
                spec:
                  version: 8.15.0
                  http:
                    service:
                      spec:
                        type: LoadBalancer
                        ports: [{name: https, port: 443}]
                  nodeSets: [{name: hot, count: 3}, {name: warm, count: 2}]
                """;

        List<ExposurePath> found = paths(yaml);

        assertThat(found).isNotEmpty().allSatisfy(p -> {
            assertThat(p.port().number()).isEqualTo(9200);
            assertThat(p.blame().display()).isEqualTo("Elasticsearch obs/logs");
            assertThat(FindingText.hop(p.hops().get(1))).isEqualTo("LoadBalancer Service obs/logs-es-http (generated from Elasticsearch obs/logs) port 443 (https)");
        });
    }

    @Test
    void aUserServiceSelectingEckPodsByTheirLabelsIsAPath() {
        String yaml = """
                apiVersion: elasticsearch.k8s.elastic.co/v1
                kind: Elasticsearch
                metadata: {name: logs, namespace: obs}
                spec:
                  version: 8.15.0
                  nodeSets: [{name: default, count: 1}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: logs-public, namespace: obs}
                spec:
                  type: NodePort
                  selector: {elasticsearch.k8s.elastic.co/cluster-name: logs}
                  ports: [{port: 9200, targetPort: 9200}]
                """;

        assertThat(paths(yaml)).singleElement().satisfies(p -> assertThat(p.blame().display()).isEqualTo("Service obs/logs-public"));
    }

    @Test
    void hostPortAndHostNetworkAreEntriesWithoutAService() {
        String hostPort = REDIS.replace("{name: redis, containerPort: 6379}", "{name: redis, containerPort: 6379, hostPort: 6379}");
        String hostNetwork = REDIS.replace("    spec:\n      containers:", "    spec:\n      hostNetwork: true\n      containers:");

        assertThat(paths(hostPort)).singleElement().satisfies(p -> assertThat(p.entry()).isEqualTo(EntryType.HOST_PORT));
        assertThat(paths(hostNetwork)).singleElement().satisfies(p -> assertThat(p.entry()).isEqualTo(EntryType.HOST_NETWORK));
    }

    @Test
    void externalIpsArePublicUnlessAllArePrivate() {
        String publicIp = REDIS + service("ext", "ClusterIP", "{app: cache}", "6379", "6379").replace("  type: ClusterIP", "  type: ClusterIP\n  externalIPs: [198.51.100.7]");
        String privateIp = REDIS + service("ext", "ClusterIP", "{app: cache}", "6379", "6379").replace("  type: ClusterIP", "  type: ClusterIP\n  externalIPs: [10.1.2.3]");

        assertThat(paths(publicIp)).singleElement().satisfies(p -> assertThat(p.reach()).isEqualTo(Reach.PUBLIC));
        assertThat(paths(privateIp)).singleElement().satisfies(p -> assertThat(p.reach()).isEqualTo(Reach.RESTRICTED));
    }

    @Test
    void replicaSetsAndPodsOwnedByAWorkloadInTheInputAreNotCountedTwice() {
        String yaml = REDIS + """
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: cache-0
                  namespace: web
                  labels: {app: cache}
                  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: cache, uid: "1"}]
                spec:
                  containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379}]}]
                """ + service("lb", "LoadBalancer", "{app: cache}", "6379", "6379");

        assertThat(paths(yaml)).hasSize(1);
    }
}
