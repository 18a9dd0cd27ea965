package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;

/** Memcached has no authentication unless SASL is switched on (-S), or Bitnami's MEMCACHED_PASSWORD is set. */
public final class MemcachedAuth implements AuthInspector {

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
