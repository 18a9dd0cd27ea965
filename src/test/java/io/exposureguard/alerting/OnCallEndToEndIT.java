package io.exposureguard.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exposureguard.testing.AlertReceiver;
import io.exposureguard.testing.Daemon;
import io.exposureguard.testing.InstalledTools;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.exposureguard.kube.ClusterFixtures.apply;
import static io.exposureguard.kube.ClusterFixtures.exposedMemcached;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The on-call path end to end, with the real programs: the operator (against the mock API server) finds an
 * exposure and exports it on /q/metrics; a real Prometheus scrapes it and evaluates the shipped alert rules;
 * a real Alertmanager routes on {@code team} to the owning team's webhook (a JDK HTTP server here), which gets
 * the alert firing, then resolved once the exposure is fixed. Another team's identical alert goes elsewhere.
 * <p>
 * Everything listens on 127.0.0.1 only. Prometheus and Alertmanager are Debian's {@code prometheus} and
 * {@code prometheus-alertmanager}: missing, the test is skipped (and fails where env CI is set).
 */
@QuarkusTest
@WithKubernetesTestServer
class OnCallEndToEndIT {

    private static final Logger LOG = Logger.getLogger(OnCallEndToEndIT.class);
    private static final Path RULES = Path.of("deploy", "helm", "exposure-guard", "files", "alert-rules.yaml");
    private static final Pattern FOR_LINE = Pattern.compile("(?m)^(\\s+)for: \\S+$");
    private static final String SHORT_FOR = "1s";
    private static final String PROMETHEUS = "prometheus";
    /** Debian's name, then upstream's. */
    private static final String[] ALERTMANAGER = {"prometheus-alertmanager", "alertmanager"};
    private static final String PURPOSE = "to run the on-call end-to-end test";

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private static final String ALERT = "DatastoreExposedWithoutAuth";
    private static final String TEAM = "payments";
    private static final String NAMESPACE = "eg-oncall-payments";
    private static final String OTHER_TEAM = "search";
    private static final String OTHER_NAMESPACE = "eg-oncall-search";
    private static final String TEAM_RECEIVER = "payments-pager";
    private static final String DEFAULT_RECEIVER = "black-hole";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<Daemon> DAEMONS = new CopyOnWriteArrayList<>();
    private static Path work;
    private static AlertReceiver receiver;
    private static Daemon alertmanager;
    private static Daemon prometheus;

    @Inject
    KubernetesClient client;

    /**
     * Here, not in @BeforeAll: surefire reports a skipped test, but not a class skipped before its first test;
     * and only here has Quarkus told RestAssured which (free) port the operator listens on. Started once.
     */
    @BeforeEach
    void bothProgramsAreInstalledAndRunning() throws Exception {
        InstalledTools.require("prometheus", PURPOSE, PROMETHEUS);
        InstalledTools.require("prometheus-alertmanager", PURPOSE, ALERTMANAGER);
        if (work == null) {
            start(InstalledTools.find(PROMETHEUS).orElseThrow(), InstalledTools.find(ALERTMANAGER).orElseThrow());
        }
    }

    private static void start(Path prometheusBinary, Path alertmanagerBinary) throws Exception {
        work = Files.createTempDirectory("eg-oncall");

        receiver = AlertReceiver.start();

        Path alertmanagerConfig = Files.writeString(work.resolve("alertmanager.yml"), """
                route:
                  receiver: %s
                  group_by: [alertname, team, namespace]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 24h
                  routes:
                    - matchers: ['team="%s"']
                      receiver: %s
                receivers:
                  - name: %s
                  - name: %s
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(DEFAULT_RECEIVER, TEAM, TEAM_RECEIVER, DEFAULT_RECEIVER, TEAM_RECEIVER,
                receiver.url()));
        Files.createDirectories(work.resolve("alertmanager-data"));
        alertmanager = Daemon.start(work, "alertmanager", port -> List.of(alertmanagerBinary.toString(),
                "--config.file=" + alertmanagerConfig,
                "--storage.path=" + work.resolve("alertmanager-data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address="), DAEMONS);

        Path rules = Files.writeString(work.resolve("alert-rules.yaml"), shortenFor(Files.readString(RULES)));
        int operatorPort = URI.create(io.exposureguard.testing.Management.uri()).getPort(); // the management port Quarkus bound (0 in config: a free one)
        Path prometheusConfig = Files.writeString(work.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
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
                """.formatted(rules, alertmanager.port(), operatorPort));
        prometheus = Daemon.start(work, "prometheus", port -> List.of(prometheusBinary.toString(),
                "--config.file=" + prometheusConfig,
                "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port), DAEMONS);
    }

    @AfterAll
    static void stopEverything() {
        // Prometheus first, so it does not log failed sends to a stopped Alertmanager.
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
            } catch (IOException e) {
                LOG.warnf("could not delete %s: %s", work, e.getMessage());
            }
        }
    }

