package io.exposureguard.bench;

import io.exposureguard.testing.TestHttps;
import io.exposureguard.edge.tls.BootstrapCertificate;
import java.time.Instant;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * `make bench` (third part): the packaged app (target/quarkus-app) started on loopback with watching off and webhook
 * HTTPS on (admission is served over HTTPS only),
 * then an open-loop load of 500 AdmissionReview requests/s against /validate (the 2019 incident, denied) and
 * the fixed-allow /allow baseline, in interleaved 2-second blocks, 16 s each. Reports p50/p99 latency,
 * achieved throughput and the ratio.
 */
public final class AdmissionBench {

    /** The 2019 incident as an ECK resource: a full evaluation ending in a denial with rule, path and fix. */
    private static final String REVIEW = """
            {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
             "request": {"uid": "bench", "operation": "CREATE", "namespace": "support",
               "kind": {"group": "elasticsearch.k8s.elastic.co", "version": "v1", "kind": "Elasticsearch"},
               "object": {"apiVersion": "elasticsearch.k8s.elastic.co/v1", "kind": "Elasticsearch",
                 "metadata": {"name": "support-cases", "namespace": "support"},
                 "spec": {"version": "8.15.0", "http": {"service": {"spec": {"type": "LoadBalancer"}}},
                   "nodeSets": [{"name": "default", "count": 5,
                     "config": {"node.store.allow_mmap": false, "xpack.security.enabled": false}}]}}}}
            """;

    private AdmissionBench() {
    }

    public static void main(String[] args) throws Exception {
        int port;
        int management;
        try (ServerSocket s = new ServerSocket(0); ServerSocket m = new ServerSocket(0)) {
            port = s.getLocalPort();
            management = m.getLocalPort();
        }
        // Admission is served over HTTPS only: the app reads a certificate from this folder (cert-manager mode: the
        // files are simply read, nothing is written to a cluster), as it does from the mounted Secret in a cluster.
        Path tls = Files.createTempDirectory("exposure-guard-bench-tls");
        BootstrapCertificate.writeIfMissing(tls, Instant.now());
        Path log = Files.createTempFile("exposure-guard-bench", ".log");
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("QUARKUS_PROFILE", "prod,webhook-tls");
        pb.environment().put("QUARKUS_HTTP_SSL_PORT", String.valueOf(port));
        pb.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        pb.environment().put("EXPOSURE_GUARD_WEBHOOK_TLS_MODE", "cert-manager");
        pb.environment().put("EXPOSURE_GUARD_WEBHOOK_TLS_DIR", tls.toString());
        pb.environment().put("EXPOSURE_GUARD_WATCH", "false");
        pb.environment().put("EXPOSURE_GUARD_BASELINE_ENDPOINT", "true");
        Process app = pb.start();
        try {
            HttpClient client = TestHttps.client();
            waitUntilUp(client, management);
            // Warm-up, not measured: a cold JVM (and, over HTTPS, a storm of new TLS connections on this 2-core machine)
            // answers the first few hundred reviews slowly, so ramp up and keep what goes wrong out of the figures.
            for (int rate : List.of(25, 50, 100, 250)) {
                for (String path : List.of("/allow", "/validate")) {
                    try {
                        run(client, port, path, rate, 3);
                    } catch (java.util.concurrent.CompletionException warmingUp) {
                        System.out.println("warm-up at " + rate + "/s on " + path + ": " + warmingUp.getCause().getMessage());
                    }
                }
            }
            String verdict = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/validate"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REVIEW)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (!verdict.contains("\"allowed\":false") || !verdict.contains("EG-EXP-001")) {
                throw new IllegalStateException("/validate should deny the incident, answered: " + verdict);
            }
            System.out.printf("%-10s %8s %8s %8s %10s%n", "endpoint", "p50 ms", "p99 ms", "max ms", "req/s");
            // Interleaved 2-second blocks (order alternating) so both endpoints see the same machine state.
            List<Double> validateLatencies = new ArrayList<>();
            List<Double> baselineLatencies = new ArrayList<>();
            for (int block = 0; block < 8; block++) {
                boolean validateFirst = block % 2 == 0;
                (validateFirst ? validateLatencies : baselineLatencies).addAll(run(client, port, validateFirst ? "/validate" : "/allow", 500, 2));
                (validateFirst ? baselineLatencies : validateLatencies).addAll(run(client, port, validateFirst ? "/allow" : "/validate", 500, 2));
            }
            double[] validate = summary(validateLatencies, 16);
            double[] baseline = summary(baselineLatencies, 16);
            print("/allow", baseline);
            print("/validate", validate);
            System.out.printf("ratio /validate : /allow  p50 %.2fx, p99 %.2fx%n", validate[0] / baseline[0], validate[1] / baseline[1]);
        } finally {
            app.destroy();
            app.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static void print(String name, double[] r) {
        System.out.printf("%-10s %8.2f %8.2f %8.2f %10.0f%n", name, r[0], r[1], r[2], r[3]);
    }

    private static void waitUntilUp(HttpClient client, int management) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/live")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() < 500) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the app did not start within 60 s");
    }

    /** p50, p99, max (ms) and the request rate over {@code seconds} of sending. */
    private static double[] summary(List<Double> latencies, int seconds) {
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new double[] {sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1),
                (double) sorted.size() / seconds};
    }

    /** Open loop: requests are sent on schedule whatever the latency; returns each request's latency in ms. */
    private static List<Double> run(HttpClient client, int port, String path, int rate, int seconds) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(REVIEW)).build();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long sent = System.nanoTime();
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + " answered " + r.statusCode());
                }
                latencies.add((System.nanoTime() - sent) / 1e6);
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return latencies;
    }
}
