package io.exposureguard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a report goes: standard output, or a file given with {@code -o}. A file is written whole or not at all (a
 * temporary file beside it, then moved into place), so a failed run never leaves half a report where the last good
 * one was.
 */
final class ReportOutput {

    private ReportOutput() {
    }

    /** False, with one line on {@code err} naming the file and why, when the file cannot be written. */
    static boolean write(ReportWriter writer, ScanReport report, Path file, PrintStream out, PrintStream err) throws IOException {
        if (file == null) {
            writer.write(report, out);
            out.flush();
            return true;
        }
        Path target = file.toAbsolutePath();
        Path temp = null;
        try {
            Path dir = target.getParent();
            // Created the way the file itself would be (the user's umask), not private as Files.createTempFile makes it.
            temp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
            try (OutputStream stream = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 PrintStream printer = new PrintStream(stream, false, StandardCharsets.UTF_8)) {
                writer.write(report, printer);
                printer.flush();
                if (printer.checkError()) {
                    throw new IOException("write failed");
                }
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException | SecurityException e) {
            err.println("error: -o " + file + ": cannot write the report (" + reason(e) + ")");
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
            return false;
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
