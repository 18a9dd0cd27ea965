package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/** Memcached has no authentication unless SASL is switched on (-S), or Bitnami's MEMCACHED_PASSWORD is set. */
public final class MemcachedModule extends DatastoreModule {

    public MemcachedModule() {
        super("Memcached", Set.of("memcached"), List.of(11211));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.MEMCACHED;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        if (c.hasArg("-S") || c.hasArg("--enable-sasl")) {
            return AuthVerdict.on("container " + c.containerName() + " runs memcached with SASL (-S)");
        }
        if (c.envSet("MEMCACHED_PASSWORD")) {
            return AuthVerdict.on("container " + c.containerName() + " env " + c.describeEnv("MEMCACHED_PASSWORD"));
        }
        return AuthVerdict.off("container " + c.containerName() + " (" + c.imageLabel()
                        + ") runs memcached without SASL: memcached has no authentication by default",
                "keep memcached off external networks, or run it with SASL (-S) / MEMCACHED_PASSWORD");
    }
}
