package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

import static io.exposureguard.core.datastore.UpstreamSource.env;
import static io.exposureguard.core.datastore.UpstreamSource.imageDefault;

/**
 * Adminer (the official image). {@code ADMINER_DEFAULT_SERVER} (default {@code db}) only fills in the login form, which
 * takes the database's own credentials: Adminer is as open as the database behind it ({@link #ownLogin} false), and
 * users can name any other server its pod reaches.
 */
public final class AdminerModule extends AdminUiModule {

    public AdminerModule() {
        super("Adminer", Set.of("adminer"), List.of(8080),
                List.of(env("ADMINER_DEFAULT_SERVER"), imageDefault("db", "ADMINER_DEFAULT_SERVER")), List.of());
    }

    @Override
    public boolean ownLogin() {
        return false;
    }

    @Override
    protected Login login(ContainerView c) {
        return Login.none("its login form takes the database's own credentials, so it is as open as the database;"
                + " users can also name any server its pod reaches");
    }

    @Override
    protected String loginFix() {
        return "turn authentication on in the database behind Adminer, or close its entry";
    }
}
