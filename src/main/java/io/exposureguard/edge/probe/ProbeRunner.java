package io.exposureguard.edge.probe;

import io.exposureguard.core.probe.ProbeResult;

import io.exposureguard.core.probe.ProbeOutcome;
import io.exposureguard.core.probe.ProbeTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes a batch of targets: at most {@code concurrency} at a time, all within an overall deadline, and each
 * endpoint (host:port) at most once per {@code minInterval} for each owner (datastore), whatever the callers ask.
 * A result is reused only for the owner it was probed for, and only for the same protocol (kind and TLS). Never
 * throws for a target: failures, prober bugs and the deadline become UNKNOWN results. Batches run one at a time.
 * <p>
 * The interval is measured on the {@code now} the caller passes (the clock stays outside); the deadline on the
 * real time the batch takes.
 */
public final class ProbeRunner {

    /**
     * @param concurrency how many probes run at once
     * @param deadline    the longest a batch may take; targets not started by then are reported, not probed
     * @param minInterval the least time between two probes of one endpoint
     */
    public record Settings(int concurrency, Duration deadline, Duration minInterval) {

        public Settings {
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(minInterval, "minInterval");
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            if (deadline.isZero() || deadline.isNegative() || minInterval.isNegative()) {
                throw new IllegalArgumentException("deadline must be positive and minInterval not negative");
            }
        }

        /** 4 at a time, 60 s per batch, each endpoint at most every 10 minutes. */
        public static Settings defaults() {
            return new Settings(4, Duration.ofSeconds(60), Duration.ofMinutes(10));
        }
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Prober prober;
    private final Settings settings;
    /** The last probe of each endpoint still within the interval, by owner and endpoint key. */
    private final Map<String, ProbeOutcome> recent = new HashMap<>();

    public ProbeRunner(Prober prober, Settings settings) {
        this.prober = Objects.requireNonNull(prober, "prober");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * One target probed on behalf of {@code owner} (a datastore, say). Results are kept and reused per owner and
     * endpoint only: one owner never gets a result probed for another, even at the same host:port.
     */
    public record Request(String owner, ProbeTarget target) {

        public Request {
            owner = owner == null ? "" : owner;
            Objects.requireNonNull(target, "target");
        }

        String key() {
            return owner + "\u0000" + target.endpointKey();
        }
    }

    /** Outcomes in the order of {@code targets}, all on behalf of one owner; a target listed twice is probed once. */
    public List<ProbeOutcome> run(List<ProbeTarget> targets, Instant now) {
        return runFor(targets.stream().map(t -> new Request("", t)).toList(), now);
    }

    /** Outcomes in the order of {@code requests}; a request listed twice (same owner and endpoint) is probed once. */
    public synchronized List<ProbeOutcome> runFor(List<Request> requests, Instant now) {
        recent.values().removeIf(o -> !o.probedAt().plus(settings.minInterval()).isAfter(now));

        Map<String, ProbeTarget> toProbe = new LinkedHashMap<>();
        for (Request request : requests) {
            String key = request.key();
            if (!recent.containsKey(key)) {
                toProbe.putIfAbsent(key, request.target());
            }
        }
        Map<String, ProbeOutcome> fresh = probeAll(toProbe, now);
        recent.putAll(fresh);

        List<ProbeOutcome> outcomes = new ArrayList<>(requests.size());
        for (Request request : requests) {
            String key = request.key();
            ProbeTarget target = request.target();
            ProbeOutcome own = fresh.get(key);
            if (own == null) {
                // Either probed in an earlier batch, or not started before the deadline.
                ProbeOutcome earlier = recent.get(key);
                own = earlier != null ? reused(target, earlier) : notStarted(target, now);
            } else if (!own.target().equals(target)) {
                own = reused(target, own);
            }
            outcomes.add(own);
        }
        return outcomes;
    }

    /** Probes each target once; outcomes only for targets that were started (they sent traffic). */
    private Map<String, ProbeOutcome> probeAll(Map<String, ProbeTarget> targets, Instant now) {
        Map<String, ProbeOutcome> done = new LinkedHashMap<>();
        if (targets.isEmpty()) {
            return done;
        }
        StartGate gate = new StartGate();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.concurrency(), targets.size()), daemonThreads());
        try {
            Map<String, Future<ProbeResult>> pending = new LinkedHashMap<>();
            targets.forEach((key, target) -> pending.put(key, pool.submit(() -> gate.enter(key) ? safely(target) : null)));
            long deadline = System.nanoTime() + settings.deadline().toNanos();
            for (Map.Entry<String, Future<ProbeResult>> entry : pending.entrySet()) {
                String key = entry.getKey();
                Future<ProbeResult> future = entry.getValue();
                ProbeResult result;
                try {
                    result = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    gate.close();
                    result = future.isDone() ? finished(future) : null;
                    if (result == null && gate.started(key)) {
                        result = ProbeResult.unknown("batch deadline of " + Failures.human(settings.deadline())
                                + " reached before the probe finished").withDuration(settings.deadline());
                    }
                    future.cancel(true);
                } catch (ExecutionException e) {
                    result = ProbeResult.unknown("probe failed: " + e.getCause().getClass().getSimpleName());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    gate.close();
                    future.cancel(true);
                    result = gate.started(key) ? ProbeResult.unknown("interrupted before the probe finished") : null;
                }
                if (result != null) {
                    done.put(key, new ProbeOutcome(targets.get(key), result, now, false));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return done;
    }

    private static ProbeResult finished(Future<ProbeResult> future) {
        try {
            return future.get();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Lets probes start until the deadline passes, and remembers which did (they sent traffic). */
    private static final class StartGate {
        private final Set<String> started = new java.util.HashSet<>();
        private boolean closed;

        synchronized boolean enter(String key) {
            if (closed) {
                return false;
            }
            started.add(key);
            return true;
        }

        synchronized void close() {
            closed = true;
        }

        synchronized boolean started(String key) {
            return started.contains(key);
        }
    }

    private ProbeResult safely(ProbeTarget target) {
        try {
            ProbeResult result = prober.probe(target);
            return result != null ? result : ProbeResult.unknown("probe failed: no result");
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return ProbeResult.unknown("probe failed: " + e.getClass().getSimpleName());
        }
    }

    private ProbeOutcome reused(ProbeTarget target, ProbeOutcome earlier) {
        boolean sameProtocol = earlier.target().type().equals(target.type()) && earlier.target().tls() == target.tls();
        ProbeResult result = sameProtocol ? earlier.result() : ProbeResult.unknown("not probed: " + target.endpoint()
                + " was probed as " + earlier.target().type().displayName() + (earlier.target().tls() ? " over TLS" : "")
                + " less than " + Failures.human(settings.minInterval()) + " ago");
        return new ProbeOutcome(target, result, earlier.probedAt(), true);
    }

    private ProbeOutcome notStarted(ProbeTarget target, Instant now) {
        return new ProbeOutcome(target, ProbeResult.unknown("not probed: batch deadline of "
                + Failures.human(settings.deadline()) + " reached first"), now, false);
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "eg-probe-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
