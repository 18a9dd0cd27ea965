package io.exposureguard.kube;

import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster read once, the way the operator reads it: the same {@link ClusterCache} (same kinds, versions and lean
 * objects), started, waited for until every kind has been listed, copied and stopped. For the {@code report} command.
 *
 * @param unread the kinds that could not be listed (forbidden, or not answered in time): the read is incomplete
 */
public record ClusterRead(List<HasMetadata> objects, List<ExposurePolicy> policies, List<ExposureException> exceptions,
                          Map<String, Map<String, String>> namespaceLabels, Set<String> unread) {

    public static ClusterRead of(KubernetesClient client, boolean readSecrets, Duration timeout) throws InterruptedException {
        ClusterCache cache = new ClusterCache(client, readSecrets, () -> { });
        try {
            cache.refresh();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!cache.unsyncedKinds().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Set<String> unread = new TreeSet<>(cache.unsyncedKinds());
            unread.addAll(cache.unstartedKinds());
            return new ClusterRead(cache.snapshot(), cache.policies(), cache.exceptions(), cache.namespaceLabels(), unread);
        } finally {
            cache.stop();
        }
    }
}
