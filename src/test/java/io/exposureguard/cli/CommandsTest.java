package io.exposureguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar's command tree: only {@code operator}, or no arguments at all, starts the operator. */
class CommandsTest {

    @Test
    void noArgumentsOrOperatorStartTheOperator() {
        assertThat(run().exit()).isEmpty();
        assertThat(run("operator").exit()).isEmpty();
    }

    @Test
    void operatorWithArgumentsIsAUsageErrorNotAnOperatorThatIgnoresThem() {
        Run run = run("operator", "--port", "9000");

        assertThat(run.exit()).contains(2);
        assertThat(run.err()).startsWith("error: operator takes no arguments");
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "--version", "-V"})
    void versionPrintsTheProjectVersion(String arg) throws IOException {
        Run run = run(arg);

        assertThat(run.exit()).contains(0);
        assertThat(run.out().strip()).isEqualTo("exposure-guard " + pomVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan", "report"})
    void eachCommandPrintsTheVersionToo(String command) throws IOException {
        Run run = run(command, "-V");

        assertThat(run.exit()).contains(0);
        assertThat(run.out().strip()).isEqualTo("exposure-guard " + pomVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "--help", "-h"})
    void helpListsEveryCommand(String arg) {
        Run run = run(arg);

        assertThat(run.exit()).contains(0);
        assertThat(run.out()).contains("scan ", "report ", "operator ", "version ", "help ");
    }

    @Test
    void helpOfACommandIsItsOptions() {
        assertThat(run("help", "scan").out()).contains("Usage: scan", "--format", "--fail-on");
        assertThat(run("help", "report").out()).contains("Usage: report", "--kubeconfig", "--with-probe-evidence");
    }

    @Test
    void anUnknownCommandIsAUsageErrorNamingIt() {
        Run run = run("sacn", "k8s/");

        assertThat(run.exit()).contains(2);
        assertThat(run.err()).startsWith("error: unknown command 'sacn' (expected scan, report, operator, version or help)")
                .contains("Usage: exposure-guard COMMAND");
        assertThat(run.out()).isEmpty();
    }

    // ---- helpers ----

    record Run(Optional<Integer> exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Optional<Integer> exit = Commands.run(args, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String pomVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>exposure-guard</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
