package io.exposureguard.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lease-based leader election (Fabric8's LeaderElector): only the leader writes to the cluster. A replica
 * that loses the lease goes back to contending for it; {@code onGained} runs each time this replica
 * becomes leader.
 */
public final class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);
    static final String LEASE = "exposure-guard-leader";

    private final KubernetesClient client;
    private final String namespace;
    private final String identity;
    private final Duration leaseDuration;
    private final Runnable onGained;
    private final AtomicBoolean leader = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile CompletableFuture<?> running;

    public Leadership(KubernetesClient client, String namespace, String identity, Duration leaseDuration, Runnable onGained) {
        this.client = client;
        this.namespace = namespace;
        this.identity = identity;
        this.leaseDuration = leaseDuration;
        this.onGained = onGained;
    }

    public void start() {
        if (stopped) {
            return;
        }
        LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName("exposure-guard")
                .withLock(new LeaseLock(namespace, LEASE, identity))
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(leaseDuration.multipliedBy(2).dividedBy(3))
                .withRetryPeriod(leaseDuration.dividedBy(7))
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            LOG.infof("%s is now the leader: writing events, reports and policy status", identity);
                            leader.set(true);
                            onGained.run();
                        },
                        () -> {
                            LOG.infof("%s is no longer the leader", identity);
                            leader.set(false);
                        },
                        newLeader -> LOG.debugf("leader is %s", newLeader)))
                .build()).build();
        running = elector.start();
        running.whenComplete((ok, error) -> {
            leader.set(false);
            if (!stopped) {
                start();
            }
        });
    }

    public boolean isLeader() {
        return leader.get();
    }

    public void stop() {
        stopped = true;
        CompletableFuture<?> r = running;
        if (r != null) {
            r.cancel(true);
        }
        leader.set(false);
    }
}
