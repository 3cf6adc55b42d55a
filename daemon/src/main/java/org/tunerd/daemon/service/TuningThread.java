package org.tunerd.daemon.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread ({@code tunerd-tuning}) on which the device is used: sessions, pins and drift checks run
 * here one after the other, never on an event loop. Work is queued through {@link Slot}s, one per kind
 * of work; a slot holds at most one task waiting, and asking again while it waits joins that task instead
 * of queueing another. So the queue never holds more than one task per slot, however often a caller asks.
 */
final class TuningThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TuningThread.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tunerd-tuning");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    /** A kind of work with at most one task waiting. */
    final class Slot<T> {
        private final String name;
        private CompletableFuture<T> waiting; // guarded by this slot

        private Slot(String name) {
            this.name = name;
        }

        /**
         * Runs {@code task} on the tuning thread, or, if a task of this slot is already waiting to run, returns
         * that one's result instead (the waiting task reads its inputs when it runs, so it serves both asks).
         */
        synchronized CompletableFuture<T> submit(Supplier<T> task) {
            if (waiting != null) {
                return waiting;
            }
            CompletableFuture<T> result = new CompletableFuture<>();
            waiting = result;
            try {
                executor.execute(() -> {
                    synchronized (this) {
                        waiting = null;
                    }
                    if (stopping) {
                        result.completeExceptionally(new IllegalStateException("the tuning thread is stopping"));
                        return;
                    }
                    try {
                        result.complete(task.get());
                    } catch (RuntimeException | Error e) {
                        LOG.error("{} failed on the tuning thread", name, e);
                        result.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                waiting = null;
                result.completeExceptionally(new IllegalStateException("the tuning thread is stopped", e));
            }
            return result;
        }
    }

    /** A new slot; {@code name} appears in log lines. */
    <T> Slot<T> slot(String name) {
        return new Slot<>(name);
    }

    /** Lets the task running finish (up to {@code timeoutSeconds}), drops waiting ones, stops the thread. */
    void stop(long timeoutSeconds) {
        stopping = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeoutSeconds, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop(30);
    }
}
