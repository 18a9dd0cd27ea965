package io.exposureguard.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exposureguard.testing.InstalledTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The alert rules and the Grafana dashboard the Helm chart ships: the real {@code promtool} accepts the rules
 * and runs their unit tests (src/test/resources/alerts/alert-rules-test.yaml); every alert carries the labels
 * Alertmanager routes on and a runbook that exists, and docs/alerting.md lists it; rules and dashboard query only
 * metrics docs/metrics.md documents. The promtool tests skip visibly where promtool is not installed, and fail in CI.
 */
class AlertRulesIT {

    private static final Path RULES = Path.of("deploy", "helm", "exposure-guard", "files", "alert-rules.yaml");
    /** Its rule_files entry is relative to its own directory, so promtool runs it here, not from target/. */
    private static final Path RULE_TESTS = Path.of("src", "test", "resources", "alerts", "alert-rules-test.yaml");
    private static final Path DASHBOARD = Path.of("deploy", "helm", "exposure-guard", "files", "grafana-dashboard.json");
    private static final Path METRICS_DOC = Path.of("docs", "metrics.md");
    private static final Path ALERTING_DOC = Path.of("docs", "alerting.md");
    private static final Path RUNBOOKS = Path.of("docs", "runbooks");
    private static final String RUNBOOK_URL = "https://github.com/exposure-guard/exposure-guard/blob/main/docs/runbooks/";
    private static final List<String> ROUTING_LABELS = List.of("namespace", "team", "rule", "severity");
    private static final long PROMTOOL_TIMEOUT_SECONDS = 60;

    /** Series Prometheus writes itself for every scrape target. */
    private static final Set<String> PROMETHEUS_OWN_METRICS = Set.of("up");

    @Test
    void promtoolAcceptsTheRulesFile() throws Exception {
        Run run = promtool("check", "rules", RULES.toString());

        assertThat(run.exitCode()).as(run.report()).isZero();
    }

    @Test
    void everyAlertFiresAndStaysSilentExactlyAsItsPromtoolUnitTestsExpect() throws Exception {
        Run run = promtool("test", "rules", RULE_TESTS.toString());

        assertThat(run.exitCode()).as(run.report()).isZero();
    }

    @Test
    void everyAlertHasAUnitTestWhereItFiresAndOneWhereItStaysSilent() throws IOException {
        Set<String> firing = new TreeSet<>();
        Set<String> silent = new TreeSet<>();
        for (Map<String, Object> test : list(yaml(RULE_TESTS).get("tests"))) {
            for (Map<String, Object> check : list(test.get("alert_rule_test"))) {
                String alert = (String) check.get("alertname");
                (list(check.get("exp_alerts")).isEmpty() ? silent : firing).add(alert);
            }
        }

        Set<String> alerts = alerts().stream().map(Alert::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(firing).as("alerts with a firing case").isEqualTo(alerts);
        assertThat(silent).as("alerts with a silent case").isEqualTo(alerts);
    }

    /**
     * The time-to-page budget (docs/alerting.md) takes one scrape plus one evaluation of the findings group: the group
     * is evaluated as often as the chart scrapes, and its promtool tests evaluate at that same interval.
     */
    @Test
    void theFindingsGroupIsEvaluatedAsOftenAsTheChartScrapesAndItsPromtoolTestsEvaluate() throws IOException {
        Object findingsInterval = list(yaml(RULES).get("groups")).stream()
                .filter(g -> "exposure-guard.findings".equals(g.get("name"))).findFirst().orElseThrow().get("interval");

        assertThat(List.of(TimeToPageIT.chartValue("metrics", "serviceMonitor", "interval"),
                TimeToPageIT.chartValue("metrics", "podMonitor", "interval"),
                String.valueOf(yaml(RULE_TESTS).get("evaluation_interval"))))
                .as("ServiceMonitor and PodMonitor intervals, promtool evaluation_interval")
                .containsOnly(String.valueOf(findingsInterval));
    }

    /** A label comes from the rule's labels, or from the metric when the expression keeps it in by (...). */
    @Test
    void everyAlertCarriesNamespaceTeamRuleAndSeverity() throws IOException {
        assertThat(alerts()).allSatisfy(alert -> {
            Set<String> carried = new TreeSet<>(alert.labels().keySet());
            Matcher by = Pattern.compile("\\bby\\s*\\(([^)]*)\\)").matcher(alert.expr());
            while (by.find()) {
                Stream.of(by.group(1).split(",")).map(String::trim).forEach(carried::add);
            }
            assertThat(carried).as(alert.name()).containsAll(ROUTING_LABELS);
        });
    }

    /** The chart replaces the exact text "team: platform" with its configured team. */
    @Test
    void operatorAlertsNameTheirTeamAsTheLiteralTeamPlatformTheChartSubstitutes() throws IOException {
        List<Alert> withOwnTeam = alerts().stream().filter(a -> a.labels().containsKey("team")).toList();
        List<String> teamLines = Files.readAllLines(RULES).stream().map(String::trim)
                .filter(line -> line.startsWith("team:")).toList();

        assertThat(withOwnTeam).isNotEmpty().allSatisfy(a -> assertThat(a.labels()).as(a.name()).containsEntry("team", "platform"));
        assertThat(teamLines).hasSize(withOwnTeam.size()).containsOnly("team: platform");
    }

    @Test
    void everyAlertLinksToItsOwnRunbookWhichExists() throws IOException {
        assertThat(alerts()).allSatisfy(alert -> {
            assertThat(alert.annotations()).as(alert.name()).containsEntry("runbook_url", RUNBOOK_URL + alert.name() + ".md");
            assertThat(RUNBOOKS.resolve(alert.name() + ".md")).as(alert.name()).isRegularFile();
        });
    }

    @Test
    void theAlertingGuideListsExactlyTheShippedAlerts() throws IOException {
        Set<String> listed = Pattern.compile("(?m)^\\| \\[(\\w+)]\\(runbooks/\\1\\.md\\) \\|").matcher(Files.readString(ALERTING_DOC))
                .results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));

