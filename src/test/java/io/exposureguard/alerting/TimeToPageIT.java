package io.exposureguard.alerting;

import io.exposureguard.bench.ChurnBench;
import io.exposureguard.testing.AlertReceiver;
import io.exposureguard.testing.Daemon;
import io.exposureguard.testing.InstalledTools;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.exposureguard.kube.ClusterFixtures.apply;
import static io.exposureguard.kube.ClusterFixtures.exposedMemcached;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * Time to page at the shipped settings, with the real programs: from the API write that opens a critical exposure to
 * the Alertmanager notification reaching the owning team's webhook. Nothing is shortened: the operator runs with the
 * chart's {@code operator.debounce} and {@code operator.auditInterval}, Prometheus scrapes at the chart's
 * {@code metrics.serviceMonitor.interval} and loads the shipped rules file as it is, and Alertmanager runs the routing
 * tree docs/alerting.md recommends (only its webhook URL points here).
 * <p>
 * Each sample opens an exposure in a namespace of its own, so each is the first page of its Alertmanager group (the
 * case docs/alerting.md budgets), and writes at a random phase of the scrape interval. {@code -Dtime-to-page.samples=N} takes N samples (1 by default; {@code make
 * bench-page} takes 20); the times go to the log and to target/time-to-page.txt with p50/p99/max. Timings are not
 * asserted beyond a generous sanity bound: this machine is shared, the figures are for docs/benchmarks.md.
 * Needs Debian's {@code prometheus} and {@code prometheus-alertmanager}, as OnCallEndToEndIT.
 */
@QuarkusTest
@WithKubernetesTestServer
@TestProfile(TimeToPageIT.ShippedOperatorSettings.class)
class TimeToPageIT {

    private static final Logger LOG = Logger.getLogger(TimeToPageIT.class);
    private static final Path RULES = Path.of("deploy", "helm", "exposure-guard", "files", "alert-rules.yaml");
    private static final Path VALUES = Path.of("deploy", "helm", "exposure-guard", "values.yaml");
    private static final Path ALERTING_DOC = Path.of("docs", "alerting.md");
    private static final Path REPORT = Path.of("target", "time-to-page.txt");
    /** The first yaml block after this heading is the recommended Alertmanager configuration. */
    private static final String ROUTE_HEADING = "## Route on `team` in Alertmanager";
    private static final String DOC_WEBHOOK = "http://payments-pager.example.internal/alerts";
    private static final String PROMETHEUS = "prometheus";
    private static final String[] ALERTMANAGER = {"prometheus-alertmanager", "alertmanager"};
    private static final String PURPOSE = "to measure the time to page";

    private static final int SAMPLES = Integer.getInteger("time-to-page.samples", 1);
    /** Not a performance target (that is docs/alerting.md's minute), only "it pages at all, in reasonable time". */
    private static final Duration SANITY = Duration.ofMinutes(5);
    private static final Duration FIRST_SCRAPE = Duration.ofMinutes(1);
    private static final Duration SCRAPE_INTERVAL = DurationConverter.parseDuration(chartValue("metrics", "serviceMonitor", "interval"));

    private static final String ALERT = "DatastoreExposedWithoutAuth";
    private static final String TEAM = "payments";
    private static final String NAMESPACE_PREFIX = "eg-page-";

    private static final List<Daemon> DAEMONS = new CopyOnWriteArrayList<>();
    private static Path work;
    private static AlertReceiver receiver;
    private static Daemon alertmanager;
    private static Daemon prometheus;

    @Inject
    KubernetesClient client;

