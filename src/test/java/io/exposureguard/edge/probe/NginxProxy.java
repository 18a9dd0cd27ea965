package io.exposureguard.edge.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Real nginx (Debian's) in front of a local upstream, requiring HTTP basic auth: its own config, pid, logs and
 * temp paths in a temp prefix, {@code daemon off}, listening on a free 127.0.0.1 port. The htpasswd file uses
 * nginx's {@code {SHA}} scheme, computed here.
 */
final class NginxProxy implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 3;

    private final Path prefix;
    private final LocalProcess process;
    private final int port;

    private NginxProxy(Path prefix, LocalProcess process, int port) {
        this.prefix = prefix;
        this.process = process;
        this.port = port;
    }

    static NginxProxy basicAuth(Path nginx, int upstreamPort, String user, String password) throws Exception {
        AssertionError last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            Path prefix = Files.createTempDirectory("eg-probe-nginx");
            int port = LocalProcess.freePort();
            Files.writeString(prefix.resolve("htpasswd"), user + ":" + sha(password) + "\n");
            Files.writeString(prefix.resolve("nginx.conf"), config(prefix, port, upstreamPort));
            Unprivileged.handOver(prefix);
            List<String> command = new ArrayList<>(Unprivileged.commandPrefix());
            command.addAll(List.of(nginx.toString(), "-p", prefix + "/", "-c", prefix.resolve("nginx.conf").toString(),
                    "-e", prefix.resolve("error.log").toString()));
            LocalProcess process = LocalProcess.start("nginx", command, Map.of(), prefix);
            if (process.awaitReady(START, () -> listening(port))) {
                return new NginxProxy(prefix, process, port);
            }
            last = new AssertionError("nginx exited during startup (attempt " + attempt + "):\n" + process.tail(20)
                    + "\n" + errorLog(prefix));
            process.close();
            LocalProcess.deleteTree(prefix);
        }
        throw last;
    }

    /** nginx's {SHA} password scheme: base64 of the SHA-1 of the password. */
    static String sha(String password) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
        return "{SHA}" + Base64.getEncoder().encodeToString(digest);
    }

    private static String config(Path prefix, int port, int upstreamPort) {
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            auth_basic "exposure-guard probe test";
                            auth_basic_user_file %1$s/htpasswd;
                            proxy_pass http://127.0.0.1:%3$d;
                        }
                    }
                }
                """.formatted(prefix, port, upstreamPort);
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String errorLog(Path prefix) {
        try {
            return Files.readString(prefix.resolve("error.log"));
        } catch (IOException e) {
            return "";
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
        LocalProcess.deleteTree(prefix);
    }
}
