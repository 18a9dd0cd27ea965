package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

import static io.exposureguard.core.datastore.UpstreamSource.env;
import static io.exposureguard.core.datastore.UpstreamSource.hostAndPort;
import static io.exposureguard.core.datastore.UpstreamSource.imageDefault;

/**
 * mongo-express, a web admin UI for MongoDB. Upstream: {@code ME_CONFIG_MONGODB_URL}, else
 * {@code ME_CONFIG_MONGODB_SERVER}/{@code _PORT}, else the image default {@code mongo:27017}. Its login is HTTP basic
 * auth: 0.x turns it on only with {@code ME_CONFIG_BASICAUTH_USERNAME}; 1.x, where {@code ME_CONFIG_BASICAUTH} is not
 * false, falls back to the well-known {@code admin:pass}. Either way only a username and password set in the input
 * (other than admin:pass) count as a login.
 */
public final class MongoExpressModule extends AdminUiModule {

    private static final String USER = "ME_CONFIG_BASICAUTH_USERNAME";
    private static final String PASSWORD = "ME_CONFIG_BASICAUTH_PASSWORD";

    public MongoExpressModule() {
        super("mongo-express", Set.of("mongo-express"), List.of(8081),
                List.of(env("ME_CONFIG_MONGODB_URL"), hostAndPort("ME_CONFIG_MONGODB_SERVER", "ME_CONFIG_MONGODB_PORT"),
                        imageDefault("mongo:27017", "ME_CONFIG_MONGODB_URL or ME_CONFIG_MONGODB_SERVER")),
                List.of("ME_CONFIG_MONGODB_ADMINPASSWORD", "ME_CONFIG_MONGODB_AUTH_PASSWORD"));
    }

    @Override
    protected Login login(ContainerView c) {
        if (Settings.isFalse(c.envValue("ME_CONFIG_BASICAUTH").orElse(null))) {
            return Login.none("env ME_CONFIG_BASICAUTH=false turns its basic auth off");
        }
        if (!c.envSet(USER) || !c.envSet(PASSWORD)) {
            return Login.none("no " + USER + " and " + PASSWORD + ": no login of its own (0.x asks for none; 1.x, where"
                    + " basic auth is on, accepts the well-known admin:pass)");
        }
        if ("admin".equals(c.envValue(USER).orElse("")) && "pass".equals(c.envValue(PASSWORD).orElse(""))) {
            return Login.none("basic auth with the well-known default admin:pass");
        }
        return new Login(true, "asks for basic auth (env " + USER + " and " + PASSWORD + ")");
    }

    @Override
    protected String loginFix() {
        return "set " + USER + " and " + PASSWORD + " (from a Secret) on mongo-express, or close its entry";
    }
}