    /**
     * Prometheus loads a copy of the shipped rules in which only the {@code for:} durations are 1s: the promtool
     * unit tests (AlertRulesIT) already prove the real durations, and waiting them out here would take minutes.
     * Expressions, labels and annotations are the shipped rules, byte for byte (the other lines are untouched),
     * which this test checks on the parsed files and on what Prometheus reports it loaded.
     */
    @Test
    void prometheusEvaluatesTheShippedRulesWithOnlyTheirForDurationsShortened() throws Exception {
        String shipped = Files.readString(RULES);
        String loaded = shortenFor(shipped);

        assertThat(withoutFor(loaded)).isEqualTo(withoutFor(shipped));
        assertThat(FOR_LINE.matcher(loaded).results().map(m -> m.group().trim()))
                .hasSameSizeAs(FOR_LINE.matcher(shipped).results().toList())
                .isNotEmpty()
                .containsOnly("for: " + SHORT_FOR);

        JsonNode groups = JSON.readTree(prometheus.get("/api/v1/rules").orElseThrow()).path("data").path("groups");
        Map<String, Double> durations = new LinkedHashMap<>();
        groups.forEach(g -> g.path("rules").forEach(r -> durations.put(r.path("name").asText(), r.path("duration").asDouble())));
        assertThat(durations).as("alerting rules Prometheus loaded, and their for durations in seconds")
                .containsOnlyKeys(alertNames(shipped))
                .allSatisfy((name, seconds) -> assertThat(seconds).as(name).isEqualTo(1.0));
    }

    @Test
    void anExposureAlertsTheOwningTeamThroughAlertmanagerAndResolvesOnceFixed() {
        try {
            within(START, "Prometheus scrapes the operator's /q/metrics", () -> assertThat(prometheus.query("up{job=\"exposure-guard\"}"))
                    .singleElement().satisfies(s -> assertThat(s.path("value").get(1).asText()).isEqualTo("1")));
            LOG.info("Prometheus scrapes the operator");

            long exposed = System.nanoTime();
            apply(client, namespace(NAMESPACE, TEAM));
            apply(client, namespace(OTHER_NAMESPACE, OTHER_TEAM));
            apply(client, exposedMemcached(NAMESPACE, "LoadBalancer"));
            apply(client, exposedMemcached(OTHER_NAMESPACE, "LoadBalancer"));

            within(DELIVERY, "the team's receiver gets " + ALERT + " firing for " + NAMESPACE,
                    () -> assertThat(notified("firing")).isNotEmpty());
            LOG.infof("%s firing delivered %d ms after the exposure appeared", ALERT, millisSince(exposed));
            JsonNode firing = notified("firing").get(0);
            assertThat(AlertReceiver.labels(firing)).isEqualTo(Map.of("alertname", ALERT, "namespace", NAMESPACE, "team", TEAM,
                    "rule", "EG-EXP-001", "severity", "critical", "kind", "Service"));
            assertThat(firing.path("annotations").path("summary").asText())
                    .isEqualTo("Datastore reachable without authentication in " + NAMESPACE + " (EG-EXP-001, critical)");
            assertThat(firing.path("annotations").path("runbook_url").asText()).endsWith("/docs/runbooks/" + ALERT + ".md");

            // The other team's identical alert reached Alertmanager too, and went to the default receiver.
            within(DELIVERY, "Alertmanager routes " + OTHER_NAMESPACE + "'s alert to " + DEFAULT_RECEIVER,
                    () -> assertThat(alertmanager.groups()).anySatisfy(group -> {
                        assertThat(group.path("receiver").path("name").asText()).isEqualTo(DEFAULT_RECEIVER);
                        assertThat(group.path("labels").path("namespace").asText()).isEqualTo(OTHER_NAMESPACE);
                        assertThat(group.path("labels").path("team").asText()).isEqualTo(OTHER_TEAM);
                    }));

            long fixed = System.nanoTime();
            client.services().inNamespace(NAMESPACE).withName("cache").edit(s -> {
                s.getSpec().setType("ClusterIP");
                return s;
            });

            within(DELIVERY, "the team's receiver gets " + ALERT + " resolved for " + NAMESPACE,
                    () -> assertThat(notified("resolved")).isNotEmpty());
            LOG.infof("%s resolved delivered %d ms after the fix", ALERT, millisSince(fixed));
            assertThat(AlertReceiver.labels(notified("resolved").get(0))).isEqualTo(AlertReceiver.labels(firing));

            assertThat(receiver.unreadable()).as("payloads the receiver could not parse").isEmpty();
            assertThat(receiver.notifications()).as("everything the team's receiver got").allSatisfy(n -> {
                assertThat(n.path("receiver").asText()).isEqualTo(TEAM_RECEIVER);
                n.path("alerts").forEach(a -> assertThat(a.path("labels").path("team").asText())
                        .as("team of %s", a.path("labels")).isEqualTo(TEAM));
            });
        } finally {
            for (String ns : List.of(NAMESPACE, OTHER_NAMESPACE)) {
                client.services().inNamespace(ns).withName("cache").delete();
                client.apps().deployments().inNamespace(ns).withName("cache").delete();
                client.namespaces().withName(ns).delete();
            }
        }
    }

