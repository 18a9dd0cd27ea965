package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * PostgreSQL: passwords are required unless host auth is "trust" (env or a mounted pg_hba.conf), or Bitnami's image
 * is allowed an empty password and given none.
 */
public final class PostgresModule extends DatastoreModule {

    private static final String FIX = "remove POSTGRES_HOST_AUTH_METHOD=trust / trust lines in pg_hba.conf and set POSTGRES_PASSWORD from a Secret";

    public PostgresModule() {
        super("PostgreSQL", Set.of("postgres", "postgresql", "postgresql-repmgr", "postgis"), List.of(5432));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.POSTGRESQL;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.envValue("POSTGRES_HOST_AUTH_METHOD").filter("trust"::equalsIgnoreCase).isPresent()) {
            return AuthVerdict.off(who + " env " + c.describeEnv("POSTGRES_HOST_AUTH_METHOD") + ": any client connects without a password", FIX);
        }
        if (c.configMatches("^\\s*host\\w*\\s+\\S+\\s+\\S+\\s+\\S+\\s+trust\\b")) {
            return AuthVerdict.off("mounted pg_hba.conf trusts network clients without a password", FIX);
        }
        if (c.image().bitnami() && c.envYes("ALLOW_EMPTY_PASSWORD")) {
            // Bitnami's pg_hba.conf trusts clients until a POSTGRESQL_PASSWORD turns its trust lines into md5.
            String allow = who + " env " + c.describeEnv("ALLOW_EMPTY_PASSWORD");
            return PasswordEnv.of(c, "POSTGRESQL_PASSWORD", "POSTGRESQL_PASSWORD_FILE", "POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE")
                    .verdict(allow, AuthVerdict.off(allow, "set POSTGRESQL_PASSWORD from a Secret and remove ALLOW_EMPTY_PASSWORD"));
        }
        return AuthVerdict.on(c.imageLabel() + ": PostgreSQL requires a password for network clients");
    }
}
