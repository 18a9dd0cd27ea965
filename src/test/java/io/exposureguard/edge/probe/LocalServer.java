package io.exposureguard.edge.probe;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real server a test started in a temporary directory of its own (PostgreSQL, MariaDB, memcached): its port, and
 * {@link #close()}, which stops it and deletes the directory. A start that fails deletes the directory too.
 */
final class LocalServer implements AutoCloseable {

    /** Prepares {@code dir} and starts the server in it. */
    @FunctionalInterface
    interface Setup {
        LocalProcess.Started start(Path dir) throws Exception;
    }

    private final Path dir;
    private final LocalProcess.Started server;

    private LocalServer(Path dir, LocalProcess.Started server) {
        this.dir = dir;
        this.server = server;
    }

    static LocalServer inTempDir(String prefix, Setup setup) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        try {
            return new LocalServer(dir, setup.start(dir));
        } catch (Exception | AssertionError e) {
            LocalProcess.deleteTree(dir);
            throw e;
        }
    }

    /** Closes each server that was started (null: it was not, the binary being absent). */
    static void stop(LocalServer... servers) {
        for (LocalServer server : servers) {
            if (server != null) {
                server.close();
            }
        }
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.process().close();
        LocalProcess.deleteTree(dir);
    }
}
