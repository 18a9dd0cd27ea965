package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

import static io.exposureguard.core.datastore.UpstreamSource.hostAndPort;

/**
 * RedisInsight, Redis' own web UI. It has no login at all; a database can be preconfigured with {@code RI_REDIS_HOST}/
 * {@code RI_REDIS_PORT} (and {@code RI_REDIS_PASSWORD}), and anyone who reaches it can add connections to whatever its
 * pod reaches.
 */
public final class RedisInsightModule extends AdminUiModule {

    public RedisInsightModule() {
        super("RedisInsight", Set.of("redisinsight"), List.of(5540), List.of(hostAndPort("RI_REDIS_HOST", "RI_REDIS_PORT")),
                List.of("RI_REDIS_PASSWORD"));
    }

    @Override
    protected Login login(ContainerView c) {
        return Login.none("RedisInsight has no login; whoever reaches it can also add a connection to any address its pod reaches");
    }

    @Override
    protected String loginFix() {
        return "RedisInsight has no login: close its entry, or put an authenticating proxy in front of it";
    }
}
