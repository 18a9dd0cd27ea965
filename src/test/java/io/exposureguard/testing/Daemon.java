package io.exposureguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A server process (Prometheus, Alertmanager) on a free 127.0.0.1 port, its output in a log file in the test's work
 * directory; ready once it answers {@code /-/ready}.
 */
public record Daemon(String name, Process process, int port, Path log) {

    private static final Logger LOG = Logger.getLogger(Daemon.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration START = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 3;

    /**
     * Starts {@code command.apply(port)} in {@code work} and waits until it is ready; every process started is added
     * to {@code started} (to be stopped by the caller), and one that never got ready is stopped and removed again.
     */
    public static Daemon start(Path work, String name, IntFunction<List<String>> command, List<Daemon> started) throws IOException {
        for (int attempt = 1; ; attempt++) {
            long begun = System.nanoTime();
            int port = freePort();
            Path log = work.resolve(name + "-" + attempt + ".log");
            List<String> cmd = command.apply(port);
            Daemon daemon = new Daemon(name, new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start(), port, log);
            started.add(daemon);
            try {
                await(name + " ready").atMost(START).pollInterval(Duration.ofMillis(100))
                        .until(() -> !daemon.process().isAlive() || daemon.get("/-/ready").isPresent());
            } catch (ConditionTimeoutException e) {
                // reported below
            }
            if (daemon.process().isAlive() && daemon.get("/-/ready").isPresent()) {
                LOG.infof("%s ready on 127.0.0.1:%d after %d ms", name, port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun));
                return daemon;
            }
            String problem = daemon.process().isAlive() ? "was not ready within " + START.toSeconds() + " s"
                    : "exited with " + daemon.process().exitValue() + " before it was ready";
            daemon.stop();
            started.remove(daemon);
            // Another process can take the port between freePort() and the bind: try another one.
            if (attempt < PORT_ATTEMPTS && daemon.logText().contains("address already in use")) {
                continue;
            }
            return fail("%s %s (%s)%n%s", name, problem, String.join(" ", cmd), daemon.logTail());
        }
    }

    /** The body of a 200 answer, empty for anything else (not up yet, gone, other status). */
    public Optional<String> get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Prometheus: the instant query's result vector. */
    public List<JsonNode> query(String promql) throws IOException {
        JsonNode result = JSON.readTree(get("/api/v1/query?query=" + encode(promql)).orElse("{}")).path("data").path("result");
        List<JsonNode> series = new ArrayList<>();
        result.forEach(series::add);
        return series;
    }

    /** Alertmanager: the alert groups, each with the receiver it routes to. */
    public List<JsonNode> groups() throws IOException {
        List<JsonNode> groups = new ArrayList<>();
        JSON.readTree(get("/api/v2/alerts/groups").orElse("[]")).forEach(groups::add);
        return groups;
    }

    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    public String logTail() {
        List<String> lines = logText().lines().toList();
        return "== " + name + " log (" + log + ", last 40 of " + lines.size() + " lines)\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
    }

    public static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
