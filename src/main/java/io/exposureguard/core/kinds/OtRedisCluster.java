package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;

/**
 * The OT-Container-Kit redis-operator's {@code RedisCluster}: leader and follower StatefulSets, pods labelled
 * {@code app: <name>-leader|follower, redis_setup_type: cluster, role: leader|follower}, on {@code spec.port}
 * (default 6379). With serviceType NodePort the operator also makes one NodePort per pod
 * ({@code <name>-<role>-<n>}, selecting one pod), not read here: the additional Service already opens the same port.
 */
public final class OtRedisCluster extends OtRedisKind {

    @Override
    public String kind() {
        return "RedisCluster";
    }

    @Override
    public String plural() {
        return "redisclusters";
    }

    @Override
    public String generatedServices() {
        return "`<name>-leader-additional`, `<name>-follower-additional` (type from spec.kubernetesConfig.service.serviceType)";
    }

    @Override
    List<OtRedis.Group> pods(ObjectRef ref, Tree spec) {
        int port = spec.integer("port").orElse(OtRedis.REDIS_PORT);
        return List.of("leader", "follower").stream().map(role -> new OtRedis.Group(ref.name() + "-" + role, "cluster", role,
                port, OtRedis.REDIS_PORT_NAME, role + "s of " + ref.display())).toList();
    }
}
