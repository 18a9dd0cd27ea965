package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/** ZooKeeper accepts unauthenticated clients unless SASL auth is enabled (Bitnami: ZOO_ENABLE_AUTH=yes). */
public final class ZooKeeperModule extends DatastoreModule {

    private static final String FIX = "enable SASL authentication (ZOO_ENABLE_AUTH=yes on Bitnami) and ACLs on znodes";

    public ZooKeeperModule() {
        super("ZooKeeper", Set.of("zookeeper"), List.of(2181));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.ZOOKEEPER;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.envYes("ZOO_ENABLE_AUTH") || c.configMatches("^\\s*authProvider\\.\\S+\\s*=.*SASLAuthenticationProvider")) {
            return AuthVerdict.on(who + " enables ZooKeeper SASL authentication");
        }
        if (c.image().bitnami() && !c.envYes("ALLOW_ANONYMOUS_LOGIN")) {
            return AuthVerdict.on(c.imageLabel() + ": Bitnami ZooKeeper refuses anonymous login unless ALLOW_ANONYMOUS_LOGIN=yes");
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") accepts clients without authentication", FIX);
    }
}
