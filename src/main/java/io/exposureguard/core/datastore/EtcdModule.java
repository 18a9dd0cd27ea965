package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/** etcd: no client authentication unless client certificates are required or (Bitnami) a root password is set. */
public final class EtcdModule extends DatastoreModule {

    private static final String FIX = "run etcd with --client-cert-auth=true and client certificates (ETCD_ROOT_PASSWORD on Bitnami)";

    public EtcdModule() {
        super("etcd", Set.of("etcd"), List.of(2379));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.ETCD_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        boolean certAuth = c.argValue("--client-cert-auth").map(v -> v.isEmpty() || v.equalsIgnoreCase("true")).orElse(false)
                || c.envYes("ETCD_CLIENT_CERT_AUTH");
        if (certAuth) {
            return AuthVerdict.on(who + " requires client certificates (--client-cert-auth)");
        }
        if (c.image().bitnami()) {
            if (c.envYes("ALLOW_NONE_AUTHENTICATION")) {
                return AuthVerdict.off(who + " env " + c.describeEnv("ALLOW_NONE_AUTHENTICATION"), FIX);
            }
            return AuthVerdict.on(c.imageLabel() + ": Bitnami etcd requires ETCD_ROOT_PASSWORD");
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") runs etcd without --client-cert-auth", FIX);
    }
}
