package io.exposureguard.cli;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.kube.ClusterRead;
import io.exposureguard.kube.OperatorProbeFacts;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code report}: the HTML report (or any scan format) of a live cluster, through the current kubeconfig. It reads the
 * cluster with the operator's own cache, so it sees the same kinds, versions and objects, and assesses them with the
 * policies and exceptions in the cluster. It only reads. Exit codes as {@code scan}: 0, 1 with findings at or above
 * {@code --fail-on}, 2 when the cluster could not be read, or not all of it.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = Version.class,
        description = "Report the datastores a live cluster exposes without authentication, as one self-contained HTML page.",
        footer = {"", "Reads only. Needs list and watch on the kinds the operator reads (its ClusterRole).",
                "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 the cluster could not be read (fully)."})
public final class ReportCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--format", defaultValue = "html", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ScanCommand.Format format;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use (default: the current one).")
    String context;

    @Option(names = "--operator-namespace", defaultValue = "exposure-guard", paramLabel = "NAMESPACE",
            description = "Namespace exposure-guard runs in: always excluded, and where ExposureExceptions count by default (default: ${DEFAULT-VALUE}).")
    String operatorNamespace;

    @Option(names = "--read-secrets", description = "Also read Secrets (as the operator's readSecrets setting): env values kept in Secrets are then read.")
    boolean readSecrets;

    @Option(names = "--with-probe-evidence",
            description = "Add the operator's probe results from its reports (OpenReports or PolicyReports) to the findings they name (as facts; they change no severity).")
    boolean probeEvidence;

    @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long to wait for every kind to be listed (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--fail-on", defaultValue = "never", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at or above this severity: critical, high, medium, low or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = {"-v", "--verbose"}, description = "Text format: also list findings turned off and objects skipped. Any format: client logs on stderr.")
    boolean verbose;

    private final PrintStream out;
    private final PrintStream err;

    public ReportCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and returns the exit code (usage errors give 2). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return CommandRunner.run(new ReportCommand(out, err), args, out, err);
    }

    @Override
    public Integer call() throws Exception {
        Optional<Severity> threshold = CommandRunner.failOn(failOn, err);
        if (threshold == null) {
            return 2;
        }
        Logger root = Logger.getLogger("");
        Level level = root.getLevel();
        if (!verbose) {
            // The client's own retries and warnings are for the operator's log; here every problem is one line below.
            root.setLevel(Level.OFF);
        }
        try {
            return report(threshold);
        } finally {
            root.setLevel(level);
        }
    }

    private int report(Optional<Severity> threshold) throws Exception {
        Config config;
        try {
            config = config();
        } catch (IOException | RuntimeException e) {
            err.println("error: --kubeconfig " + kubeconfig + ": cannot read it (" + e.getMessage() + ")");
            return 2;
        }
        // One quick retry: a person is waiting, and an API server that refuses twice is not there.
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(250);
        String cluster = (context != null ? "context " + context + ", " : "") + "cluster " + config.getMasterUrl();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            try {
                client.getKubernetesVersion();
            } catch (KubernetesClientException e) {
                err.println("error: cannot reach the API server at " + config.getMasterUrl() + ": " + firstLine(e));
                return 2;
            }
            ClusterRead read = ClusterRead.of(client, readSecrets, Duration.ofSeconds(timeoutSeconds));
            Assessor assessor = new Assessor(ExposureEngine.standard());
            Instant now = Instant.now();
            Assessor.Assessment assessment = assessor.assess(read.objects(), read.policies(), read.exceptions(), operatorNamespace,
                    read.namespaceLabels(), now);
            List<io.exposureguard.cli.manifest.LoadError> errors = new ArrayList<>();
            for (String kind : read.unread()) {
                errors.add(new io.exposureguard.cli.manifest.LoadError(new io.exposureguard.cli.manifest.Source(cluster, 0, 0),
                        kind + ": not read (forbidden, or not listed within " + timeoutSeconds + " s): the report lacks these objects"));
            }
            ScanReport report = ScanReport.of(assessor, assessment, List.of(), Map.of(), errors, List.of(), List.of(cluster), 0,
                    read.objects().size());
            if (probeEvidence) {
                Map<String, List<String>> facts = OperatorProbeFacts.read(client);
                report = report.withFacts(f -> facts.getOrDefault(OperatorProbeFacts.key(f.rule().id(), f.resource().kind(),
                        f.resource().namespace(), f.resource().name()), List.of()));
            }
            report.errors().forEach(e -> err.println("error: " + e));
            report.warnings().forEach(w -> err.println("warning: " + w));
            if (!ReportOutput.write(CommandRunner.writer(format, verbose, cluster, now), report, output, out, err)) {
                return 2;
            }
            return report.exitCode(threshold);
        }
    }

    private Config config() throws IOException {
        if (kubeconfig == null) {
            return context == null ? Config.autoConfigure(null) : Config.autoConfigure(context);
        }
        if (!Files.isReadable(kubeconfig)) {
            throw new IOException(Files.exists(kubeconfig) ? "permission denied" : "no such file");
        }
        // Only the file: unlike the (deprecated) text form, this reads no kubernetes.* system property over it.
        return Config.fromKubeconfig(context, kubeconfig.toFile());
    }

    private static String firstLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }
}
