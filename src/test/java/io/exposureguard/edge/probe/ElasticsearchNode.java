package io.exposureguard.edge.probe;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real single-node Elasticsearch from the integ-test zip Maven puts on the test's path (system property
 * {@value #ZIP_PROPERTY}), unzipped fresh into a temp directory, on 127.0.0.1 with free ports, security off,
 * 512 MB heap, as an unprivileged user when the tests run as root. {@link #request} is the test's own client,
 * which may write.
 */
final class ElasticsearchNode implements AutoCloseable {

    static final String ZIP_PROPERTY = "elasticsearch.zip";
    private static final Duration START = Duration.ofSeconds(90);
    private static final int PORT_ATTEMPTS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final LocalProcess process;
    private final int httpPort;
    private final Duration startup;

    private ElasticsearchNode(Path home, LocalProcess process, int httpPort, Duration startup) {
        this.home = home;
        this.process = process;
        this.httpPort = httpPort;
        this.startup = startup;
    }

    /** The zip, if Maven passed one that exists. */
    static Optional<Path> zip() {
        String path = System.getProperty(ZIP_PROPERTY, "");
        return path.isBlank() || path.startsWith("${") || !Files.isRegularFile(Path.of(path)) ? Optional.empty() : Optional.of(Path.of(path));
    }

    /** In a test: skip visibly without the zip (outside Maven), fail where CI is set. */
    static void requireZip() {
        if (zip().isEmpty() && System.getenv("CI") != null) {
            fail("Elasticsearch zip not found (system property " + ZIP_PROPERTY + "), and CI is set: run through Maven, "
                    + "which resolves the test dependency org.elasticsearch.distribution.integ-test-zip:elasticsearch:zip");
        }
        Assumptions.assumeTrue(zip().isPresent(), "Elasticsearch zip not found (system property " + ZIP_PROPERTY
                + "): run through Maven to test the probe against a real Elasticsearch");
        Unprivileged.requireTools();
    }

    static ElasticsearchNode start(Path zip) throws Exception {
        long began = System.nanoTime();
        AssertionError last = null;
        for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
            Path work = Files.createTempDirectory("eg-probe-es");
            Path home = unzip(zip, work);
            Files.createDirectories(work.resolve("data"));
            Files.createDirectories(work.resolve("logs"));
            Files.createDirectories(work.resolve("tmp"));
            Unprivileged.handOver(work);
            int http = LocalProcess.freePort();
            int transport = LocalProcess.freePort();
            List<String> command = new ArrayList<>(Unprivileged.commandPrefix());
            command.addAll(List.of("env",
                    "ES_JAVA_HOME=" + System.getProperty("java.home"),
                    "ES_JAVA_OPTS=-Xms512m -Xmx512m",
                    "ES_TMPDIR=" + work.resolve("tmp"),
                    home.resolve("bin/elasticsearch").toString(),
                    "-Ediscovery.type=single-node",
                    "-Enetwork.host=127.0.0.1",
                    "-Ehttp.port=" + http,
                    "-Etransport.port=" + transport,
                    "-Expack.security.enabled=false",
                    "-Ecluster.routing.allocation.disk.threshold_enabled=false",
                    "-Epath.data=" + work.resolve("data"),
                    "-Epath.logs=" + work.resolve("logs")));
            LocalProcess process = LocalProcess.start("elasticsearch", command, Map.of(), work);
            if (process.awaitReady(START, () -> healthy(http))) {
                return new ElasticsearchNode(work, process, http, Duration.ofNanos(System.nanoTime() - began));
            }
            last = new AssertionError("Elasticsearch exited during startup (attempt " + attempt + "):\n" + process.tail(40));
            process.close();
            LocalProcess.deleteTree(work);
        }
        throw last;
    }

    private static boolean healthy(int httpPort) {
        try {
            HttpResponse<String> health = send(httpPort, "GET", "/_cluster/health", null);
            return health.statusCode() == 200 && !health.body().contains("\"status\":\"red\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int httpPort() {
        return httpPort;
    }

    Duration startup() {
        return startup;
    }

    /** The test's own request (JSON body or none); this client may write. */
    HttpResponse<String> request(String method, String path, String json) throws IOException, InterruptedException {
        return send(httpPort, method, path, json);
    }

    private static HttpResponse<String> send(int httpPort, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json");
        builder.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.close();
        LocalProcess.deleteTree(home);
    }

    /** Extracts the zip (entries under one top directory) and makes bin/ executable; returns that top directory. */
    private static Path unzip(Path zip, Path into) throws IOException {
        Path top = null;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("zip entry outside the target directory: " + entry.getName());
                }
                if (top == null) {
                    top = into.resolve(into.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (target.getParent().getFileName().toString().equals("bin")) {
                    target.toFile().setExecutable(true, false);
                }
            }
        }
        if (top == null) {
            throw new IOException("empty zip: " + zip);
        }
        return top;
    }
}
