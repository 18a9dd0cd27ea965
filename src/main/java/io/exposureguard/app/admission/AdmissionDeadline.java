package io.exposureguard.app.admission;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Keeps a webhook answer inside its deadline, without holding any thread while it waits. The API server waits
 * {@code timeoutSeconds} (5 s in the shipped configurations) and then applies the failure policy; answering
 * ourselves a little earlier, with the same outcome the failure policy would give (allowed, with a warning), keeps
 * the decision ours, visible and counted. Judging that overruns keeps running to completion on the bounded pool and
 * is discarded; the audit evaluates the object anyway.
 *
 * <p>At most {@code maxInFlight} judgings run or wait at once (a permit is held until a judging really ends, not
 * just until its deadline): one more is refused at once ({@link #submit} is empty), so a flood of reviews is
 * answered fast instead of queueing past every deadline. One pool serves both webhooks
 * ({@link AdmissionDeadlineProducer}): the API server calls them one after the other for a request.
 */
public final class AdmissionDeadline implements AutoCloseable {

    private final ExecutorService pool;
    /** Late answers are made here, not on the JDK's single timeout thread, so a burst of them is not answered in a queue. */
    private final ExecutorService lateAnswers;
    private final Semaphore inFlight;

    public AdmissionDeadline(int threads) {
        this(threads, 1000);
    }

    public AdmissionDeadline(int threads, int maxInFlight) {
        this.inFlight = new Semaphore(maxInFlight);
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(maxInFlight),
                daemons("admission-judge"), new ThreadPoolExecutor.AbortPolicy());
        this.lateAnswers = Executors.newFixedThreadPool(Math.max(2, threads), daemons("admission-late"));
    }

    /**
     * Daemon threads with the class loader of the application that made this pool, whichever thread happens to start
     * them (the JDK's timeout thread starts the late-answer threads): the REST layer finds its runtime through it.
     */
    private static java.util.concurrent.ThreadFactory daemons(String name) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(application);
            return t;
        };
    }

    /**
     * Starts {@code judging} on the pool; the answer completes with its result if that is ready within
     * {@code deadline}, else with {@code late}'s. Empty, at once, when {@code maxInFlight} judgings are under way.
     * A judging that throws completes the answer exceptionally with what it threw.
     */
    public <T> Optional<CompletableFuture<T>> submit(Duration deadline, Supplier<T> judging, Supplier<T> late) {
        if (!inFlight.tryAcquire()) {
            return Optional.empty();
        }
        CompletableFuture<T> judged;
        try {
            judged = CompletableFuture.supplyAsync(judging, pool);
        } catch (RejectedExecutionException e) {
            inFlight.release();
            return Optional.empty();
        }
        judged.whenComplete((v, e) -> inFlight.release());
        // An answer in time is handed on by the judging thread; only a late one is made on the late-answer pool.
        return Optional.of(judged.copy().orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS).handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(v);
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                return CompletableFuture.supplyAsync(late, lateAnswers);
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(answer -> answer));
    }

    /** The judged answer if it is ready within {@code deadline}, else {@code late}'s (also when the pool is full). Blocks. */
    public <T> T within(Duration deadline, Supplier<T> judging, Supplier<T> late) {
        Optional<CompletableFuture<T>> answer = submit(deadline, judging, late);
        if (answer.isEmpty()) {
            return late.get();
        }
        try {
            return answer.get().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The warning a late answer carries: what was not finished within {@code deadline}, and what happened instead
     * (kubectl prints it to whoever applied the object).
     */
    public static String lateWarning(String unfinished, Duration deadline, String outcome) {
        return "exposure-guard did not finish " + unfinished + " within " + deadline.toMillis() + " ms; " + outcome
                + ", as the webhook's failure policy would, and the background audit evaluates it";
    }

    @Override
    public void close() {
        pool.shutdownNow();
        lateAnswers.shutdownNow();
    }
}
