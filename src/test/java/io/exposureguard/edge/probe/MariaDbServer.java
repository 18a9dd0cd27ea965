package io.exposureguard.edge.probe;

import io.exposureguard.testing.InstalledTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Real MariaDB (Debian's {@code mariadb-server}) in a fresh data directory ({@code mariadb-install-db}), on a free
 * 127.0.0.1 port with its socket in that directory, either with {@code --skip-grant-tables} (every client is root)
 * or with a password for root at 127.0.0.1 and localhost (set by an init file at start). No option files are read
 * ({@code --no-defaults}). As root, it runs as {@link Unprivileged#USER}.
 */
final class MariaDbServer {

    static final String PACKAGE = "mariadb-server";

    private MariaDbServer() {
    }

    /** mariadbd (Debian installs it in /usr/sbin), when mariadb-install-db is there too. */
    static Optional<Path> mariadbd() {
        Optional<Path> installDb = InstalledTools.find("mariadb-install-db");
        return installDb.isEmpty() ? Optional.empty()
                : InstalledTools.find("mariadbd").or(() -> Optional.of(Path.of("/usr/sbin/mariadbd")).filter(Files::isExecutable));
    }

    /** @param rootPassword null: {@code --skip-grant-tables}; otherwise root's password */
    static LocalServer start(Path mariadbd, String rootPassword) throws Exception {
        Unprivileged.requireTools();
        return LocalServer.inTempDir("eg-probe-mariadb", dir -> {
            Path data = dir.resolve("data");
            List<String> install = new ArrayList<>(Unprivileged.commandPrefix());
            install.addAll(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
            Unprivileged.handOver(dir);
            LocalProcess.runToEnd("mariadb-install-db", install, dir, Duration.ofSeconds(120));
            List<String> access = List.of("--skip-grant-tables");
            if (rootPassword != null) {
                Path init = dir.resolve("init.sql");
                String quoted = rootPassword.replace("\\", "\\\\").replace("'", "\\'");
                Files.writeString(init, "ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY '" + quoted + "';\n"
                        + "ALTER USER 'root'@'localhost' IDENTIFIED BY '" + quoted + "';\n");
                Unprivileged.handOver(dir);
                access = List.of("--init-file=" + init);
            }
            List<String> options = access;
            return LocalProcess.onFreePort("mariadbd", dir, port -> {
                List<String> command = new ArrayList<>(Unprivileged.commandPrefix());
                command.addAll(List.of(mariadbd.toString(), "--no-defaults", "--datadir=" + data, "--socket=" + dir.resolve("sock"),
                        "--port=" + port, "--bind-address=127.0.0.1", "--skip-name-resolve", "--pid-file=" + dir.resolve("pid"),
                        "--skip-log-bin", "--innodb-buffer-pool-size=16M"));
                command.addAll(options);
                return command;
            }, Duration.ofSeconds(60), LocalProcess::accepts);
        });
    }
}
