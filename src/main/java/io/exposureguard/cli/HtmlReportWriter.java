package io.exposureguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exposureguard.core.model.Documentation;
import io.exposureguard.core.model.Severity;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The report as one self-contained HTML page: the summary is written here, the finding cards and their path graphs
 * are drawn by the page's own script from the data embedded in it ({@link HtmlReportData}). The page loads nothing: its
 * Content-Security-Policy allows no source at all but the hashes of its one script and one style sheet, so even a
 * value that slipped past escaping could not run or fetch anything.
 */
public final class HtmlReportWriter implements ReportWriter {

    private static final List<Severity> SEVERITIES = List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
    private static final String CLUSTER_SCOPED = "(cluster-scoped)";

    /** Data larger than this is embedded gzip-compressed (10,000 findings: about 8 MB of JSON, 1 MB packed). */
    static final int PACK_ABOVE = 1 << 20;

    private final String title;
    private final Instant generated;
    private final int packAbove;
    private final ObjectMapper mapper = new ObjectMapper();

    /** {@code title}: what the report is of ("deploy/examples", "cluster prod-eu"); {@code generated}: when. */
    public HtmlReportWriter(String title, Instant generated) {
        this(title, generated, PACK_ABOVE);
    }

    /** {@code packAbove}: the size of data (in UTF-8 bytes) above which it is embedded compressed. */
    HtmlReportWriter(String title, Instant generated, int packAbove) {
        this.title = title;
        this.generated = generated;
        this.packAbove = packAbove;
    }

    @Override
    public void write(ScanReport report, PrintStream out) throws IOException {
        out.print(render(report));
    }

