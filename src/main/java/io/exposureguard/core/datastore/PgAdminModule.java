package io.exposureguard.core.datastore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static io.exposureguard.core.datastore.UpstreamSource.config;

/**
 * pgAdmin 4 (dpage/pgadmin4). In server mode, the container's default, it always asks for a login (the container
 * refuses to start without {@code PGADMIN_DEFAULT_EMAIL}/{@code _PASSWORD}); {@code PGADMIN_CONFIG_SERVER_MODE=False}
 * runs it in desktop mode, without one. Upstreams: the {@code "Host"} entries of a mounted servers.json; a
 * {@code PassFile} there gives it the servers' passwords.
 */
public final class PgAdminModule extends AdminUiModule {

    public PgAdminModule() {
        super("pgAdmin", Set.of("pgadmin4"), List.of(80),
                List.of(config(Pattern.compile("\"Host\"\\s*:\\s*\"([^\"]{1,253})\""), "servers.json Host")), List.of());
    }

    @Override
    protected List<String> credentials(ContainerView c) {
        List<String> out = new ArrayList<>(super.credentials(c));
        if (c.configMatches("\"PassFile\"\\s*:")) {
            out.add("mounted servers.json PassFile");
        }
        return out;
    }

    @Override
    protected Login login(ContainerView c) {
        if (Settings.isFalse(c.envValue("PGADMIN_CONFIG_SERVER_MODE").orElse(null))) {
            return Login.none("env PGADMIN_CONFIG_SERVER_MODE=False runs pgAdmin in desktop mode, without a login");
        }
        return new Login(true, "pgAdmin in server mode (the container's default) asks for a login");
    }

    @Override
    protected String loginFix() {
        return "remove PGADMIN_CONFIG_SERVER_MODE=False so pgAdmin asks for a login, or close its entry";
    }
}
