package io.exposureguard.bench;

import io.exposureguard.app.audit.AuditService;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * `make bench` (second part): the operator against Fabric8's mock API server on loopback. For 1k and 10k
 * pre-existing objects: time from start to the first completed audit (initial list + evaluation + writes),
 * heap retained by the caches, mean full-audit time, and detection latency (a new exposed Service ->
 * its Warning event) over 20 samples. Reports numbers; never passes or fails on them.
 */
public final class OperatorBench {

    private static final ResourceDefinitionContext ES = new ResourceDefinitionContext.Builder()
            .withGroup("elasticsearch.k8s.elastic.co").withVersion("v1").withKind("Elasticsearch")
            .withPlural("elasticsearches").withNamespaced(true).build();

    private OperatorBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%-8s %14s %12s %14s %22s%n", "objects", "first audit ms", "heap MiB", "audit mean ms", "detection p50/p99 ms");
        for (int size : new int[] {1_000, 10_000}) {
            run(size);
        }
        System.out.flush();
        // The mock server's Vert.x threads are not daemons and outlive destroy(); end the run explicitly.
        System.exit(0);
    }

    private static void run(int size) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient client = server.createClient()) {
            client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName("elasticsearches.elasticsearch.k8s.elastic.co").endMetadata()
                    .withNewSpec().withGroup(ES.getGroup()).withScope("Namespaced")
                    .withNewNames().withKind("Elasticsearch").withPlural("elasticsearches").endNames()
                    .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion().endSpec().build()).create();
            for (HasMetadata o : SyntheticCluster.of(size)) {
                if (o instanceof GenericKubernetesResource g) {
                    client.genericKubernetesResources(ES).inNamespace(g.getMetadata().getNamespace()).resource(g).create();
                } else {
                    client.resource(o).create();
                }
            }
            long heapBefore = usedHeap();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            AuditService audit = new AuditService(client, io.exposureguard.kube.TestOperatorConfig.production(Duration.ofMillis(200)), registry);
            long start = System.nanoTime();
            audit.start();
            while (audit.lastOutcome() == null) {
                Thread.sleep(5);
            }
            double firstAuditMs = (System.nanoTime() - start) / 1e6;
            double heapMiB = (usedHeap() - heapBefore) / (1024.0 * 1024.0);
            double[] latencies = new double[20];
            for (int i = 0; i < latencies.length; i++) {
                String ns = "bench-latency-" + i;
                long t0 = System.nanoTime();
                client.resource(new DeploymentBuilder().withNewMetadata().withName("cache").withNamespace(ns).endMetadata()
                        .withNewSpec().withNewSelector().addToMatchLabels("app", "cache").endSelector().withNewTemplate()
                        .withNewMetadata().addToLabels("app", "cache").endMetadata().withNewSpec().addNewContainer()
                        .withName("memcached").withImage("memcached:1.6").endContainer().endSpec().endTemplate().endSpec().build()).create();
                client.resource(new ServiceBuilder().withNewMetadata().withName("cache").withNamespace(ns).endMetadata()
                        .withNewSpec().withType("LoadBalancer").addToSelector("app", "cache").addNewPort().withPort(11211).endPort()
                        .endSpec().build()).create();
                while (client.v1().events().inNamespace(ns).list().getItems().stream()
                        .noneMatch(e -> e.getMessage() != null && e.getMessage().startsWith("EG-EXP-001"))) {
                    Thread.sleep(2);
                }
                latencies[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(latencies);
            Timer timer = registry.find("exposureguard.audit.duration").timer();
            System.out.printf("%-8d %14.0f %12.1f %14.1f %14.0f / %.0f%n", size, firstAuditMs, heapMiB,
                    timer.mean(TimeUnit.MILLISECONDS), latencies[latencies.length / 2], latencies[latencies.length - 1]);
            audit.stop();
        } finally {
            server.destroy();
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