    /** The whole page. */
    public String render(ScanReport report) throws JsonProcessingException {
        String css = resource("report.css");
        String js = resource("report.js");
        byte[] json = mapper.writeValueAsBytes(HtmlReportData.of(report));
        boolean packed = json.length > packAbove;
        String data = packed ? gzipBase64(json) : Html.scriptSafeJson(new String(json, StandardCharsets.UTF_8));
        StringBuilder page = new StringBuilder(data.length() + css.length() + js.length() + 16_384);
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src '")
                .append(sha256(js)).append("'; style-src '").append(sha256(css))
                .append("'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                .append("<title>exposure-guard report: ").append(Html.escape(title)).append("</title>\n")
                .append("<style>").append(css).append("</style>\n</head>\n<body>\n");
        header(page, report);
        summary(page, report);
        controls(page, report);
        page.append("<noscript><p class=\"notice\">The findings are drawn by the script inside this file, which makes no network"
                + " request. Allow it, or read the same findings with <code>scan --format text</code> or <code>--format json</code>.</p>"
                + "</noscript>\n");
        page.append("<main id=\"eg-findings\" aria-live=\"polite\"></main>\n");
        page.append(packed ? "<script type=\"application/octet-stream\" id=\"eg-data\" data-encoding=\"gzip+base64\">"
                : "<script type=\"application/json\" id=\"eg-data\">").append(data).append("</script>\n");
        page.append("<script>").append(js).append("</script>\n</body>\n</html>\n");
        return page.toString();
    }

    private void header(StringBuilder page, ScanReport report) {
        page.append("<header>\n<h1>exposure-guard report</h1>\n<p class=\"meta\">")
                .append(Html.escape(title)).append(" &middot; generated ").append(Html.escape(generated.toString()))
                .append(" &middot; <a href=\"").append(Documentation.DOCS).append("report.md\">how to read this report</a></p>\n</header>\n");
    }

    private void summary(StringBuilder page, ScanReport report) {
        Map<Severity, Integer> counts = report.countsBySeverity();
        page.append("<section id=\"eg-summary\" class=\"summary\">\n<h2>Summary</h2>\n<ul class=\"counts\">");
        for (Severity s : SEVERITIES) {
            page.append("<li class=\"sev-").append(s.label()).append("\"><span class=\"n\" id=\"eg-total-").append(s.label()).append("\">")
                    .append(counts.get(s)).append("</span> ").append(s.label()).append("</li>");
        }
        page.append("<li class=\"off\"><span class=\"n\">").append(report.suppressed().size()).append("</span> turned off by policy or exception</li>");
        page.append("</ul>\n");
        page.append("<p>Scanned: ").append(Html.escape(String.join(", ", report.inputs()))).append(" &middot; ")
                .append(report.objects()).append(" objects")
                .append(report.files() > 0 ? " from " + report.files() + " file" + (report.files() == 1 ? "" : "s") : "")
                .append(" &middot; ").append(report.skipped().size()).append(" skipped as not modelled &middot; ")
                .append(report.errors().size()).append(" input error").append(report.errors().size() == 1 ? "" : "s").append("</p>\n");
        table(page, "By namespace", "namespace", "eg-by-namespace", report,
                l -> l.finding().resource().namespace() == null ? CLUSTER_SCOPED : l.finding().resource().namespace());
        table(page, "By team", "team", "eg-by-team", report, l -> l.decision().team());
        listing(page, "Input errors", "eg-errors", report.errors(), true);
        listing(page, "Warnings", "eg-warnings", report.warnings(), false);
        Map<String, Long> skippedKinds = report.skipped().stream().collect(Collectors.groupingBy(
                s -> (s.ref().apiVersion() == null ? "" : s.ref().apiVersion() + " ") + s.ref().kind(), TreeMap::new, Collectors.counting()));
        listing(page, "Skipped as not modelled (by kind)", "eg-skipped",
                skippedKinds.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList(), false);
        page.append("</section>\n");
    }

    private void table(StringBuilder page, String heading, String column, String id, ScanReport report,
                       Function<ScanReport.Located, String> key) {
        Map<String, Map<Severity, Integer>> rows = new TreeMap<>();
        for (ScanReport.Located l : report.findings()) {
            rows.computeIfAbsent(key.apply(l), k -> new TreeMap<>()).merge(l.finding().severity(), 1, Integer::sum);
        }
        page.append("<details class=\"breakdown\"").append(rows.size() <= 12 ? " open" : "").append("><summary>").append(heading)
                .append(" (").append(rows.size()).append(")</summary>\n<table id=\"").append(id).append("\"><thead><tr><th>")
                .append(column).append("</th>");
        SEVERITIES.forEach(s -> page.append("<th>").append(s.label()).append("</th>"));
        page.append("</tr></thead><tbody>\n");
        rows.forEach((name, bySeverity) -> {
            page.append("<tr><td>").append(Html.escape(name)).append("</td>");
            SEVERITIES.forEach(s -> page.append("<td>").append(bySeverity.getOrDefault(s, 0)).append("</td>"));
            page.append("</tr>\n");
        });
        page.append("</tbody></table></details>\n");
    }

    private static void listing(StringBuilder page, String heading, String id, List<String> lines, boolean open) {
        if (lines.isEmpty()) {
            return;
        }
        page.append("<details class=\"listing\"").append(open ? " open" : "").append("><summary>").append(heading).append(" (")
                .append(lines.size()).append(")</summary>\n<ul id=\"").append(id).append("\">");
        lines.forEach(line -> page.append("<li>").append(Html.escape(line)).append("</li>"));
        page.append("</ul></details>\n");
    }

    private void controls(StringBuilder page, ScanReport report) {
        page.append("<form id=\"eg-filters\" class=\"controls\" role=\"search\">\n<fieldset><legend>Severity</legend>");
        for (Severity s : SEVERITIES) {
            page.append("<label class=\"sev-").append(s.label()).append("\"><input type=\"checkbox\" name=\"severity\" id=\"eg-sev-")
                    .append(s.label()).append("\" value=\"").append(s.label()).append("\" checked> ").append(s.label()).append("</label>");
        }
        page.append("</fieldset>\n");
        List<ScanReport.Located> all = Stream.concat(report.findings().stream(), report.suppressed().stream()).toList();
        select(page, "eg-namespace", "Namespace", all.stream().map(l -> l.finding().resource().namespace()).map(ns -> ns == null ? "" : ns));
        select(page, "eg-team", "Team", all.stream().map(l -> l.decision().team()));
        page.append("<label><input type=\"checkbox\" id=\"eg-suppressed\"> show turned off</label>\n")
                .append("<label>Find <input type=\"search\" id=\"eg-text\" placeholder=\"name, rule, fact\"></label>\n")
                .append("<output id=\"eg-count\" for=\"eg-filters\"></output>\n</form>\n");
    }

    private static void select(StringBuilder page, String id, String label, Stream<String> values) {
        page.append("<label>").append(label).append(" <select id=\"").append(id).append("\"><option value=\"*\">all</option>");
        new TreeSet<>(values.toList()).forEach(v -> page.append("<option value=\"").append(Html.escape(v)).append("\">")
                .append(Html.escape(v.isEmpty() ? CLUSTER_SCOPED : v)).append("</option>"));
        page.append("</select></label>\n");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReportWriter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report's " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base64 has no {@code <}, {@code >} or {@code &}: safe in the element as it is. */
    private static String gzipBase64(byte[] json) {
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream(json.length / 6);
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(packed.toByteArray());
    }

    /** The CSP source for an inline element of this exact text. */
    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
