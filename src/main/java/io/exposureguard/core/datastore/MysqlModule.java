package io.exposureguard.core.datastore;

import java.util.List;
import java.util.Set;

/**
 * MySQL/MariaDB: root without a password when grants are skipped, or when the image is told to allow an empty
 * password and is given none. The official images' entrypoints (and Bitnami's) only use the allow-empty switch to
 * pass their start-up check: a root password that is also set (MYSQL_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD, their
 * _FILE and _HASH forms, or a random one) is the one root gets.
 */
public final class MysqlModule extends DatastoreModule {

    private static final String FIX = "remove the empty-password setting and set MYSQL_ROOT_PASSWORD / MARIADB_ROOT_PASSWORD from a Secret";
    private static final String[] EMPTY_PASSWORD_ENV = {
        "MYSQL_ALLOW_EMPTY_PASSWORD", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "MARIADB_ALLOW_EMPTY_PASSWORD"};
    private static final String[] ROOT_PASSWORD_ENV = {
        "MYSQL_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD_FILE", "MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_FILE",
        "MARIADB_ROOT_PASSWORD_HASH", "MYSQL_RANDOM_ROOT_PASSWORD", "MARIADB_RANDOM_ROOT_PASSWORD"};

    public MysqlModule() {
        super("MySQL/MariaDB", Set.of("mysql", "mysql-server", "mariadb", "mariadb-galera", "percona-server"), List.of(3306));
    }

    @Override
    public ProbeProtocol probe() {
        return ProbeProtocol.MYSQL;
    }

    @Override
    public AuthVerdict inspect(ContainerView c) {
        String who = "container " + c.containerName();
        if (c.hasArg("--skip-grant-tables")) {
            return AuthVerdict.off(who + " runs with --skip-grant-tables: every client is root", FIX);
        }
        for (String name : EMPTY_PASSWORD_ENV) {
            // The official images treat any non-empty value as "yes".
            if (c.envValue(name).filter(v -> !v.isBlank() && !v.equalsIgnoreCase("no") && !v.equals("0")).isPresent()) {
                return rootPassword(c, who + " env " + c.describeEnv(name), ": root has an empty password");
            }
        }
        if (c.image().bitnami() && c.envYes("ALLOW_EMPTY_PASSWORD")) {
            return rootPassword(c, who + " env " + c.describeEnv("ALLOW_EMPTY_PASSWORD"), "");
        }
        return AuthVerdict.on(c.imageLabel() + ": MySQL/MariaDB require a root password by default");
    }

    private static AuthVerdict rootPassword(ContainerView c, String allowFact, String consequence) {
        return PasswordEnv.of(c, ROOT_PASSWORD_ENV).verdict(allowFact, AuthVerdict.off(allowFact + consequence, FIX));
    }
}
