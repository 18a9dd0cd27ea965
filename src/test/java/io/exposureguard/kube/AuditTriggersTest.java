package io.exposureguard.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which changes in the cluster mark the cache changed (and so bring an audit): a Pod's status, which kubelets rewrite
 * all the time and the engine never reads, does not; a label does.
 */
class AuditTriggersTest {

    private KubernetesMockServer server;
    private KubernetesClient client;
    private ClusterCache cache;
    private final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void cacheOverAMockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        client.resource(new PodBuilder().withNewMetadata().withName("db").withNamespace("shop").addToLabels("app", "db").endMetadata()
                .withNewSpec().addNewContainer().withName("redis").withImage("redis:7.2").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build()).create();
        cache = new ClusterCache(client, false, changes::incrementAndGet);
        cache.refresh();
        await().atMost(Duration.ofSeconds(30)).until(() -> cache.synced() && changes.get() > 0);
    }

    @AfterEach
    void stop() {
        cache.stop();
        client.close();
        server.destroy();
    }

    @Test
    void aPodsStatusUpdateBringsNoAuditAndALabelChangeDoes() {
        int before = changes.get();
        Pod running = client.pods().inNamespace("shop").withName("db").get();
        running.getStatus().setPhase("Running");
        running.getStatus().setPodIP("10.0.0.9");
        client.pods().inNamespace("shop").resource(running).updateStatus();
        client.pods().inNamespace("shop").withName("db").edit(p -> new PodBuilder(p).editMetadata().addToLabels("tier", "cache").endMetadata().build());

        // Watch events arrive in order: once the label change is seen, the status update was seen before it.
        await().atMost(Duration.ofSeconds(30)).until(() -> changes.get() > before);
        assertThat(changes.get() - before).as("only the label change marked the cache changed").isEqualTo(1);
    }
}
