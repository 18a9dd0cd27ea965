package io.exposureguard.core.datastore.auth;

import io.exposureguard.core.datastore.AuthVerdict;
import io.exposureguard.core.datastore.ContainerView;

/**
 * Cassandra: the official image keeps the default AllowAllAuthenticator (no auth) unless cassandra.yaml
 * says PasswordAuthenticator; Bitnami's image uses PasswordAuthenticator unless told otherwise.
 */
public final class CassandraAuth implements AuthInspector {

    private static final String FIX = "set authenticator: PasswordAuthenticator in cassandra.yaml (CASSANDRA_AUTHENTICATOR on Bitnami images)";

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
            return AuthVerdict.unknown("cassandra.yaml may come from " + String.join(", ", c.unseenConfig())
                    + ", which exposure-guard cannot read", FIX);
        }
        return AuthVerdict.off(who + " (" + c.imageLabel() + ") keeps Cassandra's default AllowAllAuthenticator", FIX);
    }
}
