package io.exposureguard.edge.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real memcached (Debian's) on a free 127.0.0.1 port, TCP only, without or with SASL ({@code -S}, a Cyrus SASL
 * configuration in a temporary directory naming a password database that holds no user: every login fails). As
 * root it runs as {@link Unprivileged#USER} (memcached refuses root without {@code -u}).
 */
final class MemcachedServer implements AutoCloseable {

    private final Path dir;
    private final LocalProcess.Started server;

    private MemcachedServer(Path dir, LocalProcess.Started server) {
        this.dir = dir;
        this.server = server;
    }

    static MemcachedServer start(Path memcached, boolean sasl) throws Exception {
        Unprivileged.requireTools();
        Path dir = Files.createTempDirectory("eg-probe-memcached");
        try {
            Map<String, String> env = Map.of();
            if (sasl) {
                Files.writeString(dir.resolve("memcached.conf"), "mech_list: plain\nsasldb_path: " + dir.resolve("sasldb2") + "\n");
                env = Map.of("SASL_CONF_PATH", dir.toString());
            }
            Unprivileged.handOver(dir);
            Map<String, String> environment = env;
            return new MemcachedServer(dir, LocalProcess.onFreePort("memcached", dir, environment, port -> {
                List<String> command = new ArrayList<>(Unprivileged.commandPrefix());
                command.addAll(List.of(memcached.toString(), "-l", "127.0.0.1", "-p", String.valueOf(port), "-U", "0", "-m", "16"));
                if (sasl) {
                    command.add("-S");
                }
                return command;
            }, Duration.ofSeconds(30), LocalProcess::accepts));
        } catch (Exception | AssertionError e) {
            LocalProcess.deleteTree(dir);
            throw e;
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
