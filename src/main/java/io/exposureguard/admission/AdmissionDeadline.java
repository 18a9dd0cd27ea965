package io.exposureguard.admission;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Keeps a webhook answer inside its deadline. The API server waits {@code timeoutSeconds} (5 s in the
 * shipped configurations) and then applies the failure policy; answering ourselves a little earlier,
 * with the same outcome the failure policy would give (allowed, with a warning), keeps the decision ours,
 * visible and counted. Judging that overruns keeps running to completion on its bounded pool and is
 * discarded; the audit evaluates the object anyway. One pool serves both webhooks ({@link AdmissionDeadlineProducer}):
 * the API server calls them one after the other for a request.
 */
public final class AdmissionDeadline implements AutoCloseable {

    private final ExecutorService pool;

    public AdmissionDeadline(int threads) {
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1000), r -> {
            Thread t = new Thread(r, "admission-judge");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The judged answer (a verdict, a fix) if it is ready within {@code deadline}, else {@code late}'s. */
    public <T> T within(Duration deadline, Supplier<T> judging, Supplier<T> late) {
        Future<T> future;
        try {
            future = pool.submit(judging::get);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return late.get();
        }
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return late.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return late.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
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
    }
}