    /** The operator's timing settings as the chart ships them (the test profile's own are faster). */
    public static class ShippedOperatorSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("exposure-guard.debounce", chartValue("operator", "debounce"),
                    "exposure-guard.audit-interval", chartValue("operator", "auditInterval"));
        }
    }

    @BeforeEach
    void bothProgramsAreInstalledAndRunning() throws Exception {
        InstalledTools.require("prometheus", PURPOSE, PROMETHEUS);
        InstalledTools.require("prometheus-alertmanager", PURPOSE, ALERTMANAGER);
        if (work == null) {
            start(InstalledTools.find(PROMETHEUS).orElseThrow(), InstalledTools.find(ALERTMANAGER).orElseThrow());
        }
    }

    private static void start(Path prometheusBinary, Path alertmanagerBinary) throws Exception {
        work = Files.createTempDirectory("eg-page");
        receiver = AlertReceiver.start();

        Path alertmanagerConfig = Files.writeString(work.resolve("alertmanager.yml"), recommendedAlertmanagerConfig(receiver.url()));
        Files.createDirectories(work.resolve("alertmanager-data"));
        alertmanager = Daemon.start(work, "alertmanager", port -> List.of(alertmanagerBinary.toString(),
                "--config.file=" + alertmanagerConfig,
                "--storage.path=" + work.resolve("alertmanager-data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="), DAEMONS);

        int operatorPort = URI.create(io.exposureguard.testing.Management.uri()).getPort();
        // No evaluation_interval: the findings group sets its own, as it must for any Prometheus it is loaded into.
        Path prometheusConfig = Files.writeString(work.resolve("prometheus.yml"), """
                global:
                  scrape_interval: %s
                rule_files: ['%s']
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                  - job_name: exposure-guard
                    metrics_path: /q/metrics
                    honor_labels: true
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(chartValue("metrics", "serviceMonitor", "interval"), RULES.toAbsolutePath(),
                alertmanager.port(), operatorPort));
        prometheus = Daemon.start(work, "prometheus", port -> List.of(prometheusBinary.toString(),
                "--config.file=" + prometheusConfig,
                "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port), DAEMONS);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        List<Daemon> started = new ArrayList<>(DAEMONS);
        Collections.reverse(started);
        started.forEach(Daemon::stop);
        DAEMONS.clear();
        if (receiver != null) {
            receiver.stop();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aCriticalExposurePagesTheOwningTeamWithItsLabelsAtTheShippedSettings() throws IOException, InterruptedException {
        List<String> namespaces = new ArrayList<>();
        try {
            within(FIRST_SCRAPE, "Prometheus scrapes the operator's /q/metrics", () -> assertThat(prometheus.query("up{job=\"exposure-guard\"}"))
                    .singleElement().satisfies(s -> assertThat(s.path("value").get(1).asText()).isEqualTo("1")));

            double[] seconds = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                String namespace = NAMESPACE_PREFIX + (i + 1);
                namespaces.add(namespace);
                apply(client, """
                        apiVersion: v1
                        kind: Namespace
                        metadata: {name: %s, labels: {team: %s}}
                        """.formatted(namespace, TEAM));

                // Scrapes and evaluations tick every interval; the previous page arrived at a fixed phase after one
                // (group_wait after an evaluation), so start each write at a random phase, or the samples are biased.
                Thread.sleep(ThreadLocalRandom.current().nextLong(SCRAPE_INTERVAL.toMillis()));
                long written = System.nanoTime();
                apply(client, exposedMemcached(namespace, "LoadBalancer"));
                within(SANITY, "the team's receiver gets " + ALERT + " firing for " + namespace,
                        () -> assertThat(receiver.alerts("firing", ALERT, namespace)).isNotEmpty());
                seconds[i] = (System.nanoTime() - written) / 1e9;
                LOG.infof("sample %d/%d: %s paged %.1f s after the write", i + 1, SAMPLES, namespace, seconds[i]);

                assertThat(AlertReceiver.labels(receiver.alerts("firing", ALERT, namespace).get(0))).isEqualTo(Map.of(
                        "alertname", ALERT, "namespace", namespace, "team", TEAM,
                        "rule", "EG-EXP-001", "severity", "critical", "kind", "Service"));
            }
            report(seconds);
        } finally {
            for (String ns : namespaces) {
                client.services().inNamespace(ns).withName("cache").delete();
                client.apps().deployments().inNamespace(ns).withName("cache").delete();
                client.namespaces().withName(ns).delete();
            }
        }
    }

    // ---------------------------------------------------------------- shipped settings

    /** A value of the chart's values.yaml, as text (a duration such as 15s stays 15s). */
    @SuppressWarnings("unchecked")
    static String chartValue(String... path) {
        try {
            Object node = new Yaml().load(Files.readString(VALUES));
            for (String key : path) {
                assertThat(node).as("%s: %s", VALUES, String.join(".", path)).isInstanceOf(Map.class);
                node = ((Map<String, Object>) node).get(key);
            }
            assertThat(node).as("%s: %s", VALUES, String.join(".", path)).isNotNull();
            return node.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/alerting.md's recommended Alertmanager configuration, its example webhook replaced by {@code webhook}. */
    static String recommendedAlertmanagerConfig(String webhook) throws IOException {
        String doc = Files.readString(ALERTING_DOC);
        int heading = doc.indexOf(ROUTE_HEADING);
        assertThat(heading).as("%s has a section %s", ALERTING_DOC, ROUTE_HEADING).isNotNegative();
        Matcher block = Pattern.compile("(?s)```yaml\n(.*?)```").matcher(doc);
        assertThat(block.find(heading)).as("a yaml block after %s in %s", ROUTE_HEADING, ALERTING_DOC).isTrue();
        String config = block.group(1);
        assertThat(config).as("the recommended configuration in %s", ALERTING_DOC).contains("group_wait:", DOC_WEBHOOK);
        return config.replace(DOC_WEBHOOK, webhook);
    }

    private static void report(double[] seconds) throws IOException {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        String summary = String.format(Locale.ROOT,
                "time to page at shipped settings (scrape %s, rules as shipped, Alertmanager route of docs/alerting.md, debounce %s):"
                        + " %d samples: p50 %.1f s / p99 %.1f s / max %.1f s (min %.1f s)%n",
                chartValue("metrics", "serviceMonitor", "interval"), chartValue("operator", "debounce"), sorted.length,
                ChurnBench.percentile(sorted, 50), ChurnBench.percentile(sorted, 99), sorted[sorted.length - 1], sorted[0]);
        LOG.info(summary.trim());
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, summary);
    }

    /** Awaits the assertion; on timeout fails with what the receiver, Prometheus and Alertmanager saw. */
    private static void within(Duration timeout, String what, ThrowingRunnable assertion) {
        try {
            await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            StringBuilder saw = new StringBuilder(receiver.describe());
            saw.append("== Prometheus alerts\n").append(prometheus.get("/api/v1/alerts").orElse("(no answer)")).append('\n');
            saw.append("== Alertmanager alert groups\n").append(alertmanager.get("/api/v2/alerts/groups").orElse("(no answer)")).append('\n');
            DAEMONS.forEach(d -> saw.append(d.logTail()));
            fail("%s: not within %d s (%s)%n%s", what, timeout.toSeconds(), e.getMessage(), saw);
        }
    }
}
