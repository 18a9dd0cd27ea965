package io.exposureguard.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attack: a tenant fills its own namespace with 1 MB ConfigMaps, and every replica caches all of them.
 * The informers keep a few KiB of each instead, both from the initial list and from later updates.
 */
class ClusterCacheMemoryTest {

    private static final int MB = 1024 * 1024;
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private KubernetesMockServer server;
    private KubernetesClient client;
    private ClusterCache cache;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        if (cache != null) {
            cache.stop();
        }
        client.close();
        server.destroy();
    }

    @Test
    void aOneMegabyteConfigMapCostsTheCacheAFewKiBWhenListedAndWhenUpdated() {
        client.resource(bigConfigMap("listed", "a")).create();
        cache = new ClusterCache(client, false, () -> { });
        cache.refresh();
        await().atMost(Duration.ofSeconds(30)).until(cache::synced);

        client.resource(bigConfigMap("watched", "b")).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(configMaps()).hasSize(2));

        List<ConfigMap> cached = configMaps();
        assertThat(cached).allSatisfy(cm -> assertThat(JSON.asJson(cm).length())
                .as("what the cache keeps of the 1 MB ConfigMap %s", cm.getMetadata().getName()).isLessThan(2048));
        assertThat(cached).allSatisfy(cm -> assertThat(cm.getData()).isEmpty());
    }

    @Test
    void cachedObjectsCarryNoManagedFieldsAndPodsNoStatus() {
        client.resource(new PodBuilder().withNewMetadata().withName("db").withNamespace("tenant")
                .addToManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").withOperation("Apply").build()).endMetadata()
                .withNewSpec().addNewContainer().withName("redis").withImage("redis:7.2").endContainer().endSpec()
                .withNewStatus().withPodIP("10.0.0.9").endStatus().build()).create();
        cache = new ClusterCache(client, false, () -> { });
        cache.refresh();
        await().atMost(Duration.ofSeconds(30)).until(cache::synced);

        Pod pod = cache.snapshot().stream().filter(Pod.class::isInstance).map(Pod.class::cast).findFirst().orElseThrow();

        assertThat(pod.getMetadata().getManagedFields()).isNullOrEmpty();
        assertThat(pod.getStatus()).isNull();
        assertThat(pod.getSpec().getContainers()).hasSize(1);
    }

    @Test
    void onlyEndpointSlicesNotKeptByTheEndpointSliceControllerAreCachedAndOnlyTheirPodsAndPorts() {
        client.resource(slice("db-manual", null)).create();
        client.resource(slice("db-mirrored", "endpointslicemirroring-controller.k8s.io")).create();
        client.resource(slice("web-abc12", "endpointslice-controller.k8s.io")).create();
        cache = new ClusterCache(client, false, () -> { });
        cache.refresh();
        await().atMost(Duration.ofSeconds(30)).until(cache::synced);

        List<EndpointSlice> cached = cache.snapshot().stream().filter(EndpointSlice.class::isInstance).map(EndpointSlice.class::cast).toList();

        assertThat(cached).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("db-manual", "db-mirrored");
        assertThat(cached).allSatisfy(s -> {
            assertThat(s.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "db");
            assertThat(s.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(6379));
            assertThat(s.getEndpoints()).as("endpoints naming a Pod, with nothing but that name").singleElement().satisfies(e -> {
                assertThat(e.getTargetRef().getName()).isEqualTo("db-0");
                assertThat(e.getAddresses()).isNullOrEmpty();
                assertThat(e.getConditions()).isNull();
                assertThat(e.getNodeName()).isNull();
            });
        });
    }

    private static EndpointSlice slice(String name, String managedBy) {
        var labels = new HashMap<String, String>(Map.of("kubernetes.io/service-name", "db"));
        if (managedBy != null) {
            labels.put("endpointslice.kubernetes.io/managed-by", managedBy);
        }
        return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace("tenant").withLabels(labels).endMetadata()
                .withAddressType("IPv4").addNewPort().withName("redis").withPort(6379).endPort()
                .addNewEndpoint().withAddresses("10.0.0.7").withNodeName("node-1").withNewConditions().withReady(true).endConditions()
                .withNewTargetRef().withKind("Pod").withName("db-0").withNamespace("tenant").withUid("u1").endTargetRef().endEndpoint()
                .addNewEndpoint().withAddresses("10.0.0.8").endEndpoint()
                .build();
    }

    private List<ConfigMap> configMaps() {
        return cache.snapshot().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).toList();
    }

    private static HasMetadata bigConfigMap(String name, String fill) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("tenant").endMetadata()
                .addToData("blob", fill.repeat(MB)).build();
    }
}
