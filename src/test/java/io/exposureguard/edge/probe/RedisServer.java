package io.exposureguard.edge.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real redis-server (Debian's) on a free 127.0.0.1 port, no persistence, optionally with {@code --requirepass}. */
final class RedisServer implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 3;

    private final Path dir;
    private final LocalProcess process;
    private final int port;

    private RedisServer(Path dir, LocalProcess process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static RedisServer start(Path redisServer, String password) throws Exception {
        AssertionError last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            Path dir = Files.createTempDirectory("eg-probe-redis");
            int port = LocalProcess.freePort();
            List<String> command = new ArrayList<>(List.of(redisServer.toString(), "--port", String.valueOf(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no"));
            if (password != null) {
                command.addAll(List.of("--requirepass", password));
            }
            LocalProcess process = LocalProcess.start("redis", command, Map.of(), dir);
            if (process.awaitReady(START, () -> answers(port))) {
                return new RedisServer(dir, process, port);
            }
            last = new AssertionError("redis-server exited during startup (attempt " + attempt + "):\n" + process.tail(20));
            process.close();
            LocalProcess.deleteTree(dir);
        }
        throw last;
    }

    /** Ready once it answers an inline PING at all (+PONG, or -NOAUTH with a password). */
    private static boolean answers(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            int first = in.read();
            return first == '+' || first == '-';
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
