package io.exposureguard.bench;

import io.exposureguard.cli.ScanCommand;
import io.exposureguard.testing.HeadlessChromium;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTML report of a large cluster: {@code findings} exposed datastores (default 10,000: one LoadBalancer Service
 * and one Redis or Memcached Deployment each, over 200 namespaces), scanned to one page; then the page opened from disk
 * in headless Chromium {@code runs} times (default 5). Prints the file size, the JSON report's size for comparison,
 * and per load the time to the first cards and to all cards drawn (the page's own performance.now(), from navigation
 * start). Goals (issue "See the exposure"): under 5 MB and under 2 s. Run with {@code make bench} (fifth part) or
 * {@code mvn -q test-compile exec:java@report -Pbench [-Dreport.findings=10000 -Dreport.runs=5]}.
 */
public final class HtmlReportBench {

    public static void main(String[] args) throws Exception {
        int findings = Integer.getInteger("report.findings", 10_000);
        int runs = Integer.getInteger("report.runs", 5);
        Path dir = Files.createTempDirectory("eg-report-bench");
        Path input = dir.resolve("cluster.yaml");
        try (Writer w = Files.newBufferedWriter(input)) {
            for (int i = 0; i < findings; i++) {
                w.write(exposed(i));
            }
        }
        Path html = dir.resolve("report.html");
        long start = System.nanoTime();
        int exit = scan("--format", "html", "--fail-on", "never", "-o", html.toString(), input.toString());
        double scanSeconds = (System.nanoTime() - start) / 1e9;
        Path json = dir.resolve("report.json");
        scan("--format", "json", "--fail-on", "never", "-o", json.toString(), input.toString());
        String page = Files.readString(html);
        int cards = page.split("\"EG-EXP-", -1).length;
        System.out.printf("HTML report of %,d exposed datastores (%,d objects in %,d bytes of YAML), exit %d, scan %.1f s%n",
                findings, findings * 2, Files.size(input), exit, scanSeconds);
        System.out.printf("  size: HTML %.2f MB (goal < 5 MB); the JSON report of the same scan %.2f MB%n",
                Files.size(html) / 1e6, Files.size(json) / 1e6);
        List<Long> first = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        ChromeDriver chrome = HeadlessChromium.start(1280, 1600);
        try {
            for (int run = 0; run < runs; run++) {
                chrome.get("about:blank");
                chrome.get(html.toUri().toString());
                long deadline = System.nanoTime() + 120_000_000_000L;
                while (!"true".equals(chrome.executeScript("return document.documentElement.getAttribute('data-rendered')"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                first.add(Long.parseLong((String) chrome.executeScript("return document.documentElement.getAttribute('data-first-cards-ms')")));
                all.add(Long.parseLong((String) chrome.executeScript("return document.documentElement.getAttribute('data-rendered-ms')")));
                long drawn = (Long) chrome.executeScript("return document.querySelectorAll('article.card').length");
                if (drawn != findings) {
                    System.out.printf("  MISMATCH: %d cards drawn, %d findings%n", drawn, findings);
                    System.exit(1);
                }
            }
        } finally {
            chrome.quit();
        }
        System.out.printf("  Chromium load, %d runs: first cards %s ms (best %d); all %,d cards drawn (graphs as they come into view) %s ms (best %d); goal < 2000 ms%n",
                runs, first, first.stream().mapToLong(Long::longValue).min().orElse(-1), findings, all,
                all.stream().mapToLong(Long::longValue).min().orElse(-1));
        System.out.printf("  (string table: %d occurrences of a rule id in the page's data for %d findings)%n", cards - 1, findings);
    }

    private static String exposed(int i) {
        String ns = "team-" + (i % 200);
        boolean redis = i % 2 == 0;
        String name = (redis ? "redis-" : "cache-") + i;
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %2$s, namespace: %1$s}
                spec: {type: LoadBalancer, selector: {app: %2$s}, ports: [{port: %3$d}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  selector: {matchLabels: {app: %2$s}}
                  template:
                    metadata: {labels: {app: %2$s}}
                    spec: {containers: [{name: db, image: "%4$s", ports: [{containerPort: %3$d}]}]}
                ---
                """.formatted(ns, name, redis ? 6379 : 11211, redis ? "redis:7.2" : "memcached:1.6");
    }

    private static int scan(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ScanCommand.run(args, InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (exit == 2) {
            System.out.println("scan failed: " + err.toString(StandardCharsets.UTF_8));
        }
        return exit;
    }
}
