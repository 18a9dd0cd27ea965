package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * Neo4j (HTTP 7474, Bolt 7687). {@code NEO4J_AUTH=none} (or {@code dbms.security.auth_enabled=false}) turns
 * authentication off. Without NEO4J_AUTH the official image starts with {@code neo4j}/{@code neo4j}, which must be
 * changed at the first login: whoever logs in first sets the password, so the manifest cannot show who holds it.
 * Bitnami's image sets NEO4J_PASSWORD, whose default is {@code bitnami1}.
 */
public final class Neo4jModule extends DatastoreModule {

    private static final String FIX = "set NEO4J_AUTH=neo4j/<password> (NEO4J_PASSWORD on Bitnami) from a Secret";

    public Neo4jModule() {
        super("Neo4j", Set.of("neo4j"), List.of(7474, 7687));
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.envValue("NEO4J_AUTH").filter(v -> v.trim().equalsIgnoreCase("none")).isPresent()) {
            return AuthVerdict.off(who + " env NEO4J_AUTH=none: Neo4j runs without authentication", FIX);
        }
        if (Settings.isFalse(c.envValue("NEO4J_dbms_security_auth__enabled").orElse(null))
                || c.configMatches("^\\s*dbms\\.security\\.auth_enabled\\s*=\\s*false")) {
            return AuthVerdict.off(who + " sets dbms.security.auth_enabled=false", FIX);
        }
        if (c.envValue("NEO4J_AUTH").filter(v -> v.trim().equals("neo4j/neo4j")).isPresent()) {
            return AuthVerdict.off(who + " env NEO4J_AUTH is the well-known default neo4j/neo4j", FIX);
        }
        PasswordEnv auth = PasswordEnv.of(c, "NEO4J_AUTH", "NEO4J_AUTH_PATH", "NEO4J_AUTH_FILE");
        if (c.image().bitnami()) {
            PasswordEnv password = PasswordEnv.of(c, "NEO4J_PASSWORD", "NEO4J_PASSWORD_FILE");
            return password.state() == PasswordEnv.State.NONE
                    ? AuthVerdict.off(c.imageLabel() + ": without NEO4J_PASSWORD, Bitnami's image uses its default password 'bitnami1'", FIX)
                    : AuthVerdict.on(who + " sets the neo4j password: " + password.fact());
        }
        if (auth.state() != PasswordEnv.State.NONE) {
            return AuthVerdict.on(who + " sets the neo4j user's password: " + auth.fact());
        }
        return AuthVerdict.unknown(who + " (" + c.imageLabel() + ") sets no NEO4J_AUTH: Neo4j starts with neo4j/neo4j and"
                + " whoever logs in first chooses the password", FIX);
    }
}
