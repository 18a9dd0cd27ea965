package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;

/**
 * The OT-Container-Kit redis-operator's {@code Redis}: one standalone Redis, pods labelled
 * {@code app: <name>, redis_setup_type: standalone, role: standalone}.
 */
public final class OtRedisStandalone extends OtRedisKind {

    @Override
    public String kind() {
        return "Redis";
    }

    @Override
    public String plural() {
        return "redis";
    }

    @Override
    List<OtRedis.Group> pods(ObjectRef ref, Tree spec) {
        return List.of(new OtRedis.Group(ref.name(), "standalone", "standalone", OtRedis.REDIS_PORT, OtRedis.REDIS_PORT_NAME,
                ref.display()));
    }
}
