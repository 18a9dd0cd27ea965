package io.exposureguard.cli;

import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.Severity;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Human-readable output: one block per finding (rule, resource, path, why, fix), then a summary line. */
public final class TextReportWriter implements ReportWriter {

    private final boolean verbose;

    public TextReportWriter(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public void write(ScanReport report, PrintStream out) {
        for (ScanReport.Located l : report.findings()) {
            Finding f = l.finding();
            out.println(f.severity().name() + "  " + f.rule().id() + "  " + f.rule().title());
            out.println("  resource: " + f.resource().display() + l.source().map(s -> "  [" + s.display() + "]").orElse(""));
            out.println("  " + f.message());
            if (!f.path().isEmpty()) {
                out.println("  path: " + FindingText.path(f));
            }
            for (String fact : f.facts()) {
                out.println("  - " + fact);
            }
            out.println("  fix: " + f.remediation());
            out.println("  action: " + l.decision().action().label() + " (" + l.decision().reason() + "); team: " + l.decision().team());
            out.println();
        }
        if (verbose) {
            report.suppressed().forEach(l -> out.println("off: " + l.finding().severity().name() + " " + l.finding().rule().id()
                    + " " + l.finding().resource().display() + " (" + l.decision().reason() + ")"));
            report.skipped().forEach(r -> out.println("skipped: " + r.display()));
        }
        Map<Severity, Integer> counts = report.countsBySeverity();
        String bySeverity = Stream.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)
                .map(s -> counts.get(s) + " " + s.label()).collect(Collectors.joining(", "));
        out.println(report.findings().size() + " finding" + (report.findings().size() == 1 ? "" : "s")
                + " (" + bySeverity + ") in " + report.objects() + " objects from " + report.files() + " file"
                + (report.files() == 1 ? "" : "s")
                + (report.suppressed().isEmpty() ? "" : "; " + report.suppressed().size() + " turned off by policy or exception")
                + (report.errors().isEmpty() ? "" : "; " + report.errors().size() + " input error"
                + (report.errors().size() == 1 ? "" : "s") + " (see stderr)"));
    }
}
