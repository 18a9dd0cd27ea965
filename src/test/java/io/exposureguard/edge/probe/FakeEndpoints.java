package io.exposureguard.edge.probe;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.exposureguard.edge.tls.CertificateIssuer;
import io.exposureguard.edge.tls.IssuedCertificate;

import javax.net.ServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** In-JVM endpoints on 127.0.0.1 that misbehave on purpose, and HTTP servers that record what they were sent. */
final class FakeEndpoints {

    private FakeEndpoints() {
    }

    /** A request as an HTTP server saw it, with its body (UTF-8). */
    record Seen(String method, String path, Map<String, List<String>> headers, String body) {
    }

    /** An HTTP server answering each path from {@code answers} (404 otherwise) and recording every request. */
    static final class RecordingHttp implements AutoCloseable {
        final HttpServer server;
        final List<Seen> seen = new CopyOnWriteArrayList<>();

        RecordingHttp(HttpServer server, Map<String, Answer> answers) {
            this.server = server;
            server.createContext("/", exchange -> {
                seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                Answer answer = answers.get(exchange.getRequestURI().toString());
                if (answer == null) {
                    answer = answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404, Map.of(), "{}"));
                }
                answer.send(exchange);
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A canned HTTP answer. */
    record Answer(int status, Map<String, String> headers, String body) {

        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body);
        }

        void send(HttpExchange exchange) throws IOException {
            Headers out = exchange.getResponseHeaders();
            headers.forEach(out::add);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
    }

    static RecordingHttp http(Map<String, Answer> answers) throws IOException {
        return new RecordingHttp(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), answers);
    }

    /** The same over HTTPS, with a certificate from a throwaway CA for a host name that is not 127.0.0.1. */
    static RecordingHttp https(Map<String, Answer> answers) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(untrustedServerContext()));
        return new RecordingHttp(server, answers);
    }

    /** A TLS context serving a certificate no client trusts, issued for {@code not-this-host.invalid}. */
    static SSLContext untrustedServerContext() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
        IssuedCertificate ca = issuer.authority("eg-probe-test-ca", Instant.now(), Duration.ofDays(1));
        IssuedCertificate serving = issuer.serving(ca, List.of("not-this-host.invalid"), Instant.now(), Duration.ofDays(1));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "test".toCharArray();
        keys.setKeyEntry("server", serving.key(), password, new Certificate[]{serving.certificate(), ca.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, new SecureRandom());
        return context;
    }

    /**
     * A raw TCP server: each accepted connection goes to {@code conversation} on its own thread, and is closed
     * after it returns. Connections it keeps open are closed with the server.
     */
    static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        RawServer(ServerSocketFactory factory, Consumer<Socket> conversation) throws IOException {
            socket = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket connection = socket.accept();
                        connections.add(connection);
                        Thread talk = new Thread(() -> {
                            conversation.accept(connection);
                        }, "fake-endpoint-conversation");
                        talk.setDaemon(true);
                        talk.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fake-endpoint-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket c : connections) {
                c.close();
            }
        }
    }

    /** Accepts connections and never says anything. */
    static RawServer silent() throws IOException {
        return new RawServer(ServerSocketFactory.getDefault(), connection -> {
        });
    }

    /** Answers every connection with {@code bytes} (whatever it was sent), then closes it. */
    static RawServer replying(byte[] bytes) throws IOException {
        return new RawServer(ServerSocketFactory.getDefault(), connection -> {
            try (connection) {
                connection.setSoTimeout(2000);
                connection.getInputStream().read(new byte[256]);
                connection.getOutputStream().write(bytes);
                connection.getOutputStream().flush();
            } catch (IOException e) {
                // the client went away: nothing to do
            }
        });
    }

    /** Bytes that are neither HTTP, nor RESP, nor a MongoDB message of sane length. */
    static byte[] garbage() {
        byte[] bytes = new byte[512];
        new java.util.Random(2019).nextBytes(bytes);
        bytes[0] = 0x7f;
        bytes[1] = 0x7f;
        bytes[2] = 0x7f;
        bytes[3] = 0x7f;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                bytes[i] = 0;
            }
        }
        // One line end at the very end, so line-based clients judge the line rather than wait for more.
        bytes[bytes.length - 2] = '\r';
        bytes[bytes.length - 1] = '\n';
        return bytes;
    }

    /** The bytes a hex string in a test table spells (null or empty: none; spaces are ignored). */
    static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex == null ? "" : hex.replace(" ", ""));
    }

    /** The probe gave no verdict, for the given reason. */
    static void assertNoVerdict(io.exposureguard.core.probe.ProbeResult result, String reason) {
        org.assertj.core.api.Assertions.assertThat(result.verdict()).as(result.summary())
                .isEqualTo(io.exposureguard.core.probe.ProbeResult.Verdict.UNKNOWN);
        org.assertj.core.api.Assertions.assertThat(result.reason()).isEqualTo(reason);
    }

    /** A 127.0.0.1 port nothing listens on (free a moment ago). */
    static int closedPort() throws IOException {
        return LocalProcess.freePort();
    }
}
