package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;

/** ZooKeeper accepts unauthenticated clients unless SASL auth is enabled (Bitnami: ZOO_ENABLE_AUTH=yes). */
public final class ZooKeeperAuth implements AuthInspector {

    private static final String FIX = "enable SASL authentication (ZOO_ENABLE_AUTH=yes on Bitnami) and ACLs on znodes";

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
