package io.exposureguard.cli;

import java.io.IOException;
import java.io.PrintStream;

/** Renders a {@link ScanReport} in one output format. */
public interface ReportWriter {
    void write(ScanReport report, PrintStream out) throws IOException;
}
