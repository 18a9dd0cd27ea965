package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * Redis and Valkey, and the servers that speak their protocol and read the same settings (KeyDB, Dragonfly): no
 * password unless {@code requirepass} (args, a mounted config or the server's password env) or an ACL file; the
 * official images also turn protected mode off. Bitnami's images need a password unless
 * {@code ALLOW_EMPTY_PASSWORD=yes}. All are probed with {@code PING}.
 */
public final class RedisModule extends DatastoreModule {

    private static final String FIX = "set a password: --requirepass from a Secret (or REDIS_PASSWORD on Bitnami images), or an ACL file";

    private final List<String> passwordEnv;

    public RedisModule() {
        this("Redis/Valkey", Set.of("redis", "redis-stack", "redis-stack-server", "redis-cluster", "valkey", "valkey-cluster"),
                "REDIS_PASSWORD", "VALKEY_PASSWORD", "REDIS_PASSWORD_FILE", "VALKEY_PASSWORD_FILE");
    }

    /** A Redis-compatible server on 6379 whose own env variables set the password. */
    public RedisModule(String displayName, Set<String> imageNames, String... passwordEnv) {
        super(displayName, imageNames, List.of(6379));
        this.passwordEnv = List.of(passwordEnv);
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.REDIS;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String protectedMode = c.argValue("--protected-mode").filter("no"::equalsIgnoreCase)
                .map(v -> "; --protected-mode no").orElse("");
        if (c.hasArg("--requirepass") || c.hasArg("--aclfile")) {
            return AuthVerdict.on("container " + c.containerName() + " runs with "
                    + (c.hasArg("--requirepass") ? "--requirepass" : "--aclfile"));
        }
        if (c.configMatches("^\\s*(requirepass\\s+\\S|aclfile\\s+\\S|user\\s+\\S+\\s+on\\s.*[>#])")) {
            return AuthVerdict.on("mounted redis.conf sets requirepass or ACL users");
        }
        for (String name : passwordEnv) {
            if (c.envSet(name)) {
                return AuthVerdict.on("container " + c.containerName() + " env " + c.describeEnv(name));
            }
        }
        if (runsServerWithReadConfig(c)) {
            return AuthVerdict.off("container " + c.containerName() + " runs the server itself with a mounted config that sets"
                    + " no requirepass, so no image start-up check asks for a password" + protectedMode, FIX);
        }
        if (c.image().bitnami()) {
            return c.envYes("ALLOW_EMPTY_PASSWORD")
                    ? AuthVerdict.off("container " + c.containerName() + " env " + c.describeEnv("ALLOW_EMPTY_PASSWORD")
                            + protectedMode, FIX)
                    : AuthVerdict.on(c.imageLabel() + ": Bitnami images refuse to start without a password");
        }
        if (!c.unseenConfig().isEmpty() && c.args().stream().anyMatch(a -> a.endsWith(".conf"))) {
            return AuthVerdict.unknown("redis.conf comes from " + String.join(", ", c.unseenConfig())
                    + ", which exposure-guard cannot read", FIX);
        }
        return AuthVerdict.off("container " + c.containerName() + " (" + c.imageLabel()
                + ") has no requirepass, ACL file or password env" + protectedMode, FIX);
    }

    /**
     * The command starts redis-server (keydb-server, valkey-server) directly with a config file the input shows in
     * full: the image's entrypoint, and with it Bitnami's "no password, no start" check, does not run.
     */
    private static boolean runsServerWithReadConfig(ContainerView c) {
        return c.args().stream().anyMatch(a -> a.matches("(redis|keydb|valkey)-server"))
                && !c.mountedConfig().isBlank() && c.unseenConfig().isEmpty();
    }
}
