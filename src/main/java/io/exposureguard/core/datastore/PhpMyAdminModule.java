package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

import static io.exposureguard.core.datastore.UpstreamSource.hostAndPort;
import static io.exposureguard.core.datastore.UpstreamSource.imageDefault;

/**
 * phpMyAdmin (the official image). Upstreams: {@code PMA_HOST}/{@code PMA_PORT}, else {@code PMA_HOSTS}, else the image's
 * default server {@code db}. Its login form takes the MySQL server's own credentials, so it is as open as the server
 * ({@link #ownLogin} false: the path takes the server's verdict; phpMyAdmin refuses empty passwords unless
 * {@code AllowNoPassword}, which is not counted in its favour). {@code PMA_USER} with {@code PMA_PASSWORD} selects config
 * authentication: no login form, phpMyAdmin logs in for everyone. {@code PMA_ARBITRARY=1} lets users name any server.
 */
public final class PhpMyAdminModule extends AdminUiModule {

    public PhpMyAdminModule() {
        super("phpMyAdmin", Set.of("phpmyadmin"), List.of(80),
                List.of(hostAndPort("PMA_HOST", "PMA_PORT"), hostAndPort("PMA_HOSTS", "PMA_PORTS"), imageDefault("db", "PMA_HOST or PMA_HOSTS")),
                List.of());
    }

    @Override
    public boolean ownLogin() {
        return false;
    }

    @Override
    protected List<String> credentials(ContainerView c) {
        return c.envSet("PMA_USER") && c.envSet("PMA_PASSWORD") ? List.of("env PMA_USER and PMA_PASSWORD (config authentication)") : List.of();
    }

    @Override
    protected Login login(ContainerView c) {
        if (c.envSet("PMA_USER") && c.envSet("PMA_PASSWORD")) {
            return Login.none("PMA_USER and PMA_PASSWORD select config authentication, which shows no login form");
        }
        return Login.none("its login form takes the MySQL server's own credentials, so it is as open as the server"
                + (c.envYes("PMA_ARBITRARY") ? "; PMA_ARBITRARY=1 lets users log in to any server its pod reaches" : ""));
    }

    @Override
    protected String loginFix() {
        return "remove PMA_USER/PMA_PASSWORD so phpMyAdmin asks for the server's credentials, or close its entry";
    }
}