    // ---------------------------------------------------------------- the rules Prometheus loads

    static String shortenFor(String rules) {
        return FOR_LINE.matcher(rules).replaceAll("$1for: " + SHORT_FOR);
    }

    /** The parsed rules file with every rule's {@code for} removed. */
    @SuppressWarnings("unchecked")
    private static Object withoutFor(String rules) {
        Map<String, Object> parsed = new Yaml().load(rules);
        for (Map<String, Object> group : (List<Map<String, Object>>) parsed.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rule.remove("for");
            }
        }
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertNames(String rules) {
        Map<String, Object> parsed = new Yaml().load(rules);
        List<String> names = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) parsed.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                names.add((String) rule.get("alert"));
            }
        }
        return names;
    }

    // ---------------------------------------------------------------- the team's receiver

    /** The alerts with this status that reached the team's receiver for the team's namespace. */
    private static List<JsonNode> notified(String status) {
        return receiver.alerts(status, ALERT, NAMESPACE);
    }

    // ---------------------------------------------------------------- helpers

    private static String namespace(String name, String team) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata: {name: %s, labels: {team: %s}}
                """.formatted(name, team);
    }

    /** Awaits the assertion; on timeout fails with everything the receiver, Prometheus and Alertmanager saw. */
    private static void within(Duration timeout, String what, ThrowingRunnable assertion) {
        try {
            await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            fail("%s: not within %d s (%s)%n%s", what, timeout.toSeconds(), e.getMessage(), whatTheStackSaw());
        }
    }

    private static String whatTheStackSaw() {
        StringBuilder out = new StringBuilder();
        if (receiver != null) {
            out.append(receiver.describe());
        }
        if (prometheus != null) {
            out.append("== Prometheus targets\n").append(prometheus.get("/api/v1/targets?state=active").orElse("(no answer)")).append('\n');
            out.append("== Prometheus exposureguard_exposures for eg-oncall-*\n")
                    .append(prometheus.get("/api/v1/query?query=" + Daemon.encode("exposureguard_exposures{namespace=~\"eg-oncall-.*\"}"))
                            .orElse("(no answer)")).append('\n');
            out.append("== Prometheus alerts\n").append(prometheus.get("/api/v1/alerts").orElse("(no answer)")).append('\n');
        }
        if (alertmanager != null) {
            out.append("== Alertmanager alert groups\n").append(alertmanager.get("/api/v2/alerts/groups").orElse("(no answer)")).append('\n');
        }
        DAEMONS.forEach(d -> out.append(d.logTail()));
        return out.toString();
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
