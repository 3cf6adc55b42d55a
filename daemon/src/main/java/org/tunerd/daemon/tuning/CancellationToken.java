package org.tunerd.daemon.tuning;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Lets a newer environment change or a command stop a running session between two measurements. */
public final class CancellationToken {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final CountDownLatch cancelled = new CountDownLatch(1);

    /** Asks the session to stop; the first reason wins. */
    public void cancel(String why) {
        if (reason.compareAndSet(null, why)) {
            cancelled.countDown();
        }
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** Throws {@link TuningCancelledException} if cancellation was asked for. */
    public void check() {
        String why = reason.get();
        if (why != null) {
            throw new TuningCancelledException(why);
        }
    }

    /** Waits {@code duration} (a settle time), returning early with an exception if cancelled meanwhile. */
    public void sleep(Duration duration) {
        try {
            if (!duration.isZero() && cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TuningCancelledException("interrupted");
        }
        check();
    }
}
