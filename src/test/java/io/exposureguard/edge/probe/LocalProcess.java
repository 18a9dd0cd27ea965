package io.exposureguard.edge.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * A real server a test starts (Elasticsearch, nginx, redis-server), output to a log file, stopped with its whole
 * process tree: on {@link #close()}, and by a JVM shutdown hook if the test JVM ends first.
 */
final class LocalProcess implements AutoCloseable {

    private static final Set<LocalProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(p -> p.kill(Duration.ZERO)), "eg-probe-test-cleanup"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static LocalProcess start(String name, List<String> command, Map<String, String> env, Path dir) throws IOException {
        Path log = dir.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        LocalProcess started = new LocalProcess(name, builder.start(), log);
        RUNNING.add(started);
        return started;
    }

    /** A server started by {@link #onFreePort}, and the port it listens on. */
    record Started(LocalProcess process, int port) {
    }

    /**
     * Starts {@code command.apply(port)} on a free 127.0.0.1 port, in {@code dir}, until {@code ready.test(port)};
     * up to three times, since another process may take the port between choosing and binding it.
     */
    static Started onFreePort(String name, Path dir, IntFunction<List<String>> command, Duration timeout, IntPredicate ready)
            throws IOException, InterruptedException {
        return onFreePort(name, dir, Map.of(), command, timeout, ready);
    }

    /** As {@link #onFreePort(String, Path, IntFunction, Duration, IntPredicate)}, with {@code env} added to the environment. */
    static Started onFreePort(String name, Path dir, Map<String, String> env, IntFunction<List<String>> command, Duration timeout,
                              IntPredicate ready) throws IOException, InterruptedException {
        AssertionError last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            LocalProcess process = start(name, command.apply(port), env, dir);
            if (process.awaitReady(timeout, () -> ready.test(port))) {
                return new Started(process, port);
            }
            last = new AssertionError(name + " exited during startup (attempt " + attempt + "):\n" + process.tail(20));
            process.close();
        }
        throw last;
    }

    /** True when something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a set-up command (initdb, say) to its end; fails with its output when it fails or takes too long. */
    static void runToEnd(String name, List<String> command, Path dir, Duration timeout) throws IOException, InterruptedException {
        LocalProcess step = start(name, command, Map.of(), dir);
        try {
            if (!step.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not finish in " + timeout.toSeconds() + "s; last output:\n" + step.tail(40));
            }
            if (step.process.exitValue() != 0) {
                throw new AssertionError(name + " failed with exit code " + step.process.exitValue() + ":\n" + step.tail(40));
            }
        } finally {
            step.close();
        }
    }

    /**
     * Waits until {@code ready} holds. Returns false when the process exits first (a port taken meanwhile, say: the
     * caller may retry), and fails with the log's tail when it is neither ready nor dead after {@code timeout}.
     */
    boolean awaitReady(Duration timeout, BooleanSupplier ready) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                return false;
            }
            if (ready.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        close();
        throw new AssertionError(name + " not ready after " + timeout.toSeconds() + "s; last output:\n" + tail(40));
    }

    boolean alive() {
        return process.isAlive();
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to the whole tree (the server and any runuser in front of it), SIGKILL after 20 s. */
    @Override
    public void close() {
        kill(Duration.ofSeconds(20));
        RUNNING.remove(this);
    }

    private void kill(Duration grace) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** A port free on 127.0.0.1 right now (a server started later may still lose a race for it: callers retry). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
