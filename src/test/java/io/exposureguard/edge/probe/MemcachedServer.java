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
final class MemcachedServer {

    private MemcachedServer() {
    }

    static LocalServer start(Path memcached, boolean sasl) throws Exception {
        Unprivileged.requireTools();
        return LocalServer.inTempDir("eg-probe-memcached", dir -> {
            if (sasl) {
                Files.writeString(dir.resolve("memcached.conf"), "mech_list: plain\nsasldb_path: " + dir.resolve("sasldb2") + "\n");
            }
            Unprivileged.handOver(dir);
            Map<String, String> env = sasl ? Map.of("SASL_CONF_PATH", dir.toString()) : Map.of();
            List<String> options = sasl ? List.of("-S") : List.of();
            return LocalProcess.onFreePort("memcached", dir, env, port -> {
                List<String> command = new ArrayList<>(Unprivileged.commandPrefix());
                command.addAll(List.of(memcached.toString(), "-l", "127.0.0.1", "-p", String.valueOf(port), "-U", "0", "-m", "16"));
                command.addAll(options);
                return command;
            }, Duration.ofSeconds(30), LocalProcess::accepts);
        });
    }
}
