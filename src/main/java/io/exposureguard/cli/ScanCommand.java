package io.exposureguard.cli;

import io.exposureguard.engine.ExposureEngine;
import io.exposureguard.manifest.LoadError;
import io.exposureguard.manifest.LoadResult;
import io.exposureguard.manifest.LoadedObject;
import io.exposureguard.manifest.ManifestReader;
import io.exposureguard.manifest.Source;
import io.exposureguard.model.ObjectRef;
import io.exposureguard.model.Severity;
import io.exposureguard.policy.Assessor;
import io.exposureguard.inventory.Inventory;
import io.exposureguard.inventory.InventoryBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code scan PATH...}: the engine over manifest files, for CI pipelines. Needs no cluster, kubeconfig or
 * network. Exit codes: 0 clean, 1 findings at or above {@code --fail-on}, 2 usage or input error (the
 * readable documents are still evaluated and reported) or a scan that could not finish (out of memory, say).
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scan Kubernetes manifests for datastores exposed without authentication.",
        footer = {"", "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error."})
public final class ScanCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format { text, json, sarif }

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Manifest files, directories (searched recursively for *.yaml, *.yml, *.json) or - for stdin.")
    List<String> paths;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--fail-on", defaultValue = "high", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at or above this severity: critical, high, medium, low or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = {"-v", "--verbose"},
            description = "Also list findings turned off by policy or exception, and objects skipped because their kind is not modelled.")
    boolean verbose;

    @Option(names = "--operator-namespace", defaultValue = "exposure-guard", paramLabel = "NAMESPACE",
            description = "Namespace exposure-guard runs in: always excluded, and where ExposureExceptions count by default (default: ${DEFAULT-VALUE}).")
    String operatorNamespace;

    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public ScanCommand(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and returns the exit code (usage errors give 2). */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new ScanCommand(stdin, out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println(stopped(e));
            return 2;
        });
        try {
            return cl.execute(args);
        } catch (Error e) {
            // picocli handles exceptions only; an Error (out of memory, say) would end the JVM with exit 1,
            // the code for "findings", and a stack trace. The scan did not finish: that is exit 2.
            err.println(stopped(e));
            err.flush();
            return 2;
        }
    }

    /** One line saying why the scan stopped before it finished. */
    static String stopped(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "error: out of memory: the scan stopped before it finished; give Java more heap (java -Xmx2g -jar ...)"
                    + " or scan fewer files at once";
        }
        if (e instanceof StackOverflowError) {
            return "error: out of stack space: the scan stopped before it finished (input nested too deeply?)";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().strip().lines().findFirst().orElse("");
        return "error: internal error: the scan stopped before it finished" + (message.isEmpty() ? "" : " (" + message + ")");
    }

    @Override
    public Integer call() throws Exception {
        Optional<Severity> threshold;
        try {
            threshold = failOn.equalsIgnoreCase("never") ? Optional.empty() : Optional.of(Severity.parse(failOn));
        } catch (IllegalArgumentException e) {
            err.println("error: --fail-on: " + e.getMessage().replace("(expected", "(expected never,"));
            return 2;
        }
        LoadResult loaded = new ManifestReader().read(paths, stdin);
        Map<ObjectRef, Source> sources = new HashMap<>();
        List<HasMetadata> objects = loaded.objects().stream().map(LoadedObject::object).toList();
        for (LoadedObject o : loaded.objects()) {
            sources.put(InventoryBuilder.ref(o.object()), o.source());
        }
        PolicyInputs policy = PolicyInputs.from(loaded.objects());
        Assessor assessor = new Assessor(ExposureEngine.standard());
        Assessor.Assessment assessment = assessor.assess(objects, policy.policies(), policy.exceptions(),
                operatorNamespace, policy.namespaceLabels(), Instant.now());
        Inventory inventory = assessment.inventory();
        List<LoadError> loadErrors = new ArrayList<>(loaded.errors());
        loadErrors.addAll(policy.errors());
        List<ObjectRef> skipped = inventory.skipped().stream()
                .filter(r -> !r.kind().equals("ExposurePolicy") && !r.kind().equals("ExposureException") && !r.kind().equals("Namespace"))
                .toList();
        ScanReport report = ScanReport.of(assessment.result(), assessment.outcome(), sources, loadErrors, loaded.warnings(), skipped,
                assessor.engine().catalog().infos(), loaded.files(), objects.size());
        report.errors().forEach(e -> err.println("error: " + e));
        report.warnings().forEach(w -> err.println("warning: " + w));
        writer().write(report, out);
        out.flush();
        return report.exitCode(threshold);
    }

    private ReportWriter writer() {
        return switch (format) {
            case text -> new TextReportWriter(verbose);
            case json -> new JsonReportWriter();
            case sarif -> new SarifReportWriter();
        };
    }
}