        assertThat(listed).as("alerts in the table of %s", ALERTING_DOC)
                .isEqualTo(alerts().stream().map(Alert::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void everyAlertHasASummaryAndADescription() throws IOException {
        assertThat(alerts()).allSatisfy(alert -> assertThat(alert.annotations()).as(alert.name())
                .hasEntrySatisfying("summary", s -> assertThat(s).isNotBlank())
                .hasEntrySatisfying("description", d -> assertThat(d).isNotBlank()));
    }

    @Test
    void alertRulesQueryOnlyDocumentedMetrics() throws IOException {
        Set<String> used = new TreeSet<>(mentionedMetrics(Files.readString(RULES)));
        alerts().forEach(alert -> used.addAll(metricNames(alert.expr())));

        assertThat(used).contains("exposureguard_exposures", "up");
        assertThat(undocumented(used)).as("metrics used in %s but not in %s", RULES, METRICS_DOC).isEmpty();
    }

    @Test
    void dashboardQueriesOnlyDocumentedMetrics() throws IOException {
        Set<String> used = new TreeSet<>(mentionedMetrics(Files.readString(DASHBOARD)));
        dashboardPanelQueries().forEach(q -> used.addAll(metricNames(q)));
        dashboardVariableQueries().forEach(q -> used.addAll(metricNames(q)));

        assertThat(used).contains("exposureguard_exposures", "exposureguard_admission_duration_seconds_bucket");
        assertThat(undocumented(used)).as("metrics used in %s but not in %s", DASHBOARD, METRICS_DOC).isEmpty();
    }

    /** A timer's _bucket exists only where docs/metrics.md says it has a histogram; counters are listed with _total. */
    @Test
    void documentedNamesIncludeOnlyTheSuffixesEachMetricsTypeLists() throws IOException {
        Set<String> documented = documentedMetrics();

        assertThat(documented).contains("exposureguard_admission_duration_seconds_bucket",
                "exposureguard_admission_duration_seconds_count", "exposureguard_audit_duration_seconds_sum",
                "exposureguard_audit_duration_seconds_max", "exposureguard_audit_runs_total");
        assertThat(documented).doesNotContain("exposureguard_audit_duration_seconds_bucket", "exposureguard_audit_runs",
                "exposureguard_exposures_total");
    }

    @Test
    void everyDashboardQueryIsValidPromQL(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (String query : dashboardPanelQueries()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("record", "dashboard_query_" + rules.size());
            // Grafana fills these in: ranges like $__rate_interval, and the multi-value $team / $namespace regexes.
            rule.put("expr", query.replaceAll("\\$__\\w+", "5m").replaceAll("\\$\\w+", ".*"));
            rules.add(rule);
        }
        Path asRules = dir.resolve("dashboard-queries.yaml");
        Files.writeString(asRules, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));

        Run run = promtool("check", "rules", asRules.toString());

        assertThat(rules).isNotEmpty();
        assertThat(run.exitCode()).as(run.report() + "\n" + Files.readString(asRules)).isZero();
    }

    @Test
    void dashboardQueriesGoToTheDataSourceChosenInItsDatasourceVariable() throws IOException {
        JsonNode dashboard = dashboard();
        JsonNode variable = variable(dashboard, "datasource");

        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        assertThat(panels(dashboard)).filteredOn(p -> !p.path("type").asText().equals("row")).isNotEmpty()
                .allSatisfy(panel -> {
                    assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
                    assertThat(panel.path("targets")).allSatisfy(t -> assertThat(t.path("datasource").path("uid").asText())
                            .as(panel.path("title").asText()).isEqualTo("${datasource}"));
                });
    }

    @Test
    void dashboardFiltersByTeamAndNamespaceTakenFromTheExposuresGauge() throws IOException {
        JsonNode dashboard = dashboard();

        assertThat(query(variable(dashboard, "team"))).isEqualTo("label_values(exposureguard_exposures, team)");
        assertThat(query(variable(dashboard, "namespace"))).startsWith("label_values(exposureguard_exposures").endsWith(", namespace)");
        assertThat(dashboardPanelQueries()).filteredOn(q -> q.contains("exposureguard_exposures")).isNotEmpty()
                .allSatisfy(q -> assertThat(q).contains("team=~\"$team\"", "namespace=~\"$namespace\""));
    }

    // ---------------------------------------------------------------- promtool

    private record Run(List<String> command, int exitCode, String output) {
        String report() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
        }
    }

