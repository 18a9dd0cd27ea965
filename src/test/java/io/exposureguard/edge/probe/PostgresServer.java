package io.exposureguard.edge.probe;

import io.exposureguard.testing.InstalledTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Real PostgreSQL (Debian's {@code postgresql}) in a fresh data directory, on a free 127.0.0.1 port with its socket
 * in that directory: {@code initdb --auth=trust} (every client let in) or {@code --auth=scram-sha-256} with a
 * password for user postgres. PostgreSQL refuses to run as root: as root, initdb and the server run as
 * {@link Unprivileged#USER}.
 */
final class PostgresServer {

    static final String PACKAGE = "postgresql";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");

    private PostgresServer() {
    }

    /** initdb (under /usr/lib/postgresql/{version}/bin on Debian, or on PATH). */
    static Optional<Path> initdb() {
        return InstalledTools.findVersioned("initdb", DEBIAN_BINARIES);
    }

    /** @param password null: trust every client; otherwise SCRAM with this password for user postgres */
    static LocalServer start(Path initdb, String password) throws Exception {
        Unprivileged.requireTools();
        // The directory holding the real binary (a PATH entry may be a link to it): postgres and pg_isready are beside it.
        Path bin = initdb.toRealPath().getParent();
        return LocalServer.inTempDir("eg-probe-postgres", dir -> {
            initialise(bin, dir, password);
            return LocalProcess.onFreePort("postgres", dir, port -> {
                List<String> command = new ArrayList<>(Unprivileged.commandPrefix());
                command.addAll(List.of(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                        "-k", dir.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-c", "fsync=off"));
                return command;
            }, Duration.ofSeconds(60), port -> acceptsClients(bin, port));
        });
    }

    private static void initialise(Path bin, Path dir, String password) throws Exception {
        List<String> command = new ArrayList<>(Unprivileged.commandPrefix());
        command.addAll(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--no-sync", "--no-instructions"));
        if (password == null) {
            command.add("--auth=trust");
        } else {
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            command.addAll(List.of("--auth=scram-sha-256", "--pwfile=" + pwfile));
        }
        Unprivileged.handOver(dir);
        LocalProcess.runToEnd("initdb", command, dir, Duration.ofSeconds(120));
    }

    /** pg_isready: the port also accepts connections while the server is still starting up, and then refuses them. */
    private static boolean acceptsClients(Path bin, int port) {
        try {
            Process check = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!check.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                check.destroyForcibly();
                return false;
            }
            return check.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
