package io.exposureguard.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Test helper: the real executables the edge tests drive (promtool, Prometheus, Alertmanager). Where one is
 * missing the test is skipped, visibly and with an install hint; where env CI is set (.ci/run installs them)
 * it fails instead, so CI can never pass by skipping.
 */
public final class InstalledTools {

    private InstalledTools() {
    }

    /**
     * The first of {@code names} found on PATH (distributions name some binaries differently: Debian's
     * {@code prometheus-alertmanager} is upstream's {@code alertmanager}).
     *
     * @param debianPackage the package that installs it, for the hint
     * @param purpose       what the skipped test would have checked, for the skip message
     */
    public static Path require(String debianPackage, String purpose, String... names) {
        return require(debianPackage, purpose, String.join(" or ", names), find(names));
    }

    /**
     * As {@link #require(String, String, String...)}, for an executable looked up elsewhere than on PATH
     * ({@link #findVersioned}); {@code wanted} names it in the messages.
     */
    public static Path require(String debianPackage, String purpose, String wanted, Optional<Path> found) {
        if (found.isEmpty() && System.getenv("CI") != null) {
            fail(wanted + " not found on PATH, and CI is set: install Debian package " + debianPackage
                    + " (apt-get install -y " + debianPackage + ")");
        }
        Assumptions.assumeTrue(found.isPresent(),
                wanted + " not installed (not on PATH): install Debian package " + debianPackage + " " + purpose);
        return found.get();
    }

    /** The first of {@code names} found on PATH, if any; for setup that must not skip or fail by itself. */
    public static Optional<Path> find(String... names) {
        return Stream.of(names).map(InstalledTools::onPath).flatMap(Optional::stream).findFirst();
    }

    /**
     * {@code executable} on PATH, else in the newest {@code <parent>/<version>/bin} (Debian installs PostgreSQL's
     * server binaries under /usr/lib/postgresql/15/bin, not on PATH).
     */
    public static Optional<Path> findVersioned(String executable, Path parent) {
        Optional<Path> onPath = onPath(executable);
        if (onPath.isPresent() || !Files.isDirectory(parent)) {
            return onPath;
        }
        try (Stream<Path> versions = Files.list(parent)) {
            return versions.map(v -> v.resolve("bin").resolve(executable)).filter(Files::isExecutable)
                    .max(java.util.Comparator.comparing(InstalledTools::versionOf));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** 15 of /usr/lib/postgresql/15/bin/initdb; 0 for a directory that is not a number. */
    private static int versionOf(Path binary) {
        String version = binary.getParent().getParent().getFileName().toString();
        return version.matches("\\d{1,6}") ? Integer.parseInt(version) : 0;
    }

    private static Optional<Path> onPath(String executable) {
        List<String> dirs = List.of(System.getenv().getOrDefault("PATH", "").split(Pattern.quote(File.pathSeparator)));
        return dirs.stream()
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, executable))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
