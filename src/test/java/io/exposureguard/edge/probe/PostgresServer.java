package io.exposureguard.edge.probe;

import io.exposureguard.testing.InstalledTools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real PostgreSQL (Debian's {@code postgresql}) in a fresh data directory, on a free 127.0.0.1 port with its socket
 * in that directory: {@code initdb --auth=trust} (every client let in) or {@code --auth=scram-sha-256} with a
 * password for user postgres. PostgreSQL refuses to run as root: as root, initdb and the server run as
 * {@link Unprivileged#USER}.
 */
final class PostgresServer implements AutoCloseable {

    static final String PACKAGE = "postgresql";
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final Duration START = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;

    private final Path dir;
    private final LocalProcess process;
    private final int port;

    private PostgresServer(Path dir, LocalProcess process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** initdb (under /usr/lib/postgresql/{version}/bin on Debian, or on PATH). */
    static Optional<Path> initdb() {
        return InstalledTools.findVersioned("initdb", DEBIAN_BINARIES);
    }

    /** @param password null: trust every client; otherwise SCRAM with this password for user postgres */
    static PostgresServer start(Path initdb, String password) throws Exception {
        Unprivileged.requireTools();
        Path bin = initdb.getParent();
        AssertionError last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            Path dir = Files.createTempDirectory("eg-probe-postgres");
            initialise(bin, dir, password);
            int port = LocalProcess.freePort();
            List<String> command = new ArrayList<>(Unprivileged.commandPrefix());
            command.addAll(List.of(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                    "-k", dir.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-c", "fsync=off"));
            LocalProcess process = LocalProcess.start("postgres", command, Map.of(), dir);
            if (process.awaitReady(START, () -> listening(port))) {
                return new PostgresServer(dir, process, port);
            }
            last = new AssertionError("postgres exited during startup (attempt " + attempt + "):\n" + process.tail(20));
            process.close();
            LocalProcess.deleteTree(dir);
        }
        throw last;
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

    /** Ready once the port accepts connections (the server opens it only when it takes clients). */
    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
        LocalProcess.deleteTree(dir);
    }
}
