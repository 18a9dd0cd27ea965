package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * MongoDB: the official image enables auth when both MONGO_INITDB_ROOT_USERNAME and _PASSWORD are set (or
 * with --auth); otherwise anyone can connect. Bitnami's image needs a root password unless ALLOW_EMPTY_PASSWORD=yes.
 */
public final class MongoModule extends DatastoreModule {

    private static final String FIX = "set MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD from a Secret (or run mongod --auth)";

    public MongoModule() {
        super("MongoDB", Set.of("mongo", "mongodb", "mongodb-community-server", "mongodb-sharded"), List.of(27017));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.MONGODB;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.hasArg("--noauth")) {
            return AuthVerdict.off(who + " runs mongod --noauth", FIX);
        }
        if (c.hasArg("--auth") || c.configMatches("^\\s*authorization\\s*:\\s*\"?enabled")) {
            return AuthVerdict.on(who + " enables authorization (--auth or security.authorization)");
        }
        if (c.image().bitnami()) {
            if (!c.envYes("ALLOW_EMPTY_PASSWORD")) {
                return AuthVerdict.on(c.imageLabel() + ": Bitnami images require MONGODB_ROOT_PASSWORD");
            }
            // Bitnami's libmongodb.sh enables authorization whenever a root or user password is set.
            String allow = who + " env " + c.describeEnv("ALLOW_EMPTY_PASSWORD");
            return PasswordEnv.of(c, "MONGODB_ROOT_PASSWORD", "MONGODB_ROOT_PASSWORD_FILE", "MONGODB_PASSWORD", "MONGODB_PASSWORDS")
                    .verdict(allow, AuthVerdict.off(allow, "set MONGODB_ROOT_PASSWORD from a Secret and remove ALLOW_EMPTY_PASSWORD"));
        }
        boolean user = c.envSet("MONGO_INITDB_ROOT_USERNAME") || c.envSet("MONGO_INITDB_ROOT_USERNAME_FILE");
        boolean password = c.envSet("MONGO_INITDB_ROOT_PASSWORD") || c.envSet("MONGO_INITDB_ROOT_PASSWORD_FILE");
        if (user && password) {
            return AuthVerdict.on(who + " sets MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD, which enables auth");
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") runs mongod without --auth and without both"
                + " MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD", FIX);
    }
}
