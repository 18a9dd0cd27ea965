package io.exposureguard.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * The command tree of the one jar: {@code scan}, {@code report}, {@code operator}, {@code version} and {@code help}.
 * Every command but {@code operator} runs here and returns an exit code, without booting Quarkus; {@code operator}
 * (and no arguments at all, as the image runs it in a cluster) is the only way the operator starts. An unknown
 * command is a usage error, never an operator.
 */
public final class Commands {

    static final String USAGE = """
            Usage: exposure-guard COMMAND [OPTIONS]

            Keeps datastores from being exposed to the network without authentication.

            Commands:
              scan      Scan Kubernetes manifests (files, folders or stdin); no cluster needed
              report    Report what a live cluster exposes (the current kubeconfig), as one HTML page
              operator  Run the operator: admission webhooks, audit, remediation (what the image runs)
              version   Print the version
              help      Print this help, or a command's: help scan

            Run 'exposure-guard COMMAND --help' for a command's options.
            """;

    private Commands() {
    }

    /** The exit code of the command {@code args} name; empty when the operator is to start (with no arguments of its own). */
    public static Optional<Integer> run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return Optional.empty();
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "scan" -> Optional.of(ScanCommand.run(rest, stdin, out, err));
            case "report" -> Optional.of(ReportCommand.run(rest, out, err));
            case "operator" -> {
                if (rest.length > 0) {
                    err.println("error: operator takes no arguments (it is configured through its environment and application"
                            + " properties; see docs/helm.md): got " + String.join(" ", rest));
                    yield Optional.of(2);
                }
                yield Optional.empty();
            }
            case "version", "--version", "-V" -> {
                out.println("exposure-guard " + Version.current());
                yield Optional.of(0);
            }
            case "help", "--help", "-h" -> Optional.of(help(rest, stdin, out, err));
            default -> {
                err.println("error: unknown command '" + args[0] + "' (expected scan, report, operator, version or help)");
                err.print(USAGE);
                yield Optional.of(2);
            }
        };
    }

    private static int help(String[] rest, InputStream stdin, PrintStream out, PrintStream err) {
        if (rest.length == 0) {
            out.print(USAGE);
            return 0;
        }
        return switch (rest[0]) {
            case "scan" -> ScanCommand.run(new String[] {"--help"}, stdin, out, err);
            case "report" -> ReportCommand.run(new String[] {"--help"}, out, err);
            case "operator" -> {
                out.println("Usage: exposure-guard operator");
                out.println("Runs the operator in a cluster. Settings come from the environment (EXPOSURE_GUARD_*) and the Helm chart's values (docs/helm.md).");
                yield 0;
            }
            case "version", "help" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> {
                err.println("error: unknown command '" + rest[0] + "' (expected scan, report, operator, version or help)");
                yield 2;
            }
        };
    }
}
