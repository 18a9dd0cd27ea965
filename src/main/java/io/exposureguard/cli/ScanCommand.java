package io.exposureguard.cli;

import io.exposureguard.core.engine.ExposureEngine;
import io.exposureguard.cli.manifest.LoadError;
import io.exposureguard.cli.manifest.LoadResult;
import io.exposureguard.cli.manifest.LoadedObject;
import io.exposureguard.cli.manifest.ManifestReader;
import io.exposureguard.cli.manifest.Source;
import io.exposureguard.core.model.ObjectRef;
import io.exposureguard.core.model.Severity;
import io.exposureguard.core.api.v1.ExposureException;
import io.exposureguard.core.api.v1.ExposurePolicy;
import io.exposureguard.core.policy.Decision;
import io.exposureguard.core.policy.PolicyOutcome;
import io.exposureguard.core.policy.Assessor;
import io.exposureguard.core.inventory.InventoryBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

/**
 * {@code scan PATH...}: the engine over manifest files, for CI pipelines. Needs no cluster, kubeconfig or
 * network. Exit codes: 0 clean, 1 findings at or above {@code --fail-on}, 2 usage or input error (the
 * readable documents are still evaluated and reported) or a scan that could not finish (out of memory, say).
 */
@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = Version.class,
        description = "Scan Kubernetes manifests for datastores exposed without authentication.",
        footer = {"", "Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or input error."})
public final class ScanCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format { text, json, sarif, html }

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Manifest files, directories (searched recursively for *.yaml, *.yml, *.json) or - for stdin.")
    List<String> paths;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output (errors and warnings stay on standard error).")
    Path output;

    @Option(names = "--fail-on", defaultValue = "high", paramLabel = "SEVERITY",
            description = "Exit 1 when a finding is at or above this severity: critical, high, medium, low or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = {"-v", "--verbose"},
            description = "Also list findings turned off by policy or exception, objects skipped because their kind or apiVersion is not modelled, and (on stderr) the hidden folders and non-Kubernetes files a folder scan skipped.")
    boolean verbose;

    @Option(names = "--policy", paramLabel = "FILE|DIR",
            description = "ExposurePolicies and ExposureExceptions to apply, from a location the change under review cannot"
                    + " write (repeatable). Policy objects among the scanned files are reported (EG-POL-001/002), not applied.")
    List<String> policyPaths = new ArrayList<>();

    @Option(names = "--trust-input-policies",
            description = "Apply the ExposurePolicies and ExposureExceptions found among the scanned files too, as scan did"
                    + " before --policy existed. Only for input nobody untrusted can change.")
    boolean trustInputPolicies;

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
        return CommandRunner.run(new ScanCommand(stdin, out, err), args, out, err);
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
        Optional<Severity> threshold = CommandRunner.failOn(failOn, err);
        if (threshold == null) {
            return 2;
        }
        if (policyPaths.contains("-")) {
            err.println("error: --policy: give a file or directory; - (stdin) is for the manifests to scan");
            return 2;
        }
        ManifestReader reader = new ManifestReader();
        LoadResult loaded = reader.read(paths, stdin);
        LoadResult trustedLoaded = reader.read(policyPaths, InputStream.nullInputStream());
        Map<ObjectRef, Source> sources = new HashMap<>();
        List<HasMetadata> objects = loaded.objects().stream().map(LoadedObject::object).toList();
        for (LoadedObject o : loaded.objects()) {
            sources.put(InventoryBuilder.ref(o.object()), o.source());
        }
        for (LoadedObject o : trustedLoaded.objects()) {
            sources.put(InventoryBuilder.ref(o.object()), o.source());
        }
        // Files that are both scanned and given with --policy (scan --policy policies/ .) hold trusted policies.
        Set<Path> trustedFiles = trustedLoaded.objects().stream().map(o -> normalized(o.source().file())).collect(Collectors.toSet());
        PolicyInputs trusted = PolicyInputs.from(trustedLoaded.objects());
        // A copy of a trusted policy object (the same name and spec) is no change and not reported.
        PolicyInputs input = PolicyInputs.from(loaded.objects().stream()
                .filter(o -> !trustedFiles.contains(normalized(o.source().file()))).toList()).without(trusted);
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>(input.namespaceLabels());
        namespaceLabels.putAll(trusted.namespaceLabels());
        List<ExposurePolicy> inputPolicies = trustInputPolicies ? input.policies() : List.of();
        List<ExposureException> inputExceptions = trustInputPolicies ? input.exceptions() : List.of();
        Assessor assessor = new Assessor(ExposureEngine.standard());
        Instant now = Instant.now();
        Assessor.Assessment assessment = assessor.assess(objects, concat(trusted.policies(), inputPolicies),
                concat(trusted.exceptions(), inputExceptions), operatorNamespace, namespaceLabels, now);
        List<ScanReport.Located> policyFindings = new ArrayList<>();
        if (!trustInputPolicies && (!input.policies().isEmpty() || !input.exceptions().isEmpty())) {
            // As the cluster would have them once the change is applied: a scanned object replaces the trusted one of its name.
            PolicyOutcome withExceptions = input.exceptions().isEmpty() ? null : assessor.assess(objects, trusted.policies(),
                    replaced(trusted.exceptions(), input.exceptions(), InputPolicyFindings::ref), operatorNamespace, namespaceLabels,
                    now).outcome();
            PolicyOutcome withPolicies = input.policies().isEmpty() ? null : assessor.assess(objects,
                    replaced(trusted.policies(), input.policies(), InputPolicyFindings::ref), trusted.exceptions(), operatorNamespace,
                    namespaceLabels, now).outcome();
            for (Decision d : InputPolicyFindings.of(input.policies(), input.exceptions(), trusted.sources().keySet(),
                    assessment.outcome(), withExceptions, withPolicies)) {
                policyFindings.add(new ScanReport.Located(d.finding(), Optional.ofNullable(input.sources().get(d.finding().resource())), d));
            }
        }
        List<LoadError> loadErrors = new ArrayList<>(trustedLoaded.errors());
        loadErrors.addAll(trusted.errors());
        loadErrors.addAll(loaded.errors());
        loadErrors.addAll(input.errors());
        List<LoadError> loadWarnings = new ArrayList<>(trustedLoaded.warnings());
        trusted.others().forEach(o -> loadWarnings.add(new LoadError(o.source(), InventoryBuilder.ref(o.object()).display()
                + " is not an ExposurePolicy, ExposureException or Namespace: ignored (--policy is for policies)")));
        loadWarnings.addAll(loaded.warnings());
        ScanReport report = ScanReport.of(assessor, assessment, policyFindings, sources, loadErrors, loadWarnings, paths,
                loaded.files(), objects.size());
        report.errors().forEach(e -> err.println("error: " + e));
        report.warnings().forEach(w -> err.println("warning: " + w));
        if (verbose) {
            loaded.notes().forEach(n -> err.println("note: " + n.display()));
        }
        if (!ReportOutput.write(CommandRunner.writer(format, verbose, String.join(", ", paths), now), report, output, out, err)) {
            return 2;
        }
        return report.exitCode(threshold);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> List<T> replaced(List<T> trusted, List<T> changes, java.util.function.Function<T, ObjectRef> ref) {
        Set<ObjectRef> changed = changes.stream().map(ref).collect(Collectors.toSet());
        return concat(trusted.stream().filter(t -> !changed.contains(ref.apply(t))).toList(), changes);
    }

    private static Path normalized(String file) {
        try {
            return Path.of(file).toRealPath();
        } catch (java.io.IOException | RuntimeException e) {
            return Path.of(file).toAbsolutePath().normalize();
        }
    }
}
