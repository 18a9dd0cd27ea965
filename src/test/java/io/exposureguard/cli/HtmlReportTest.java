package io.exposureguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scan --format html}: one self-contained page that carries every finding with its hops, loads nothing, and
 * shows hostile names as text. (That the page draws them in a browser is {@code HtmlReportBrowserIT}.)
 */
class HtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REALWORLD = Path.of("..", "shared", "corpus", "realworld");
    private static final Path ECK = Path.of("..", "shared", "corpus", "eck");

    @TempDir
    Path dir;

    @Test
    void everyFindingOfTheScanIsInThePageWithEachHopOfItsPath() throws IOException {
        JsonNode json = JSON.readTree(scan("--format", "json", "--fail-on", "never", "deploy/examples").out());
        Page page = Page.of(scan("--format", "html", "--fail-on", "never", "deploy/examples").out());

        assertThat(json.get("findings")).hasSizeGreaterThan(10);
        assertThat(page.findings()).hasSize(json.get("findings").size());
        for (int i = 0; i < page.findings().size(); i++) {
            JsonNode expected = json.get("findings").get(i);
            JsonNode shown = page.findings().get(i);
            assertThat(page.rule(shown).get(0).asText()).isEqualTo(page.string(expected.get("ruleId").asText()));
            assertThat(page.text(shown.get(1))).isEqualTo(expected.get("severity").asText());
            assertThat(page.text(shown.get(8))).isEqualTo(expected.get("message").asText());
            assertThat(page.text(shown.get(9))).isEqualTo(expected.get("remediation").asText());
            assertThat(shown.get(13)).as("hops of finding %d", i).hasSize(expected.get("path").size());
        }
    }

    @Test
    void aDatastoreHopShowsItsAuthenticationAndItsFacts() throws IOException {
        Page page = Page.of(scan("--format", "html", "--fail-on", "never",
                "deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml").out());

        JsonNode hops = page.findings().get(0).get(13);
        JsonNode first = hops.get(0);
        JsonNode last = hops.get(hops.size() - 1);
        assertThat(page.text(first.get(0))).isEqualTo("internet");
        assertThat(page.text(last.get(0))).isEqualTo("datastore");
        assertThat(page.text(last.get(4))).isEqualTo("off");
        assertThat(page.texts(last.get(5))).anySatisfy(fact -> assertThat(fact).contains("xpack.security.enabled"));
        assertThat(page.text(hops.get(1).get(1))).isEqualTo("LoadBalancer Service");
    }

    @Test
    void summaryCountsFindingsBySeverityAndNamespace() throws IOException {
        JsonNode json = JSON.readTree(scan("--format", "json", "--fail-on", "never", "deploy/examples").out());
        String html = scan("--format", "html", "--fail-on", "never", "deploy/examples").out();

        for (String severity : List.of("critical", "high", "medium", "low")) {
            assertThat(html).contains("id=\"eg-total-" + severity + "\">" + json.get("summary").get("bySeverity").get(severity).asInt() + "<");
        }
        assertThat(html).contains("<table id=\"eg-by-namespace\">", "<table id=\"eg-by-team\">",
                json.get("summary").get("objects").asInt() + " objects from " + json.get("summary").get("files").asInt() + " files");
    }

    @Test
    void thePageLoadsNothingItsPolicyAllowsOnlyItsOwnScriptAndStyle() throws IOException {
        String html = scan("--format", "html", "--fail-on", "never", "deploy/examples").out();

        String script = between(html, "<script>", "</script>");
        String style = between(html, "<style>", "</style>");
        assertThat(html).contains("default-src 'none'; script-src '" + HtmlReportWriter.sha256(script) + "'; style-src '"
                + HtmlReportWriter.sha256(style) + "'");
        assertThat(html).doesNotContainPattern("(?i)<(link|img|iframe|object|embed)\\b").doesNotContainPattern("(?i)\\ssrc=");
        assertThat(style).doesNotContain("url(", "@import");
        assertThat(script.replace("'http://www.w3.org/2000/svg'", "the SVG namespace, a name, not a location"))
                .doesNotContain("fetch(", "XMLHttpRequest", "http://", "https://", "import(", "eval(", "innerHTML");
    }

    @Test
    void namesAndAnnotationsThatLookLikeMarkupAreShownAsTextNeverAsMarkup() throws IOException {
        Path file = dir.resolve("hostile.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: "<script>alert(1)</script>"
                  namespace: "\\"><img src=x onerror=alert(2)>"
                  annotations:
                    note: "</script><script>alert(3)</script>"
                spec:
                  type: LoadBalancer
                  selector: {app: redis}
                  ports: [{port: 6379}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: "redis</script>"
                  namespace: "\\"><img src=x onerror=alert(2)>"
                spec:
                  selector: {matchLabels: {app: redis}}
                  template:
                    metadata: {labels: {app: redis}}
                    spec:
                      containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379}]}]
                """);

        Run run = scan("--format", "html", "--fail-on", "never", file.toString());

        assertThat(run.out()).doesNotContain("<script>alert", "<img", "</script><script>alert", "redis</script>");
        assertThat(run.out().split("</script>", -1)).as("only the page's own two script elements close").hasSize(3);
        Page page = Page.of(run.out());
        assertThat(page.findings()).isNotEmpty();
        assertThat(page.strings()).anySatisfy(s -> assertThat(s).contains("<script>alert(1)</script>"));
        assertThat(run.out()).contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void noLiteralPasswordOrSecretValueFromTheInputAppearsInThePage() throws IOException {
        Path file = dir.resolve("passwords.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata: {name: pg, namespace: shop}
                stringData: {password: s3cr3t-FROM-SECRET}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: pg, namespace: shop}
                spec: {type: LoadBalancer, selector: {app: pg}, ports: [{port: 5432}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: pg, namespace: shop}
                spec:
                  selector: {matchLabels: {app: pg}}
                  template:
                    metadata: {labels: {app: pg}}
                    spec:
                      containers:
                        - name: postgres
                          image: postgres:16
                          env:
                            - {name: POSTGRES_PASSWORD, value: literal-PASSW0RD}
                            - {name: OTHER, valueFrom: {secretKeyRef: {name: pg, key: password}}}
                          ports: [{containerPort: 5432}]
                """);

        Run run = scan("--format", "html", "--verbose", "--fail-on", "never", file.toString());

        assertThat(Page.of(run.out()).findings()).isNotEmpty();
        assertThat(run.out() + run.err()).doesNotContain("literal-PASSW0RD", "s3cr3t-FROM-SECRET");
    }

    @Test
    void outputGoesToTheFileNamedWithDashOAndNothingToStandardOutput() throws IOException {
        Path report = dir.resolve("report.html");

        Run run = scan("--format", "html", "--fail-on", "never", "-o", report.toString(), "deploy/examples");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(report)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("no temporary file left beside it").containsExactly(report);
        }
    }

    @Test
    void aReportFileThatCannotBeWrittenIsOneErrorNamingItAndExitTwo() {
        Path report = dir.resolve("missing-dir").resolve("report.html");

        Run run = scan("--format", "html", "--fail-on", "never", "-o", report.toString(), "deploy/examples");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: -o " + report + ": cannot write the report (no such directory)");
    }

    @Test
    void aLargeReportCarriesTheSameDataCompressed() throws IOException {
        Page plain = Page.of(page("deploy/examples", Integer.MAX_VALUE));
        String packed = page("deploy/examples", 0);

        assertThat(packed).contains("<script type=\"application/octet-stream\" id=\"eg-data\" data-encoding=\"gzip+base64\">");
        String base64 = between(packed, "data-encoding=\"gzip+base64\">", "</script>");
        assertThat(base64).matches("[A-Za-z0-9+/=]+");
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64)))) {
            assertThat(JSON.readTree(in)).isEqualTo(plain.data());
        }
    }

    /** The page of {@code path} rendered with data compressed above {@code packAbove} bytes. */
    static String page(String path, int packAbove) throws IOException {
        List<io.fabric8.kubernetes.api.model.HasMetadata> objects = new io.exposureguard.cli.manifest.ManifestReader()
                .read(List.of(path), InputStream.nullInputStream()).objects().stream().map(io.exposureguard.cli.manifest.LoadedObject::object).toList();
        io.exposureguard.core.policy.Assessor assessor = new io.exposureguard.core.policy.Assessor(io.exposureguard.core.engine.ExposureEngine.standard());
        var assessment = assessor.assess(objects, List.of(), List.of(), "exposure-guard", java.util.Map.of(), java.time.Instant.EPOCH);
        ScanReport report = ScanReport.of(assessor, assessment, List.of(), java.util.Map.of(), List.of(), List.of(), List.of(path), 1, objects.size());
        return new HtmlReportWriter(path, java.time.Instant.EPOCH, packAbove).render(report);
    }

    static Stream<Path> corpusInputs() throws IOException {
        List<Path> inputs = new ArrayList<>(List.of(Path.of("deploy/examples")));
        if (Files.isDirectory(ECK)) {
            inputs.add(ECK);
        }
        if (Files.isDirectory(REALWORLD)) {
            try (Stream<Path> cases = Files.list(REALWORLD)) {
                cases.filter(Files::isDirectory).sorted().forEach(inputs::add);
            }
        }
        return inputs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusInputs")
    void theReportIsGeneratedForEveryShippedExampleAndCorpusCase(Path input) throws IOException {
        Run json = scan("--format", "json", "--fail-on", "never", input.toString());
        Run html = scan("--format", "html", "--fail-on", "never", input.toString());

        assertThat(html.exit()).isEqualTo(json.exit());
        assertThat(html.err()).isEqualTo(json.err()).doesNotContain("internal error");
        assertThat(Page.of(html.out()).findings()).hasSize(JSON.readTree(json.out()).get("findings").size());
    }

    @Test
    void theCorporaAreThere() {
        Assumptions.assumeTrue(Files.isDirectory(REALWORLD), "real-world corpus not found at " + REALWORLD.toAbsolutePath().normalize()
                + " (CI has ../shared beside the checkout): the report was generated for deploy/examples only");
        assertThat(corpusInputsCount()).isGreaterThan(30);
    }

    private static long corpusInputsCount() {
        try {
            return corpusInputs().count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- helpers ----

    record Run(int exit, String out, String err) {
    }

    static Run scan(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ScanCommand.run(args, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String between(String text, String open, String close) {
        Matcher m = Pattern.compile(Pattern.quote(open) + "(.*?)" + Pattern.quote(close), Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as(open).isTrue();
        return m.group(1);
    }

    /** The data embedded in a page, decoded as the page's script decodes it. */
    record Page(JsonNode data) {

        static Page of(String html) throws IOException {
            return new Page(JSON.readTree(between(html, "<script type=\"application/json\" id=\"eg-data\">", "</script>")));
        }

        List<JsonNode> findings() {
            List<JsonNode> all = new ArrayList<>();
            data.get("findings").forEach(all::add);
            return all;
        }

        List<String> strings() {
            List<String> all = new ArrayList<>();
            data.get("strings").forEach(s -> all.add(s.asText()));
            return all;
        }

        JsonNode rule(JsonNode finding) {
            return data.get("rules").get(finding.get(0).asInt());
        }

        String text(JsonNode index) {
            return index.asInt() < 0 ? null : data.get("strings").get(index.asInt()).asText();
        }

        List<String> texts(JsonNode indexes) {
            List<String> all = new ArrayList<>();
            indexes.forEach(i -> all.add(text(i)));
            return all;
        }

        /** The index of {@code value} in the string table, as a JSON number's text. */
        String string(String value) {
            return String.valueOf(strings().indexOf(value));
        }
    }
}
