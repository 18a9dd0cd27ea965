package io.exposureguard.edge.probe;

import io.exposureguard.testing.InstalledTools;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Elasticsearch and PostgreSQL refuse to run as root. When the tests run as root (containers, CI), servers run as the system
 * user {@value #USER}, created here on first use ({@code useradd -r -M}, idempotent), through {@code runuser}.
 * As any other user, servers simply run as that user.
 */
final class Unprivileged {

    static final String USER = "eg-es";

    private Unprivileged() {
    }

    static boolean root() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Skips (or, where CI is set, fails) when running as root without runuser/useradd. */
    static void requireTools() {
        if (root()) {
            InstalledTools.require("util-linux", "to run servers as an unprivileged user", "runuser");
            InstalledTools.require("passwd", "to create the unprivileged user " + USER, "useradd");
        }
    }

    static boolean toolsPresent() {
        return !root() || InstalledTools.find("runuser").isPresent() && InstalledTools.find("useradd").isPresent();
    }

    /** The prefix that runs a command as the unprivileged user: {@code runuser -u eg-es --} as root, nothing otherwise. */
    static List<String> commandPrefix() {
        return root() ? List.of("runuser", "-u", USER, "--") : List.of();
    }

    /** Gives {@code dir} and everything in it to the unprivileged user (as root; otherwise it is ours already). */
    static void handOver(Path dir) throws IOException, InterruptedException {
        if (!root()) {
            return;
        }
        ensureUser();
        UserPrincipal owner = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(USER);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(owner);
            }
        }
    }

    private static synchronized void ensureUser() throws IOException, InterruptedException {
        if (run("id", "-u", USER) == 0) {
            return;
        }
        int created = run("useradd", "-r", "-M", "-d", "/nonexistent", "-s", "/usr/sbin/nologin", USER);
        // 9: created meanwhile by another test JVM.
        if (created != 0 && created != 9 && run("id", "-u", USER) != 0) {
            throw new IllegalStateException("useradd " + USER + " failed with exit code " + created);
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
