package io.exposureguard.cli;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.CodeFlow;
import com.contrastsecurity.sarif.ThreadFlow;
import com.contrastsecurity.sarif.ThreadFlowLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.LogicalLocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.exposureguard.core.model.Documentation;
import io.exposureguard.core.model.Finding;
import io.exposureguard.core.model.Hop;
import io.exposureguard.core.model.FindingText;
import io.exposureguard.core.model.RuleInfo;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.Action;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one rule descriptor per catalog rule, and one more per rule and
 * severity a finding has below or above its rule's (GitHub ranks a result by its rule's {@code security-severity}),
 * each with its documentation link and fix; one result per finding located at the manifest document, with the
 * exposure path as a code flow (a location per hop); the tool's version; input errors and warnings as tool
 * execution notifications.
 */
public final class SarifReportWriter implements ReportWriter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private final ObjectMapper mapper = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(ScanReport report, PrintStream out) throws IOException {
        // GitHub takes a result's severity from its rule's security-severity, so a finding below (or above) its rule's
        // severity gets a rule entry of its own: "EG-EXP-001/high" beside "EG-EXP-001" (critical).
        List<ScanReport.Located> all = new ArrayList<>(report.findings());
        all.addAll(report.suppressed());
        java.util.Map<String, Integer> ruleIndex = new java.util.LinkedHashMap<>();
        List<ReportingDescriptor> rules = new ArrayList<>();
        for (RuleInfo r : report.rules()) {
            ruleIndex.put(r.id(), rules.size());
            rules.add(descriptor(r, r.id(), r.severity()));
        }
        for (ScanReport.Located l : all) {
            Finding f = l.finding();
            String id = ruleId(f);
            if (!ruleIndex.containsKey(id)) {
                ruleIndex.put(id, rules.size());
                rules.add(descriptor(f.rule(), id, f.severity()));
            }
        }
        List<Result> results = new ArrayList<>();
        for (ScanReport.Located l : all) {
            Finding f = l.finding();
            Location location = new Location().withLogicalLocations(new LinkedHashSet<>(List.of(new LogicalLocation()
                    .withFullyQualifiedName(f.resource().display()).withKind("resource"))));
            l.source().ifPresent(s -> location.withPhysicalLocation(new PhysicalLocation()
                    .withArtifactLocation(new ArtifactLocation().withUri(uri(s.file())))
                    .withRegion(new Region().withStartLine(Math.max(1, s.line())))));
            results.add(new Result()
                    .withRuleId(ruleId(f))
                    .withRuleIndex(ruleIndex.getOrDefault(ruleId(f), -1))
                    .withLevel(resultLevel(f.severity()))
                    .withMessage(new Message().withText(FindingText.explained(f)))
                    .withLocations(List.of(location))
                    .withCodeFlows(f.path().isEmpty() ? null : List.of(codeFlow(f)))
                    .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty("exposureGuard/v1",
                            f.rule().id() + "|" + f.resource().display() + "|" + f.datastore().display()))
                    .withSuppressions(l.decision().action() == Action.OFF
                            ? new java.util.LinkedHashSet<>(List.of(new Suppression().withKind(Suppression.Kind.EXTERNAL)
                                    .withJustification(l.decision().reason())))
                            : null)
                    .withProperties(new PropertyBag().withAdditionalProperty("severity", f.severity().label())
                            .withAdditionalProperty("action", l.decision().action().label())
                            .withAdditionalProperty("team", l.decision().team())
                            .withAdditionalProperty("path", FindingText.hops(f.path()))
                            .withAdditionalProperty("facts", f.facts())));
        }
        List<Notification> notifications = new ArrayList<>();
        report.errors().forEach(e -> notifications.add(new Notification().withLevel(Notification.Level.ERROR)
                .withMessage(new Message().withText(e))));
        report.warnings().forEach(w -> notifications.add(new Notification().withLevel(Notification.Level.WARNING)
                .withMessage(new Message().withText(w))));
        Run run = new Run()
                .withTool(new Tool().withDriver(new ToolComponent().withName("exposure-guard")
                        .withVersion(Version.current()).withSemanticVersion(Version.current())
                        .withInformationUri(URI.create(Documentation.HOME))
                        .withRules(new java.util.LinkedHashSet<>(rules))))
                .withResults(results)
                .withInvocations(List.of(new Invocation().withExecutionSuccessful(report.errors().isEmpty())
                        .withToolExecutionNotifications(notifications)));
        SarifSchema210 sarif = new SarifSchema210().with$schema(URI.create(SCHEMA))
                .withVersion(SarifSchema210.Version._2_1_0).withRuns(List.of(run));
        out.println(mapper.writeValueAsString(sarif));
    }

    /**
     * The file as a relative or absolute URI reference: '/'-separated, with every byte that may not stand
     * for itself in a URI path (spaces, non-ASCII, '%', ':' which would read as a scheme) percent-encoded.
     */
    private static String uri(String file) {
        if (file.equals("-")) {
            return "stdin";
        }
        StringBuilder uri = new StringBuilder();
        for (byte b : normalized(file).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
                uri.append(c);
            } else {
                uri.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return uri.toString();
    }

    /**
     * One name per file: '/'-separated, without "./" or ".." segments, and relative to the working directory when the
     * file is under it (so "./k8s/x.yaml", "k8s/x.yaml" and its absolute path are one artifact, and no absolute path
     * of the machine that ran the scan leaks in for files of the scanned tree).
     */
    static String normalized(String file) {
        java.nio.file.Path path;
        try {
            path = java.nio.file.Path.of(file).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return file.replace('\\', '/');
        }
        java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
        if (path.isAbsolute() && path.startsWith(here)) {
            path = here.relativize(path);
        }
        return path.toString().replace('\\', '/');
    }

    /** The rule's id at the rule's own severity; "EG-EXP-001/high" for a finding at another one. */
    static String ruleId(Finding f) {
        return f.severity() == f.rule().severity() ? f.rule().id() : f.rule().id() + "/" + f.severity().label();
    }

    private static ReportingDescriptor descriptor(RuleInfo r, String id, Severity severity) {
        String title = r.title() + (severity == r.severity() ? "" : " (" + severity.label() + ")");
        return new ReportingDescriptor()
                .withId(id)
                .withName(id.replace("-", "").replace("/", "_"))
                .withShortDescription(new MultiformatMessageString().withText(title))
                .withFullDescription(new MultiformatMessageString().withText(r.rationale()))
                .withHelpUri(URI.create(Documentation.rule(r.id())))
                .withHelp(new MultiformatMessageString().withText(r.remediation())
                        .withMarkdown("**" + r.id() + ": " + r.title() + "**\n\n" + r.rationale() + "\n\n**Fix:** " + r.remediation()
                                + "\n\n[" + r.id() + " in the rules reference](" + Documentation.rule(r.id()) + ")"))
                .withDefaultConfiguration(new ReportingConfiguration().withLevel(configLevel(severity)))
                .withProperties(new PropertyBag().withTags(new LinkedHashSet<>(List.of("security", "kubernetes")))
                        .withAdditionalProperty("security-severity", securitySeverity(severity)));
    }

    /** The exposure path, outside first: one location per hop, naming the hop's object. */
    private static CodeFlow codeFlow(Finding f) {
        List<ThreadFlowLocation> hops = new ArrayList<>();
        for (Hop hop : f.path()) {
            Location at = new Location().withMessage(new Message().withText(FindingText.hop(hop)));
            if (hop.ref() != null) {
                at.withLogicalLocations(new LinkedHashSet<>(List.of(new LogicalLocation()
                        .withFullyQualifiedName(hop.ref().display()).withKind("resource"))));
            }
            hops.add(new ThreadFlowLocation().withLocation(at));
        }
        return new CodeFlow().withMessage(new Message().withText(FindingText.path(f)))
                .withThreadFlows(List.of(new ThreadFlow().withLocations(hops)));
    }

    private static Result.Level resultLevel(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> Result.Level.ERROR;
            case MEDIUM -> Result.Level.WARNING;
            case LOW -> Result.Level.NOTE;
        };
    }

    private static ReportingConfiguration.Level configLevel(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> ReportingConfiguration.Level.ERROR;
            case MEDIUM -> ReportingConfiguration.Level.WARNING;
            case LOW -> ReportingConfiguration.Level.NOTE;
        };
    }

    /** GitHub maps 9.0+ to critical, 7.0-8.9 high, 4.0-6.9 medium, below that low. */
    private static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
        };
    }
}
