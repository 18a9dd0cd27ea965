package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * RethinkDB (driver 28015, web admin 8080, cluster 29015). Its {@code admin} user has no password unless the
 * server starts with {@code --initial-password}, and the web admin UI has no login at all: it gives full control to
 * whoever reaches it unless the server runs {@code --no-http-admin}.
 */
public final class RethinkDbModule extends DatastoreModule {

    private static final String FIX = "start rethinkdb with --initial-password (from a Secret) and --no-http-admin";

    public RethinkDbModule() {
        super("RethinkDB", Set.of("rethinkdb"), List.of(28015, 8080, 29015));
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        boolean password = c.argValue("--initial-password").filter(v -> !v.isBlank()).isPresent()
                || c.configMatches("^\\s*initial-password\\s*=\\s*\\S");
        if (!password) {
            return AuthVerdict.off(who + " (" + c.imageLabel() + ") runs without --initial-password: the admin user has no password", FIX);
        }
        if (!c.hasArg("--no-http-admin") && !c.configMatches("^\\s*no-http-admin\\b")) {
            return AuthVerdict.off(who + " sets an admin password, but the web admin UI (port 8080) has no login and"
                    + " gives full control; it is off only with --no-http-admin", FIX);
        }
        return AuthVerdict.on(who + " runs with --initial-password and --no-http-admin");
    }
}