    /** Runs promtool from the project root; where it is missing, skips the test, or fails it in CI. */
    private static Run promtool(String... args) throws IOException, InterruptedException {
        Path promtool = InstalledTools.require("prometheus", "to run the alert rule checks", "promtool");

        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("promtool", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = process.waitFor(PROMTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String printed = Files.readString(output);
            assertThat(finished).as("%s did not finish within %d s; it printed:%n%s", command, PROMTOOL_TIMEOUT_SECONDS, printed).isTrue();
            return new Run(command, process.exitValue(), printed);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    // ---------------------------------------------------------------- rules file

    private record Alert(String name, String expr, Map<String, String> labels, Map<String, String> annotations) {
    }

    private static List<Alert> alerts() throws IOException {
        List<Alert> alerts = new ArrayList<>();
        for (Map<String, Object> group : list(yaml(RULES).get("groups"))) {
            for (Map<String, Object> rule : list(group.get("rules"))) {
                if (rule.containsKey("alert")) {
                    alerts.add(new Alert((String) rule.get("alert"), String.valueOf(rule.get("expr")),
                            strings(rule.get("labels")), strings(rule.get("annotations"))));
                }
            }
        }
        assertThat(alerts).as("alerts in %s", RULES).isNotEmpty();
        return alerts;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object yaml) {
        return yaml == null ? List.of() : (List<Map<String, Object>>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object yaml) {
        Map<String, String> out = new LinkedHashMap<>();
        if (yaml != null) {
            ((Map<String, Object>) yaml).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    // ---------------------------------------------------------------- dashboard

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /** Panels, including those inside collapsed rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        });
        return panels;
    }

    private static List<String> dashboardPanelQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        panels(dashboard()).forEach(p -> p.path("targets").forEach(t -> {
            if (t.hasNonNull("expr")) {
                queries.add(t.get("expr").asText());
            }
        }));
        return queries;
    }

    private static List<String> dashboardVariableQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        dashboard().path("templating").path("list").forEach(v -> {
            if (v.path("type").asText().equals("query")) {
                queries.add(query(v));
            }
        });
        return queries;
    }

    private static JsonNode variable(JsonNode dashboard, String name) {
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        return fail("dashboard has no template variable " + name);
    }

    /** A query variable's query: a string in older dashboards, an object with "query" in newer ones. */
    private static String query(JsonNode variable) {
        JsonNode q = variable.path("query");
        return q.isObject() ? q.path("query").asText() : q.asText();
    }

    // ---------------------------------------------------------------- metric names

    private static final Pattern METRICS_TABLE_ROW = Pattern.compile("^\\|\\s*`([a-zA-Z_:][a-zA-Z0-9_:]*)`\\s*\\|([^|]*)\\|");
    private static final Pattern SUFFIX = Pattern.compile("`(_[a-z]+)`");
    private static final Set<String> PROMQL_KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    /** Names in the first column of docs/metrics.md's table, plus each suffix form (`_bucket`, ...) its type column lists. */
    private static Set<String> documentedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(METRICS_DOC)) {
            Matcher row = METRICS_TABLE_ROW.matcher(line);
            if (row.find()) {
                names.add(row.group(1));
                Matcher suffix = SUFFIX.matcher(row.group(2));
                while (suffix.find()) {
                    names.add(row.group(1) + suffix.group(1));
                }
            }
        }
        assertThat(names).as("metric names in %s", METRICS_DOC).isNotEmpty();
        return names;
    }

    private static Set<String> undocumented(Set<String> used) throws IOException {
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(documentedMetrics());
        missing.removeAll(PROMETHEUS_OWN_METRICS);
        return missing;
    }

    /** Every exposureguard_* name anywhere in a file: comments, and queries inside alert templates. */
    private static Set<String> mentionedMetrics(String text) {
        return Pattern.compile("\\bexposureguard_[a-z0-9_]+").matcher(text).results().map(m -> m.group())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The metric names a PromQL (or Grafana label_values) query selects: identifiers left once strings, label
     * matchers, ranges and grouping lists are removed, that are neither functions nor keywords.
     */
    private static Set<String> metricNames(String query) {
        String q = query
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'", "\"\"")
                .replaceAll("label_values\\(\\s*([^,()]*),\\s*\\w+\\s*\\)", "$1")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^\\]]*\\]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()").matcher(q);
        while (identifier.find()) {
            if (!PROMQL_KEYWORDS.contains(identifier.group(1).toLowerCase())) {
                names.add(identifier.group(1));
            }
        }
        return names;
    }
}
