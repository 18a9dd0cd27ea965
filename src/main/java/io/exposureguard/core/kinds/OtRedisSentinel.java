package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;

/**
 * The OT-Container-Kit redis-operator's {@code RedisSentinel}: Sentinels on port 26379, pods labelled
 * {@code app: <name>-sentinel, redis_setup_type: sentinel, role: sentinel}. A Sentinel without a password lets anyone
 * read the topology and reconfigure or fail over the Redis it watches.
 */
public final class OtRedisSentinel extends OtRedisKind {

    private static final int SENTINEL_PORT = 26379;

    @Override
    public String kind() {
        return "RedisSentinel";
    }

    @Override
    public String plural() {
        return "redissentinels";
    }

    @Override
    public String generatedServices() {
        return "`<name>-sentinel-additional` (type from spec.kubernetesConfig.service.serviceType)";
    }

    @Override
    List<OtRedis.Group> pods(ObjectRef ref, Tree spec) {
        return List.of(new OtRedis.Group(ref.name() + "-sentinel", "sentinel", "sentinel", SENTINEL_PORT, "sentinel-client",
                "sentinels of " + ref.display()));
    }
}
