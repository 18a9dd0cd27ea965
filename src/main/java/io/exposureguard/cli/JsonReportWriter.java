package io.exposureguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.ObjectRef;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;

import java.util.Map;

/** Machine-readable output: {@code {"findings": [...], "errors": [...], "summary": {...}}}. */
public final class JsonReportWriter implements ReportWriter {

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(ScanReport report, PrintStream out) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("findings", report.findings().stream().map(JsonReportWriter::finding).toList());
        root.put("suppressed", report.suppressed().stream().map(JsonReportWriter::finding).toList());
        root.put("errors", report.errors());
        root.put("warnings", report.warnings());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("files", report.files());
        summary.put("objects", report.objects());
        summary.put("findings", report.findings().size());
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        report.countsBySeverity().forEach((s, n) -> bySeverity.put(s.label(), n));
        summary.put("bySeverity", bySeverity);
        summary.put("suppressed", report.suppressed().size());
        summary.put("errors", report.errors().size());
        root.put("summary", summary);
        out.println(mapper.writeValueAsString(root));
    }

    private static Map<String, Object> finding(ScanReport.Located l) {
        Finding f = l.finding();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ruleId", f.rule().id());
        m.put("title", f.rule().title());
        m.put("severity", f.severity().label());
        m.put("resource", ref(f.resource()));
        m.put("datastore", ref(f.datastore()));
        m.put("message", f.message());
        m.put("path", FindingText.hops(f.path()));
        m.put("facts", f.facts());
        m.put("remediation", f.remediation());
        m.put("action", l.decision().action().label());
        m.put("decision", l.decision().reason());
        m.put("team", l.decision().team());
        l.source().ifPresent(s -> {
            Map<String, Object> location = new LinkedHashMap<>();
            location.put("file", s.file());
            location.put("document", s.document());
            location.put("line", s.line());
            m.put("location", location);
        });
        return m;
    }

    private static Map<String, Object> ref(ObjectRef r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind());
        m.put("namespace", r.namespace());
        m.put("name", r.name());
        return m;
    }

}
