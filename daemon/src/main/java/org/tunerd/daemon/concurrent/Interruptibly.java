package org.tunerd.daemon.concurrent;

/**
 * Waits that give up early when the calling thread is interrupted and then keep its interrupt flag set, so
 * that the caller's loop or shutdown path sees the interruption. For shutdown joins and retry back-offs.
 */
public final class Interruptibly {

    private Interruptibly() {
    }

    /** Sleeps {@code millis}; an interruption ends the sleep and stays flagged on the thread. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code millis} for {@code thread} to end; an interruption ends the wait and stays flagged. */
    public static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
