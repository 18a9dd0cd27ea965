package io.exposureguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.exposureguard.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTML report opened from disk in a real, headless Chromium: every path drawn with a labelled node per hop, the
 * filters, no request and no error, readable narrow and printed. It also takes the screenshot docs/report.md shows
 * (target/report.png; {@code -Dexposureguard.writeDocs=true}, as {@code make docs} runs it, writes
 * docs/images/report.png).
 */
class HtmlReportBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLES = "deploy/examples";

    private static ChromeDriver chrome;
    private static Path examplesReport;
    private static JsonNode examplesJson;

    @TempDir
    static Path dir;

    @BeforeAll
    static void openBrowserAndWriteTheExamplesReport() throws IOException {
        chrome = HeadlessChromium.start(1280, 1600);
        examplesReport = dir.resolve("examples.html");
        assertThat(HtmlReportTest.scan("--format", "html", "--fail-on", "never", "-o", examplesReport.toString(), EXAMPLES).exit()).isZero();
        examplesJson = JSON.readTree(HtmlReportTest.scan("--format", "json", "--fail-on", "never", EXAMPLES).out());
    }

    @AfterAll
    static void closeBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @Test
    void everyFindingIsACardWithItsPathDrawnAsOneLabelledNodePerHop() {
        open(examplesReport);

        List<WebElement> cards = chrome.findElements(By.cssSelector("article.card"));
        JsonNode findings = examplesJson.get("findings");
        assertThat(cards).hasSize(findings.size());
        for (WebElement card : cards) {
            JsonNode finding = findings.get(Integer.parseInt(card.getDomAttribute("data-index")));
            scrolledTo(card);
            List<WebElement> hops = card.findElements(By.cssSelector("svg.path g.hop"));
            assertThat(hops).as(finding.get("message").asText()).hasSize(finding.get("path").size());
            for (WebElement hop : hops) {
                assertThat(hop.findElement(By.cssSelector("text.hop-title")).getText()).isNotBlank();
                assertThat(hop.findElement(By.cssSelector("rect.box")).getRect().getHeight()).isPositive();
            }
            assertThat(card.findElement(By.cssSelector(".rule")).getText()).isEqualTo(finding.get("ruleId").asText());
            assertThat(card.getText()).contains(finding.get("remediation").asText(), finding.get("action").asText());
            assertThat(card.findElement(By.linkText(finding.get("ruleId").asText() + " in the rules reference")).getDomAttribute("href"))
                    .endsWith("/docs/rules.md#" + finding.get("ruleId").asText().toLowerCase());
        }
    }

    @Test
    void aCompressedReportIsUnpackedInTheBrowserAndDrawnTheSame() throws IOException {
        Path packed = dir.resolve("packed.html");
        Files.writeString(packed, HtmlReportTest.page(EXAMPLES, 0));

        open(packed);

        List<WebElement> cards = chrome.findElements(By.cssSelector("article.card"));
        assertThat(cards).hasSize(examplesJson.get("findings").size());
        cards.forEach(HtmlReportBrowserIT::scrolledTo);
        assertThat(chrome.findElements(By.cssSelector("svg.path g.hop"))).hasSizeGreaterThan(examplesJson.get("findings").size() * 2);
        assertThat(errors()).isEmpty();
        assertThat(chrome.executeScript("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
    }

    @Test
    void theFirstHopIsWhereClientsComeFromAndTheLastIsTheDatastoreWithItsAuthentication() {
        open(examplesReport);

        WebElement card = chrome.findElement(By.cssSelector("article.card[data-severity=critical]"));
        scrolledTo(card);
        List<WebElement> hops = card.findElements(By.cssSelector("svg.path g.hop"));
        assertThat(hops.get(0).getDomAttribute("data-kind")).isIn("internet", "restricted");
        WebElement last = hops.get(hops.size() - 1);
        assertThat(last.getDomAttribute("data-kind")).isEqualTo("datastore");
        assertThat(last.findElement(By.cssSelector("text.hop-auth")).getText()).isEqualTo("authentication: off");
    }

    @Test
    void uncheckingASeverityHidesExactlyItsCardsAndCheckingItShowsThemAgain() {
        open(examplesReport);
        int all = visibleCards().size();
        long critical = visibleCards().stream().filter(c -> "critical".equals(c.getDomAttribute("data-severity"))).count();
        assertThat(critical).isPositive().isLessThan(all);

        chrome.findElement(By.id("eg-sev-critical")).click();

        assertThat(visibleCards()).hasSize(all - (int) critical)
                .allSatisfy(c -> assertThat(c.getDomAttribute("data-severity")).isNotEqualTo("critical"));
        assertThat(chrome.findElement(By.id("eg-count")).getText()).isEqualTo("showing " + (all - critical) + " of " + all + " findings");

        chrome.findElement(By.id("eg-sev-critical")).click();

        assertThat(visibleCards()).hasSize(all);
    }

    @Test
    void choosingANamespaceShowsOnlyItsCards() {
        open(examplesReport);
        String namespace = examplesJson.get("findings").get(0).get("resource").get("namespace").asText();

        chrome.findElements(By.cssSelector("#eg-namespace option")).stream()
                .filter(o -> namespace.equals(o.getDomAttribute("value"))).findFirst().orElseThrow().click();

        assertThat(visibleCards()).isNotEmpty().allSatisfy(c -> assertThat(c.getDomAttribute("data-namespace")).isEqualTo(namespace));
        long expected = 0;
        for (JsonNode f : examplesJson.get("findings")) {
            expected += namespace.equals(f.get("resource").get("namespace").asText()) ? 1 : 0;
        }
        assertThat(visibleCards()).hasSize((int) expected);
    }

    @Test
    void findingTextNarrowsTheCardsToThoseThatMentionIt() {
        open(examplesReport);

        chrome.findElement(By.id("eg-text")).sendKeys("hostnetwork");

        assertThat(visibleCards()).isNotEmpty().allSatisfy(c -> assertThat(c.getText().toLowerCase()).contains("hostnetwork"));
    }

    @Test
    void thePageMakesNoRequestAndReportsNoErrorEvenWithHostileNames() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer canary = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        canary.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        canary.start();
        try {
            String url = "http://127.0.0.1:" + canary.getAddress().getPort() + "/leak";
            Path input = dir.resolve("hostile.yaml");
            Files.writeString(input, hostileManifest(url));
            Path report = dir.resolve("hostile.html");
            HtmlReportTest.scan("--format", "html", "--fail-on", "never", "-o", report.toString(), input.toString());

            open(report);

            assertThat(visibleCards()).isNotEmpty();
            assertThat(chrome.executeScript("return window.__pwned === undefined")).isEqualTo(true);
            assertThat(chrome.findElement(By.id("eg-findings")).getText()).contains("<script>window.__pwned=1</script>");
            assertThat(chrome.executeScript("return performance.getEntriesByType('resource').map(e => e.name)")).asList().isEmpty();
            assertThat(requests).as("requests reaching the canary server").hasValue(0);
            assertThat(errors()).isEmpty();
        } finally {
            canary.stop(0);
        }
    }

    @Test
    void theExamplesReportLoadsWithoutAnyErrorOrRequest() {
        open(examplesReport);

        assertThat(errors()).isEmpty();
        assertThat(chrome.executeScript("return performance.getEntriesByType('resource').length")).isEqualTo(0L);
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {360, 768})
    void aNarrowWindowNeedsNoSidewaysScrolling(int width) {
        try {
            chrome.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
            open(examplesReport);

            assertThat((Long) chrome.executeScript("return document.documentElement.scrollWidth"))
                    .as("wider than the window: %s", chrome.executeScript("return Array.from(document.querySelectorAll('body *'))"
                            + ".filter(e => e.getBoundingClientRect().right > window.innerWidth).slice(0, 5)"
                            + ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')"))
                    .isLessThanOrEqualTo((Long) chrome.executeScript("return window.innerWidth"));
            WebElement graph = chrome.findElement(By.cssSelector("svg.path"));
            assertThat(graph.getRect().getWidth()).isLessThanOrEqualTo(width);
        } finally {
            chrome.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1600));
        }
    }

    @Test
    void printedTheControlsAreLeftOutAndNoCardIsSplitAcrossPages() {
        open(examplesReport);
        try {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));

            assertThat(chrome.executeScript("return getComputedStyle(document.getElementById('eg-filters')).display")).isEqualTo("none");
            assertThat(chrome.executeScript("return getComputedStyle(document.querySelector('article.card')).breakInside")).isEqualTo("avoid");
            assertThat(chrome.executeScript("return document.querySelectorAll('.graph-slot:not(.drawn)').length"))
                    .as("graphs far below the window are not drawn before printing").isNotEqualTo(0L);
            Map<String, Object> pdf = chrome.executeCdpCommand("Page.printToPDF", Map.of());
            assertThat((String) pdf.get("data")).isNotEmpty();
            assertThat(chrome.executeScript("return document.querySelectorAll('.graph-slot:not(.drawn)').length"))
                    .as("graphs not drawn on paper").isEqualTo(0L);
        } finally {
            chrome.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void theScreenshotForTheDocsIsOfTheShippedExamples() throws IOException {
        open(examplesReport);

        Path shot = chrome.getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "report.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).isGreaterThan(10_000);
        if (Boolean.getBoolean("exposureguard.writeDocs")) {
            Files.copy(shot, Path.of("docs", "images", "report.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        assertThat(Path.of("docs", "images", "report.png")).as("the screenshot docs/report.md shows (make docs)").exists();
    }

    // ---- helpers ----

    private static void open(Path report) {
        chrome.get(report.toUri().toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> "true".equals(
                chrome.executeScript("return document.documentElement.getAttribute('data-rendered')")));
    }

    /** The card scrolled into the window, once its graph is drawn (graphs are drawn as cards come near the window). */
    private static void scrolledTo(WebElement card) {
        chrome.executeScript("arguments[0].scrollIntoView()", card);
        await().atMost(Duration.ofSeconds(10)).until(() -> card.findElements(By.cssSelector(".graph-slot:not(.drawn)")).isEmpty());
    }

    private static List<WebElement> visibleCards() {
        return chrome.findElements(By.cssSelector("article.card:not([hidden])"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> errors() {
        return new ArrayList<>((List<String>) chrome.executeScript("return window.__egErrors"));
    }

    /** A Service and the Redis behind it, with names and annotations that try to run script and load from {@code url}. */
    private static String hostileManifest(String url) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: "<script>window.__pwned=1</script>"
                  namespace: "x\\"><img src=%1$s onerror=window.__pwned=2>"
                  annotations:
                    note: "<link rel=stylesheet href=%1$s><style>@import '%1$s';</style>"
                spec:
                  type: LoadBalancer
                  selector: {app: redis}
                  ports: [{port: 6379, name: "<img src=%1$s>"}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: "redis<iframe src=%1$s>"
                  namespace: "x\\"><img src=%1$s onerror=window.__pwned=2>"
                spec:
                  selector: {matchLabels: {app: redis}}
                  template:
                    metadata: {labels: {app: redis}}
                    spec:
                      containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379}]}]
                """.formatted(url);
    }
}
