package io.exposureguard.cli;

import io.exposureguard.core.model.Severity;
import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code scan} and {@code report} share as commands: how picocli runs them (usage errors and a run that could not
 * finish are exit 2 with one line, never a stack trace), the {@code --fail-on} threshold, and the writer of each
 * output format.
 */
final class CommandRunner {

    private CommandRunner() {
    }

    /** Runs {@code command} with {@code args} and returns its exit code. */
    static int run(Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println(ScanCommand.stopped(e));
            return 2;
        });
        try {
            return cl.execute(args);
        } catch (Error e) {
            // picocli handles exceptions only; an Error (out of memory, say) would end the JVM with exit 1,
            // the code for "findings", and a stack trace. The run did not finish: that is exit 2.
            err.println(ScanCommand.stopped(e));
            err.flush();
            return 2;
        }
    }

    /**
     * The severity at which a run fails: empty for "never". A value that is no severity is one line on {@code err}
     * and null (the caller exits 2).
     */
    static Optional<Severity> failOn(String value, PrintStream err) {
        try {
            return value.equalsIgnoreCase("never") ? Optional.empty() : Optional.of(Severity.parse(value));
        } catch (IllegalArgumentException e) {
            err.println("error: --fail-on: " + e.getMessage().replace("(expected", "(expected never,"));
            return null;
        }
    }

    /** The writer of {@code format}; {@code title} and {@code now} head the HTML page. */
    static ReportWriter writer(ScanCommand.Format format, boolean verbose, String title, Instant now) {
        return switch (format) {
            case text -> new TextReportWriter(verbose);
            case json -> new JsonReportWriter();
            case sarif -> new SarifReportWriter();
            case html -> new HtmlReportWriter(title, now);
        };
    }
}
