package io.exposureguard.bench;

import io.exposureguard.core.inventory.LeanObjects;
import io.exposureguard.kube.ClusterCache;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * `make bench` (memory part): what a tenant's large ConfigMaps cost the operator's cache. Puts 50 ConfigMaps of
 * 1 MB into Fabric8's mock API server (CRUD mode, loopback), starts the informer cache, and reports the heap the
 * heap grows by from before the cache starts to once it has listed everything (after GC: MiB, and MB per MB of ConfigMap
 * data), and the serialized size of what the cache keeps of each ConfigMap (exact, unlike the heap figure), with the operator's trimming ({@link LeanObjects}) and with
 * whole objects kept (the cache before the trimming), for two shapes: one 1 MB value, and 1,000 values of 1 KiB.
 * Runs in its own JVM (exec:exec@memory) so the figures are not Maven's. Reports numbers; never passes or fails.
 */
public final class ConfigMapMemoryBench {

    private static final int COUNT = Integer.getInteger("bench.count", 50);
    /** Held so the level sticks: the mock server logs every request at INFO. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    private static final int MB = 1024 * 1024;
    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization JSON = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

    private ConfigMapMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        System.out.printf("%-26s %-8s %10s %12s %16s%n", COUNT + " ConfigMaps of 1 MB", "cache", "heap MiB", "MB per MB", "kept KiB each");
        UnaryOperator<HasMetadata> lean = new LeanObjects(LeanObjects.Limits.DEFAULT)::lean;
        for (Shape shape : Shape.values()) {
            run(shape, "whole", UnaryOperator.identity());
            run(shape, "trimmed", lean);
        }
        System.out.flush();
        // The mock server's Vert.x threads are not daemons and outlive destroy(); end the run explicitly.
        System.exit(0);
    }

    private enum Shape {
        ONE_VALUE("one 1 MB value"), MANY_VALUES("1,000 values of 1 KiB");

        final String label;

        Shape(String label) {
            this.label = label;
        }

        ConfigMap make(int i) {
            Map<String, String> data = new LinkedHashMap<>();
            // distinct content per object, so nothing is shared between them
            String fill = Integer.toString(i, 36);
            if (this == ONE_VALUE) {
                data.put("blob", fill.repeat(MB / fill.length() + 1).substring(0, MB));
            } else {
                for (int k = 0; k < 1000; k++) {
                    data.put("key-" + k, fill.repeat(1024 / fill.length() + 1).substring(0, 1024 - 8));
                }
            }
            return new ConfigMapBuilder().withNewMetadata().withName("blob-" + i).withNamespace("tenant").endMetadata()
                    .withData(data).build();
        }
    }

    private static void run(Shape shape, String mode, UnaryOperator<HasMetadata> keep) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient client = server.createClient()) {
            long dataBytes = 0;
            for (int i = 0; i < COUNT; i++) {
                ConfigMap cm = shape.make(i);
                dataBytes += cm.getData().entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
                client.resource(cm).create();
            }
            // The mock server keeps what it served: each list of the ConfigMaps adds about their size to the heap.
            // Measure that once and take it off, so the figure is the cache's own.
            client.configMaps().inAnyNamespace().list();
            long listed = usedHeap();
            client.configMaps().inAnyNamespace().list();
            long before = usedHeap();
            long mockPerList = before - listed;
            ClusterCache cache = new ClusterCache(client, false, () -> { }, keep);
            cache.refresh();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!cache.synced() || cache.snapshot().stream().filter(ConfigMap.class::isInstance).count() < COUNT) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cache did not list the ConfigMaps within 2 minutes: synced=" + cache.synced()
                            + ", ConfigMaps cached=" + cache.snapshot().stream().filter(ConfigMap.class::isInstance).count());
                }
                Thread.sleep(20);
            }
            long after = usedHeap();
            double retained = Math.max(0, after - before - mockPerList);
            long kept = cache.snapshot().stream().filter(ConfigMap.class::isInstance).mapToLong(o -> JSON.asJson(o).length()).sum();
            System.out.printf("%-26s %-8s %10.1f %12.3f %16.1f%n", shape.label, mode, retained / MB, retained / dataBytes,
                    kept / (double) COUNT / 1024);
            cache.stop();
        } finally {
            server.destroy();
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
