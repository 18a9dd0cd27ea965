package io.exposureguard.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged application ({@code java -jar target/quarkus-app/quarkus-run.jar scan ...}) as a CI pipeline
 * runs it: no cluster, no kubeconfig, no network. It exits with the documented code, prints the report and
 * nothing else, reports unreadable input as one "error: " line without a stack trace, and never boots
 * Quarkus or the operator.
 */
class ScanJarIT {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Path BASE = Path.of(System.getProperty("user.dir"));
    private static final String BAD = "deploy/examples/bad/2019-incident-eck-security-off-public-lb.yaml";
    private static final String GOOD = "deploy/examples/good";
    /** What a booting Quarkus application or operator would print. */
    private static final List<String> BOOT_SIGNS = List.of("Quarkus", "quarkus", "Operator", "operator", "JOSDK",
            "kubernetes", "Kubernetes", "Installed features", "kubeconfig");

    private static Path runJar;

    @TempDir
    Path home;

    @BeforeAll
    static void findPackagedApplication() {
        String appDir = System.getProperty("quarkus.app.dir");
        assertThat(appDir).as("system property quarkus.app.dir (set by failsafe)").isNotBlank();
        runJar = Path.of(appDir, "quarkus-run.jar");
        assertThat(runJar).as("run `mvn package` first").isRegularFile();
    }

    @Test
    void findingAtDefaultFailOnExitsOneAndPrintsTheRule() throws Exception {
        Result result = scan(BAD);

        assertThat(result.exit()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("EG-EXP-001", "Elasticsearch support/support-cases", "1 finding (1 critical");
        assertThat(result.err()).isEmpty();
        assertNoStackTrace(result);
    }

    @Test
    void cleanManifestsExitZeroAndPrintOnlyTheSummary() throws Exception {
        Result result = scan(GOOD);

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out().lines().toList()).singleElement().asString().startsWith("0 findings (");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void malformedFileExitsTwoWithOneErrorLineAndNoStackTrace() throws Exception {
        Path file = home.resolve("broken.yaml");
        Files.writeString(file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: broken\n");

        Result result = scan(file.toString());

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("error: " + file + " document 1 (line 1): malformed YAML");
        assertThat(result.out()).contains("1 input error (see stderr)");
        assertNoStackTrace(result);
    }

    @Test
    void usageErrorExitsTwoWithoutAStackTrace() throws Exception {
        Result result = scan("--format", "xml", GOOD);

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("xml");
        assertNoStackTrace(result);
    }

    @Test
    void scanNeverStartsQuarkusOrTheOperator() throws Exception {
        for (Result result : List.of(scan(GOOD), scan(BAD), scan("--format", "json", GOOD))) {
            assertThat(result.err()).as(result.toString()).doesNotContain(BOOT_SIGNS);
            assertThat(result.out()).as(result.toString()).doesNotContain("Quarkus", "Installed features", "JOSDK",
                    "Operator SDK", "io.javaoperatorsdk", "Profile prod activated");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "--help     | 0 | Commands:",
            "help       | 0 | Commands:",
            "-h         | 0 | Commands:",
            "--version  | 0 | exposure-guard ",
            "version    | 0 | exposure-guard ",
            "scan -V    | 0 | exposure-guard ",
            "help scan  | 0 | Usage: scan",
            "frobnicate | 2 | unknown command 'frobnicate'"})
    void helpVersionAndUnknownCommandsAnswerAtOnceAndNeverStartTheOperator(String args, int exit, String says) throws Exception {
        Result result = run(args.split(" "));

        assertThat(result.exit()).as(result.toString()).isEqualTo(exit);
        // (Help texts name Kubernetes and the operator, so only what a boot prints is looked for.)
        assertThat(result.out() + result.err()).contains(says).doesNotContain("Installed features", "JOSDK", "Listening on",
                "io.javaoperatorsdk", "Profile prod activated", "started in", "Quarkus");
        assertNoStackTrace(result);
    }

    // ---- helpers ----

    record Result(int exit, String out, String err) {
    }

    private static void assertNoStackTrace(Result result) {
        assertThat(result.out() + result.err()).doesNotContain("\tat ", "Exception in thread", "Caused by:");
    }

    /**
     * Runs {@code java -jar quarkus-run.jar scan ARGS} in the project directory with a clean environment:
     * no KUBECONFIG, HOME (and user.home) an empty temporary folder so no kubeconfig can be found, and no
     * JVM option variables that would add output of their own.
     */
    private Result scan(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("scan"));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** Runs {@code java -jar quarkus-run.jar ARGS} the same way. */
    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home,
                "-jar", runJar.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "stdout", ".txt");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(BASE.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KUBE") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS") || name.startsWith("QUARKUS_"));
        env.put("HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail(String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s; stdout:\n"
                    + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
