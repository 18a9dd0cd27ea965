package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * ClickHouse: the official image's {@code default} user has no password; recent images then block its
 * network access unless CLICKHOUSE_SKIP_USER_SETUP=1. Bitnami's image needs a password unless told otherwise.
 */
public final class ClickHouseModule extends DatastoreModule {

    private static final String FIX = "set CLICKHOUSE_PASSWORD (CLICKHOUSE_ADMIN_PASSWORD on Bitnami) from a Secret";

    public ClickHouseModule() {
        super("ClickHouse", Set.of("clickhouse", "clickhouse-server"), List.of(8123, 9000));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.CLICKHOUSE_HTTP;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.envYes("CLICKHOUSE_SKIP_USER_SETUP")) {
            return AuthVerdict.off(who + " env " + c.describeEnv("CLICKHOUSE_SKIP_USER_SETUP")
                    + ": the default user has no password and network access", FIX);
        }
        if (c.image().bitnami() && c.envYes("ALLOW_EMPTY_PASSWORD")) {
            return AuthVerdict.off(who + " env " + c.describeEnv("ALLOW_EMPTY_PASSWORD"), FIX);
        }
        if (c.envSet("CLICKHOUSE_PASSWORD") || c.envSet("CLICKHOUSE_ADMIN_PASSWORD") || c.image().bitnami()) {
            return AuthVerdict.on(who + " sets a ClickHouse password");
        }
        return AuthVerdict.unknown(c.imageLabel() + ": the default user has no password; whether it may connect over"
                + " the network depends on the image version and users.xml", FIX);
    }
}
