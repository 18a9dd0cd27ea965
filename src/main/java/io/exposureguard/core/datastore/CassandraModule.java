package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * Cassandra: the official image keeps the default AllowAllAuthenticator (no auth) unless cassandra.yaml
 * says PasswordAuthenticator; Bitnami's image uses PasswordAuthenticator unless told otherwise.
 */
public final class CassandraModule extends DatastoreModule {

    private static final String FIX = "set authenticator: PasswordAuthenticator in cassandra.yaml (CASSANDRA_AUTHENTICATOR on Bitnami images)";

    public CassandraModule() {
        super("Cassandra", Set.of("cassandra"), List.of(9042, 7000));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.CASSANDRA_CQL;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.envValue("CASSANDRA_AUTHENTICATOR").filter(v -> v.contains("AllowAll")).isPresent()) {
            return AuthVerdict.off(who + " env " + c.describeEnv("CASSANDRA_AUTHENTICATOR"), FIX);
        }
        if (c.configMatches("^\\s*authenticator\\s*:\\s*\\S*AllowAllAuthenticator")) {
            return AuthVerdict.off("mounted cassandra.yaml uses AllowAllAuthenticator", FIX);
        }
        if (c.configMatches("^\\s*authenticator\\s*:\\s*\\S*PasswordAuthenticator")
                || c.envValue("CASSANDRA_AUTHENTICATOR").filter(v -> v.contains("Password")).isPresent()) {
            return AuthVerdict.on(who + " uses PasswordAuthenticator");
        }
        if (c.image().bitnami()) {
            return AuthVerdict.on(c.imageLabel() + ": Bitnami Cassandra uses PasswordAuthenticator by default");
        }
        if (!c.unseenConfig().isEmpty()) {
            return configNotRead(c, "cassandra.yaml", FIX);
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") keeps Cassandra's default AllowAllAuthenticator", FIX);
    }
}
