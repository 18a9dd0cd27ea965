package io.exposureguard.core.kinds;

import io.exposureguard.core.inventory.Tree;
import io.exposureguard.core.model.ObjectRef;

import java.util.List;

/**
 * The OT-Container-Kit redis-operator's {@code RedisReplication}: a master and its replicas in one StatefulSet,
 * pods labelled {@code app: <name>, redis_setup_type: replication, role: replication} (the operator adds
 * {@code redis-role: master|slave} at run time, which is not read here).
 */
public final class OtRedisReplication extends OtRedisKind {

    @Override
    public String kind() {
        return "RedisReplication";
    }

    @Override
    public String plural() {
        return "redisreplications";
    }

    @Override
    List<OtRedis.Group> pods(ObjectRef ref, Tree spec) {
        return List.of(new OtRedis.Group(ref.name(), "replication", "replication", OtRedis.REDIS_PORT, OtRedis.REDIS_PORT_NAME,
                ref.display()));
    }
}
